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
}
