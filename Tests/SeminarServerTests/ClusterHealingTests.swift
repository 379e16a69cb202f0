import Foundation
import SeminarCore
import SeminarServer
import SeminarTestPostgres
import Testing

/// The cluster heals by itself when its database restarts under it: a server of the test's own (the shared one serves
/// every other test), two live nodes on it, and `pg_ctl restart` between two announcements.
@Suite("a cluster whose database restarts")
struct ClusterHealingTests {
    @Test("after a PostgreSQL restart the nodes write again and the bus carries events across nodes again, nothing lost or twice")
    func databaseRestart() async throws {
        let postgres = try OwnPostgres.start()
        let url = postgres.url
        let configure: @Sendable (inout Settings) -> Void = {
            $0.databaseURL = url
            $0.demo = false
        }
        let a = try await TestServer.start(configure)
        let b = try await TestServer.start(configure)
        do {
            let (organiser, _, _) = try await a.signedInSocket("Olga", role: .organiser)
            let (listener, _, _) = try await b.signedInSocket("Lena")
            let start = try #require(try await listener.request("subscribe", ["topic": "seminar"]).data["seq"] as? Int64)
            #expect(try await organiser.request("announce", ["text": "before"]).ok)
            #expect(try await event(listener, "announcement", topic: "seminar").seq == start + 1)

            try postgres.restart()

            // The organiser's page sends again (one idempotency key) until the node's pool has reconnected.
            let deadline = Date().addingTimeInterval(30)
            var sent = try await organiser.request("announce", ["text": "after"], key: "after-restart")
            while !sent.ok, Date() < deadline {
                try await Task.sleep(for: .milliseconds(200))
                sent = try await organiser.request("announce", ["text": "after"], key: "after-restart")
            }
            #expect(sent.ok, "the node writes again after the restart: \(sent.error)")
            // Node b's listening connection came back and caught up: the announcement once, next in order.
            let after = try await event(listener, "announcement", topic: "seminar", timeout: 30)
            #expect(after.seq == start + 2 && after.data["text"] as? String == "after")
            #expect(try await organiser.request("announce", ["text": "later"]).ok)
            let later = try await event(listener, "announcement", topic: "seminar")
            #expect(later.seq == start + 3, "nothing twice: the next one follows")
        } catch {
            await a.stop()
            await b.stop()
            postgres.stop()
            throw error
        }
        await a.stop()
        await b.stop()
        postgres.stop()
    }
}
