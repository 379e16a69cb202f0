import Foundation

/// What one node tells the others after its commits: "topic T is at seq S now", batched into NOTIFY payloads
/// (`{"node": "...", "heads": {"room:4": 17, ...}}`), each under PostgreSQL's 8,000-byte limit. A hint carries no
/// event: a node that follows the topic reads what it lacks by `(topic, seq)`, so a lost hint costs only time (the
/// periodic head check finds it).
struct Hints: Sendable, Equatable, Codable {
    let node: String
    let heads: [String: Int64]

    /// The payloads for `heads`, split so that each stays under `limit` bytes.
    static func payloads(node: String, heads: [String: Int64], limit: Int = 7_900) -> [String] {
        var payloads: [String] = []
        var batch: [String: Int64] = [:]
        var size = 0
        let overhead = node.utf8.count + 32
        for (topic, seq) in heads.sorted(by: { $0.key < $1.key }) {
            let entry = topic.utf8.count + 24
            if !batch.isEmpty, overhead + size + entry > limit {
                payloads.append(encode(Hints(node: node, heads: batch)))
                batch = [:]
                size = 0
            }
            batch[topic] = seq
            size += entry
        }
        if !batch.isEmpty { payloads.append(encode(Hints(node: node, heads: batch))) }
        return payloads
    }

    static func decode(_ payload: String) -> Hints? {
        try? JSONDecoder().decode(Hints.self, from: Data(payload.utf8))
    }

    private static func encode(_ hints: Hints) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(hints)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

/// An ephemeral event (typing, presence, hands, a meeting's WebRTC signals, queue places) passed to the other nodes
/// as it is, in one NOTIFY on the bus's channel: it is not in the log, so it goes once, to whoever follows its topic
/// on a node listening then (as it goes to the sockets of the node that made it). Frames over the payload limit are
/// not relayed (none of the server's ephemeral events comes near it).
struct Relayed: Sendable, Equatable, Codable {
    let node: String
    let topic: String
    let frame: String
    /// People on the topic who are not told (blocked either way).
    let skipping: [Int64]

    static let limit = 7_900

    var payload: String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let data = try? encoder.encode(self), data.count <= Self.limit else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ payload: String) -> Relayed? {
        try? JSONDecoder().decode(Relayed.self, from: Data(payload.utf8))
    }
}
