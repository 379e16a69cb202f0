import Foundation
import SeminarCore
import SeminarPostgres
import Testing

/// Presence across nodes (`ClusterPresence`) on a real server: two nodes' views of one database. Each node's people are
/// the others'; a change is read where it happened; a node whose heartbeat stops is gone with its people; a node the
/// others forgot while it stalled writes its people again.
@Suite("cluster presence on PostgreSQL")
struct ClusterPresenceTests {
    static func twoNodes() async throws -> (a: ClusterPresence, b: ClusterPresence, url: DatabaseURL, close: @Sendable () async -> Void) {
        let url = try await TestPostgres.freshDatabase()
        let first = try await PostgresDatabase.open(url, logger: TestPostgres.logger)
        let second = try await PostgresDatabase.open(url, logger: TestPostgres.logger)
        // Generous times: a loaded test machine may take seconds between two steps; the tests age heartbeats themselves.
        let live = Duration.seconds(300), forget = Duration.seconds(900)
        return (ClusterPresence(database: first, node: "node-a", liveFor: live, forgetAfter: forget),
                ClusterPresence(database: second, node: "node-b", liveFor: live, forgetAfter: forget), url, {
            first.close()
            second.close()
            await TestPostgres.drop(url)
        })
    }

    @Test("each node reads the other's people by topic; what changes is told as the topics it touched; its own are not its others'")
    func shared() async throws {
        let (a, b, _, close) = try await Self.twoNodes()
        try await a.sync(local: ["room:1": [UserID(1), UserID(2)], "lounge": [UserID(1)], ClusterPresence.online: [UserID(1), UserID(2)]])
        let first = try await b.sync(local: ["room:1": [UserID(3)]])
        #expect(first.topics == ["room:1", "lounge", ClusterPresence.online] && first.gone.isEmpty)
        #expect(b.people("room:1") == [UserID(1), UserID(2)] && b.isFollowing("lounge", user: UserID(1)))
        #expect(b.isFollowing(ClusterPresence.online, user: UserID(2)) && !b.isFollowing("room:1", user: UserID(3)))
        #expect(b.otherNodes == ["node-a"])

        // Nothing changed: nothing read anew, nothing told.
        #expect(try await b.sync(local: ["room:1": [UserID(3)]]).isEmpty)
        try await a.sync(local: ["room:1": [UserID(1), UserID(2)], "lounge": [UserID(1)], ClusterPresence.online: [UserID(1), UserID(2)]])
        #expect(try await b.sync(local: ["room:1": [UserID(3)]]).isEmpty)

        // Ben left room 1 on node a and went to room 2: both rooms are told, the lounge is not.
        try await a.sync(local: ["room:1": [UserID(1)], "room:2": [UserID(2)], "lounge": [UserID(1)], ClusterPresence.online: [UserID(1), UserID(2)]])
        let moved = try await b.sync(local: ["room:1": [UserID(3)]])
        #expect(moved.topics == ["room:1", "room:2"])
        #expect(b.people("room:1") == [UserID(1)] && b.people("room:2") == [UserID(2)])
        let seenByA = try await a.sync(local: ["room:1": [UserID(1)], "room:2": [UserID(2)], "lounge": [UserID(1)], ClusterPresence.online: [UserID(1), UserID(2)]])
        #expect(seenByA.isEmpty && a.people("room:1") == [UserID(3)], "node a read node b's room when it last changed")
        await close()
    }

    @Test("a node whose heartbeat stopped is gone with its people (told once); long silent, its rows are deleted; back, it writes them again")
    func gone() async throws {
        let (a, b, url, close) = try await Self.twoNodes()
        let people: ClusterPresence.People = ["room:1": [UserID(1)], ClusterPresence.online: [UserID(1)]]
        try await a.sync(local: people)
        try await b.sync(local: [:])
        #expect(b.people("room:1") == [UserID(1)])

        // Node a stops (as killed): its heartbeat ages past `liveFor`.
        try await TestPostgres.execute("UPDATE cluster_nodes SET seen_at = now() - interval '400 seconds' WHERE node = 'node-a'", on: url)
        let change = try await b.sync(local: [:])
        #expect(change.gone == ["node-a": people] && change.topics == ["room:1", ClusterPresence.online])
        #expect(b.people("room:1").isEmpty && !b.isFollowing(ClusterPresence.online, user: UserID(1)) && b.otherNodes.isEmpty)
        #expect(try await b.sync(local: [:]).isEmpty)
        #expect(try await TestPostgres.count("SELECT count(*) FROM cluster_presence WHERE node = 'node-a'", on: url) == 2)

        // Silent past `forgetAfter`: any live node deletes it and its rows.
        try await TestPostgres.execute("UPDATE cluster_nodes SET seen_at = now() - interval '1 hour' WHERE node = 'node-a'", on: url)
        try await b.sync(local: [:])
        #expect(try await TestPostgres.count("SELECT count(*) FROM cluster_presence WHERE node = 'node-a'", on: url) == 0)

        // Node a was only stalled: its next sync finds itself forgotten and writes its people again.
        try await a.sync(local: people)
        #expect(try await TestPostgres.count("SELECT count(*) FROM cluster_presence WHERE node = 'node-a'", on: url) == 2)
        let back = try await b.sync(local: [:])
        #expect(back.topics == ["room:1", ClusterPresence.online] && b.people("room:1") == [UserID(1)])

        // A node stopping in good order takes its people off at once.
        await a.leave()
        #expect(try await b.sync(local: [:]).gone == ["node-a": people])
        await close()
    }
}
