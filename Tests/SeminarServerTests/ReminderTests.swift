import Foundation
import SeminarCore
import SeminarServer
import SeminarStore
import Testing

@Suite("reminders")
struct ReminderTests {
    @Test("a bookmarked session starting within 5 minutes sends one reminder on the person's topic")
    func reminder() async throws {
        let server = try await TestServer.start()
        try await ProgramTests.load(server)  // session 1 starts 2021-02-15T09:00Z
        let (socket, user, _) = try await server.signedInSocket("Forgetful")
        let (other, _, _) = try await server.signedInSocket("Other")
        #expect(try await socket.request("subscribe", ["topic": "user:\(user.id.rawValue)"]).ok)
        #expect(try await other.request("subscribe", ["topic": "user:\(user.id.rawValue)"]).errorCode == "forbidden")
        #expect(try await socket.request("agenda.add", ["sessionId": 1]).ok)
        let start = try #require(Timestamp(iso8601: "2021-02-15T09:00:00Z"))
        #expect(try await server.database.sendDueReminders(now: start.adding(seconds: -600)) == 0)
        #expect(try await server.database.sendDueReminders(now: start.adding(seconds: -240)) == 1)
        #expect(try await server.database.sendDueReminders(now: start.adding(seconds: -120)) == 0)
        let event = try await socket.nextEvent()
        #expect(event.topic == "user:\(user.id.rawValue)" && event.type == "reminder")
        #expect(event.data["sessionId"] as? Int64 == 1 && event.data["roomId"] as? Int64 == 1)
        await server.stop()
    }
}
