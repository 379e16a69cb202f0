import Foundation
import SeminarCore
import SeminarServer
import Testing

@Suite("the morning digest, live")
struct DigestTests {
    @Test("at 07:00 in the seminar's time zone the running server mails the day's agenda, once, to whoever has one")
    func digestOnce() async throws {
        let clock = TestClock()
        let realNow = Int64(Date().timeIntervalSince1970)
        // 04:00 in Madrid on the program's first day: too early.
        clock.advance(seconds: try #require(Timestamp(iso8601: "2021-02-15T03:00:00Z")).seconds - realNow)
        let server = try await TestServer.start(clock: clock.now)
        try await ProgramTests.load(server)  // session 1: 2021-02-15T09:00Z, Europe/Madrid
        let (socket, _, _) = try await server.signedInSocket("Early Bird")
        _ = try await server.signedInSocket("Nothing Today")
        #expect(try await socket.request("agenda.add", ["sessionId": 1]).ok)
        #expect(PasswordResetTests.emlFiles(server).isEmpty)
        clock.advance(seconds: 3 * 3600 + 600)  // 07:10 in Madrid
        let file = try await eventually("the digest in outbox/") {
            PasswordResetTests.emlFiles(server).first { $0.lastPathComponent.hasSuffix("-digest.eml") }
        }
        let eml = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "=\r\n", with: "")
        #expect(eml.contains("To: <early.bird-") && eml.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
        #expect(eml.contains("10:00") && eml.contains("/#/sessions/1"))
        // Only the person with something that day; a second round finds the day's marker and queues nothing.
        #expect(try await server.database.queueDigests(day: "2021-02-15", from: clock.now(), to: clock.now().adding(seconds: 3600), now: clock.now(),
                                                       compose: { _, _, _ in Issue.record("composed again"); return OutboxMail(
                                                           kind: .digest, recipient: "x@x.org", userID: nil, language: .en, fromName: "",
                                                           content: MailContent(subject: "", text: "", html: "")) }) == 0)
        let digests = try await server.database.outbox().filter { $0.kind == "digest" }
        #expect(digests.count == 1)
        await server.stop()
    }
}
