import Foundation
import SeminarCore
import SeminarServer
import SeminarTestPostgres
import Testing

/// Presence is the cluster's: two live nodes on one database, people on each. A room's `present` and list of people,
/// its hands queue, the lounge's "here now", the desk's agents on duty and who is online count everyone on every node;
/// a node that stops takes its people off the other node's lists.
@Suite("presence across cluster nodes")
struct ClusterPresenceLiveTests {
    /// The next event of `type` on `topic` that `matches`: presence from the other node arrives within a sync or two.
    static func until(_ socket: TestSocket, _ type: String, topic: String, _ matches: (Frame) -> Bool,
                      sourceLocation: SourceLocation = #_sourceLocation) async throws -> Frame {
        var seen: [[String: any Sendable]] = []
        while true {
            do {
                let frame = try await event(socket, type, topic: topic, timeout: 20)
                if matches(frame) { return frame }
                seen.append(frame.data)
            } catch {
                Issue.record("no matching \(type) on \(topic); seen \(seen)", sourceLocation: sourceLocation)
                throw error
            }
        }
    }

    /// Asks again until the answer `matches` (another node's people are read once a second).
    static func askUntil(_ what: String, _ ask: @escaping @Sendable () async throws -> Frame,
                           _ matches: @escaping @Sendable (Frame) -> Bool) async throws -> Frame {
        try await eventually(what) {
            let frame = try await ask()
            return matches(frame) ? frame : nil
        }
    }

    static func snapshot(_ frame: Frame) -> [String: any Sendable] {
        frame.data["snapshot"] as? [String: any Sendable] ?? [:]
    }

    @Test("a room's present, its people and its hands are the cluster's; the lounge, the desk and who is online too; a node stopping takes its people away")
    func presence() async throws {
        let (a, b, end) = try await ClusterNodesTests.twoNodes(demo: false)
        try await ProgramTests.load(a)
        let (host, hostUser, _) = try await a.signedInSocket("Hana", role: .host)
        try await a.database.addHost(user: hostUser.id, session: SessionID(1))
        #expect(try await host.request("room.enter", ["roomId": 1]).ok)
        #expect(try await host.request("room.open", ["roomId": 1]).ok)
        let (ana, anaUser, _) = try await a.signedInSocket("Ana")
        let (pia, piaUser, _) = try await b.signedInSocket("Pia")
        #expect(try await ana.request("room.enter", ["roomId": 1]).ok)
        #expect(try await pia.request("room.enter", ["roomId": 1]).ok)

        // Three people in, on two nodes: both nodes' sockets hear 3.
        _ = try await Self.until(pia, "presence", topic: "room:1") { $0.data["present"] as? Int64 == 3 }
        _ = try await Self.until(host, "presence", topic: "room:1") { $0.data["present"] as? Int64 == 3 }
        // Node a's count reached Pia first; node b's own reads catch up within a sync or two.
        let again = try await Self.askUntil("node b counting 3", { try await pia.request("room.enter", ["roomId": 1]) }) { Self.snapshot($0)["present"] as? Int64 == 3 }
        #expect(Self.snapshot(again)["present"] as? Int64 == 3)
        let people = try await Self.askUntil("node b listing 3", { try await pia.request("room.people", ["roomId": 1]) }) { $0.data["count"] as? Int64 == 3 }
        #expect(people.data["count"] as? Int64 == 3, "room.people on node b: \(people.data)")

        // Hands: raised on both nodes, one queue; the host on node a grants the hand raised on node b.
        #expect(try await pia.request("hand.raise", ["roomId": 1]).data["position"] as? Int64 == 1)
        #expect(try await ana.request("hand.raise", ["roomId": 1]).data["position"] as? Int64 == 2)
        #expect(try await host.request("hand.grant", ["roomId": 1, "userId": piaUser.id.rawValue]).ok)
        let granted = try await Self.until(pia, "hands", topic: "room:1") { $0.data["granted"] as? Int64 == piaUser.id.rawValue }
        #expect(((granted.data["queue"] as? [any Sendable])?.first as? [String: any Sendable])?["userId"] as? Int64 == anaUser.id.rawValue)
        let hands = Self.snapshot(try await pia.request("room.enter", ["roomId": 1]))["hands"] as? [any Sendable]
        #expect(hands?.count == 1)

        // The lounge's "here now": Ana there on node a is in the list Pia reads on node b.
        #expect(try await ana.request("lounge.enter").ok)
        let lounge = try await Self.askUntil("Ana in the lounge from node b", { try await pia.request("lounge.enter") }) { frame in
            (Self.snapshot(frame)["people"] as? [any Sendable] ?? []).contains { ($0 as? [String: any Sendable])?["id"] as? Int64 == anaUser.id.rawValue }
        }
        let here = Self.snapshot(lounge)["people"] as? [[String: any Sendable]] ?? []
        #expect(here.first { $0["id"] as? Int64 == anaUser.id.rawValue }?["online"] as? Bool == true, "Ana in the lounge from node b: \(here)")

        // The desk: an agent on duty on node a is counted on node b; someone online on node a is found online on node b.
        let (agent, _, _) = try await a.signedInSocket("Agnès", role: .agent)
        #expect(try await agent.request("subscribe", ["topic": "desk"]).ok)
        let guide = try await Self.askUntil("an agent on duty seen from node b", { try await pia.request("guide.now") }) {
            ($0.data["desk"] as? [String: any Sendable])?["agentsOnline"] as? Int64 == 1
        }
        #expect((guide.data["desk"] as? [String: any Sendable])?["agentsOnline"] as? Int64 == 1)
        let online = try await pia.request("people.search", ["q": "Ana", "onlineOnly": true])
        #expect((online.data["people"] as? [[String: any Sendable]])?.map { $0["id"] as? Int64 } == [anaUser.id.rawValue])

        // Node a stops: its people are gone from node b's room and lounge.
        await a.stop()
        var alone = false, anaLeft = false
        while !(alone && anaLeft) {
            let frame = try await pia.nextEvent(timeout: 20)
            if frame.type == "presence", frame.topic == "room:1", frame.data["present"] as? Int64 == 1 { alone = true }
            if frame.type == "lounge.left", frame.data["userId"] as? Int64 == anaUser.id.rawValue { anaLeft = true }
        }
        #expect(Self.snapshot(try await pia.request("room.enter", ["roomId": 1]))["present"] as? Int64 == 1)
        await end()
    }
}
