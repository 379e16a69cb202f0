import Foundation
import Testing

@Suite("graceful shutdown")
struct ShutdownTests {
    @Test("shutdown closes sockets with 1001 after delivering what was committed")
    func goingAway() async throws {
        let server = try await TestServer.start()
        let (organiser, _, _) = try await server.signedInSocket("O", role: .organiser)
        let (listener, _, _) = try await server.signedInSocket("L")
        #expect(try await listener.request("subscribe", ["topic": "seminar"]).ok)
        #expect(try await organiser.request("announce", ["text": "last words"]).ok)
        await server.stop()
        let event = try await listener.nextEvent()
        #expect(event.seq == 1)
        let close = try await withDeadline(10, "close") { try await listener.waitClosed() }
        #expect(close?.closeCode == .goingAway)
    }

    @Test("draining: /healthz answers 503 at once while the sockets still work, then they close with 1001")
    func draining() async throws {
        let server = try await TestServer.start { $0.drainSeconds = 12 }  // room for a loaded machine between the first 503 and the ping
        let (person, _, _) = try await server.signedInSocket("P")
        #expect(try await HTTP.send("GET", server.http + "/healthz").status == 200)
        let stopping = Task { await server.stop() }
        let health = try await withDeadline(8, "healthz draining") {
            while true {
                let answer = try await HTTP.send("GET", server.http + "/healthz")
                if answer.status == 503 { return answer }
                #expect(answer.status == 200, "healthz before draining: \(answer.status)")
            }
        }
        #expect(health.json["status"] as? String == "draining")
        #expect(try await person.request("ping").ok)
        let close = try await withDeadline(15, "close") { try await person.waitClosed() }
        #expect(close?.closeCode == .goingAway)
        await stopping.value
    }
}
