import Foundation
import Logging
import PostgresNIO
import SeminarCore
import Synchronization

/// Who is where on the other nodes of the cluster. Each node writes its own people — the signed-in people following a
/// room, the lounge or the desk, and who is online at all — as rows of its own in `cluster_presence`, with a heartbeat
/// in `cluster_nodes`; and reads the other live nodes' rows. A node whose heartbeat is older than `liveFor` counts for
/// nothing, and its rows are deleted with it after `forgetAfter`: a node killed mid-seminar takes its people with it.
///
/// Reads are from memory (a room's `present` costs no query); ``sync(local:)`` refreshes both ways, once a second.
/// Only a node whose rows changed (its `version`) is read again.
public final class ClusterPresence: Sendable {
    /// One node's people, by topic.
    public typealias People = [String: Set<UserID>]

    /// What a sync changed in the other nodes' people: the topics whose people changed, and the nodes gone (with
    /// what they held).
    public struct Change: Sendable, Equatable {
        public var topics: Set<String> = []
        public var gone: [String: People] = [:]
        public var isEmpty: Bool { topics.isEmpty && gone.isEmpty }
    }

    private struct Node {
        var version: Int64
        var people: People
    }

    private struct State {
        /// The rows of this node in the database, as last written.
        var written: Set<Pair> = []
        var version: Int64 = 0
        var others: [String: Node] = [:]
        /// Every other node's people, merged: what the reads answer.
        var merged: People = [:]
    }

    private struct Pair: Hashable {
        let topic: String
        let user: UserID
    }

    public let node: String
    let database: PostgresDatabase
    let liveFor: Duration
    let forgetAfter: Duration
    private let state = Mutex(State())

    public init(database: PostgresDatabase, node: String, liveFor: Duration = .seconds(10), forgetAfter: Duration = .seconds(30)) {
        self.database = database
        self.node = node
        self.liveFor = liveFor
        self.forgetAfter = forgetAfter
    }

    /// The topic of "online at all" (any socket): no real topic has this name.
    public static let online = "*online"

    // MARK: reads (memory)

    /// The people of `topic` on the other live nodes.
    public func people(_ topic: String) -> Set<UserID> {
        state.withLock { $0.merged[topic] ?? [] }
    }

    /// Whether `user` follows `topic` on another live node.
    public func isFollowing(_ topic: String, user: UserID) -> Bool {
        state.withLock { $0.merged[topic]?.contains(user) ?? false }
    }

    /// The nodes whose people count now, this one excepted.
    public var otherNodes: Set<String> {
        state.withLock { Set($0.others.keys) }
    }

    // MARK: sync

    /// Writes this node's people (`local`, by topic) as its rows and its heartbeat, forgets nodes long silent, and
    /// reads the other live nodes' rows anew where they changed. Returns what changed in the other nodes' people.
    @discardableResult
    public func sync(local: People) async throws -> Change {
        let pairs = Set(local.flatMap { topic, users in users.map { Pair(topic: topic, user: $0) } })
        let (written, version) = state.withLock { ($0.written, $0.version) }
        try await write(pairs: pairs, written: written, version: version)
        let live = try await liveNodes()
        var read: [String: Node] = [:]
        let known = state.withLock { $0.others }
        for (other, otherVersion) in live where known[other]?.version != otherVersion {
            read[other] = Node(version: otherVersion, people: try await people(of: other))
        }
        return state.withLock { state in
            var change = Change()
            for (other, node) in state.others where live[other] == nil {
                change.gone[other] = node.people
                state.others[other] = nil
            }
            for (other, node) in read {
                let before = state.others[other]?.people ?? [:]
                for topic in Set(before.keys).union(node.people.keys) where before[topic] != node.people[topic] {
                    change.topics.insert(topic)
                }
                state.others[other] = node
            }
            for people in change.gone.values { change.topics.formUnion(people.keys) }
            if !change.isEmpty {
                var merged: People = [:]
                for node in state.others.values {
                    for (topic, users) in node.people { merged[topic, default: []].formUnion(users) }
                }
                state.merged = merged
            }
            return change
        }
    }

    /// This node's heartbeat, and its rows brought to `pairs`. A node found missing from `cluster_nodes` (the others
    /// took it for dead while it stalled, and its rows went) writes all its rows again.
    private func write(pairs: Set<Pair>, written: Set<Pair>, version: Int64) async throws {
        let node = node, logger = database.logger
        let forget = forgetAfter.components.seconds
        let result = try await database.transaction { connection -> (written: Set<Pair>, version: Int64) in
            let changed = pairs != written
            let next = changed ? version + 1 : version
            let fresh = try await connection.value("""
                INSERT INTO cluster_nodes(node, seen_at, version) VALUES (\(node), now(), \(next + 1))
                ON CONFLICT (node) DO UPDATE SET seen_at = now(), version = \(next)
                RETURNING xmax = 0
                """, as: Bool.self, logger: logger) ?? true
            let present = fresh ? Set<Pair>() : written
            let removed = present.subtracting(pairs), added = pairs.subtracting(present)
            if !removed.isEmpty {
                try await connection.query("""
                    DELETE FROM cluster_presence WHERE node = \(node)
                      AND (topic, user_id) IN (SELECT * FROM unnest(\(removed.map(\.topic))::text[], \(removed.map(\.user.rawValue))::bigint[]))
                    """, logger: logger)
            }
            if !added.isEmpty {
                try await connection.query("""
                    INSERT INTO cluster_presence(node, topic, user_id)
                    SELECT \(node), topic, user_id FROM unnest(\(added.map(\.topic))::text[], \(added.map(\.user.rawValue))::bigint[]) AS p(topic, user_id)
                    ON CONFLICT DO NOTHING
                    """, logger: logger)
            }
            // Nodes silent for long are gone, and their rows with them (any live node may do it; doing it twice is harmless).
            try await connection.query("""
                DELETE FROM cluster_nodes WHERE seen_at < now() - make_interval(secs => \(Double(forget)))
                """, logger: logger)
            return (pairs, fresh ? next + 1 : next)
        }
        state.withLock {
            $0.written = result.written
            $0.version = result.version
        }
    }

    /// The other nodes heard from within `liveFor`, with their versions.
    private func liveNodes() async throws -> [String: Int64] {
        let node = node, logger = database.logger
        let live = Double(liveFor.components.seconds) + Double(liveFor.components.attoseconds) / 1e18
        return try await database.client.withConnection { connection in
            var nodes: [String: Int64] = [:]
            for try await (other, version) in try await connection.query("""
                SELECT node, version FROM cluster_nodes WHERE node <> \(node) AND seen_at > now() - make_interval(secs => \(live))
                """, logger: logger).decode((String, Int64).self) {
                nodes[other] = version
            }
            return nodes
        }
    }

    private func people(of other: String) async throws -> People {
        let logger = database.logger
        return try await database.client.withConnection { connection in
            var people: People = [:]
            for try await (topic, user) in try await connection.query("""
                SELECT topic, user_id FROM cluster_presence WHERE node = \(other)
                """, logger: logger).decode((String, Int64).self) {
                people[topic, default: []].insert(UserID(user))
            }
            return people
        }
    }

    /// This node's heartbeat and rows, gone at once (a node stopping in good order).
    public func leave() async {
        let node = node, logger = database.logger
        _ = try? await database.client.withConnection { connection in
            try await connection.query("DELETE FROM cluster_nodes WHERE node = \(node)", logger: logger)
        }
    }
}
