import Foundation
import GRDB
import SeminarCore
import SeminarProtocol
import SeminarStore
import Testing

@Suite("meeting notices queued in the meeting change's transaction")
struct MeetingNoticeStoreTests {
    let now = Timestamp(seconds: 2_000_000_000)

    static let compose: MeetingNotice.Composer = { notice, seminar, _ in
        OutboxMail(kind: notice.event.kind, recipient: notice.recipient.email, userID: notice.recipient.id, language: notice.recipient.language,
                   fromName: seminar.name(in: notice.recipient.language),
                   content: MailContent(subject: "\(notice.event) from \(notice.other.name) note=\(notice.note) table=\(notice.table ?? 0)", text: "", html: ""),
                   attachments: notice.meetingID.map { [MailAttachment(filename: "meeting-\($0).ics", contentType: "text/calendar", content: "")] } ?? [])
    }

    func setUp() async throws -> (AppDatabase, UserRecord, UserRecord) {
        let database = try AppDatabase.inMemory(wire: .seminar)
        let ana = try await database.createUser(email: "ana@x.org", passwordHash: "-", displayName: "Ana", locale: .fr, role: .participant, now: now)
        let bo = try await database.createUser(email: "bo@x.org", passwordHash: "-", displayName: "Bo", locale: .es, role: .participant, now: now)
        try await database.addSlots([(now.adding(seconds: 3600), now.adding(seconds: 4500)), (now.adding(seconds: 7200), now.adding(seconds: 8100))],
                                    tables: 2, now: now)
        return (database, ana, bo)
    }

    func mails(_ database: AppDatabase) async throws -> [String] {
        try await database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT kind, recipient, lang, subject, attachments FROM mail_outbox ORDER BY id").map {
                "\($0["kind"] as String) \($0["recipient"] as String) \($0["lang"] as String): \($0["subject"] as String)\(($0["attachments"] as String) == "[]" ? "" : " +ics")"
            }
        }
    }

    @Test("requested → the person asked; accepted → both, with the .ics; cancelled → the other, with the .ics")
    func lifecycle() async throws {
        let (database, ana, bo) = try await setUp()
        let request = try await database.requestMeeting(from: ana, to: bo.id.rawValue, slots: try await database.grid(for: ana.id).prefix(1).map(\.slot.id), message: "Hi", confirmOverlap: false, key: nil,
                                                        expiryHours: 48, now: now, notify: Self.compose)
        #expect(try await mails(database) == ["meeting_requested bo@x.org es: requested from Ana note=Hi table=0"])
        let meeting = try await database.acceptMeeting(request: request.id, slot: request.slots[0].id, by: bo, confirmOverlap: false, expiryHours: 48,
                                                       now: now, notify: Self.compose)
        try await database.cancelMeeting(meeting.id, by: ana, now: now, notify: Self.compose)
        #expect(try await mails(database).dropFirst() == [
            "meeting_accepted ana@x.org fr: accepted from Bo note= table=1 +ics", "meeting_accepted bo@x.org es: accepted from Ana note= table=1 +ics",
            "meeting_cancelled bo@x.org es: cancelled from Ana note= table=1 +ics",
        ])
    }

    @Test("declined → the sender, with the reason; withdrawn → the person asked; a refused change queues nothing")
    func closedAndRefused() async throws {
        let (database, ana, bo) = try await setUp()
        let first = try await database.requestMeeting(from: ana, to: bo.id.rawValue, slots: try await database.grid(for: ana.id).prefix(1).map(\.slot.id), message: "", confirmOverlap: false, key: nil,
                                                      expiryHours: 48, now: now, notify: Self.compose)
        // Ana may not accept her own request: refused, nothing queued.
        await #expect(throws: DomainError.self) {
            _ = try await database.acceptMeeting(request: first.id, slot: first.slots[0].id, by: ana, confirmOverlap: false, expiryHours: 48,
                                                 now: now, notify: Self.compose)
        }
        _ = try await database.closeRequest(first.id, .decline, by: bo, reason: "Busy", expiryHours: 48, now: now, notify: Self.compose)
        let second = try await database.requestMeeting(from: ana, to: bo.id.rawValue, slots: try await database.grid(for: ana.id).prefix(1).map(\.slot.id), message: "", confirmOverlap: false, key: nil,
                                                       expiryHours: 48, now: now, notify: Self.compose)
        _ = try await database.closeRequest(second.id, .withdraw, by: ana, reason: nil, expiryHours: 48, now: now, notify: Self.compose)
        #expect(try await mails(database) == [
            "meeting_requested bo@x.org es: requested from Ana note= table=0", "meeting_declined ana@x.org fr: declined from Bo note=Busy table=0",
            "meeting_requested bo@x.org es: requested from Ana note= table=0", "meeting_cancelled bo@x.org es: withdrawn from Ana note= table=0",
        ])
    }

    @Test("a person who turned meeting notices off is not mailed; the other still is; the server key is made once")
    func preferenceOff() async throws {
        let (database, ana, bo) = try await setUp()
        #expect(try await database.setMailTopic(.meetings, on: false, for: bo.id)?.isOn(.meetings) == false)
        #expect(try await database.mailPreferences(of: bo.id).off == [.meetings])
        let request = try await database.requestMeeting(from: ana, to: bo.id.rawValue, slots: try await database.grid(for: ana.id).prefix(1).map(\.slot.id),
                                                        message: "", confirmOverlap: false, key: nil, expiryHours: 48, now: now, notify: Self.compose)
        _ = try await database.acceptMeeting(request: request.id, slot: request.slots[0].id, by: bo, confirmOverlap: false, expiryHours: 48,
                                             now: now, notify: Self.compose)
        #expect(try await mails(database) == ["meeting_accepted ana@x.org fr: accepted from Bo note= table=1 +ics"])
        #expect(try await database.setMailTopic(.meetings, on: true, for: UserID(999)) == nil)
        let key = try await database.serverKey(named: "k") { [1, 2, 3] }
        #expect(key == [1, 2, 3])
        #expect(try await database.serverKey(named: "k") { [9] } == key)
    }
}

@Suite("the morning digest in the store")
struct DigestStoreTests {
    let now = Timestamp(seconds: 2_000_000_000)

    static let compose: DigestMail.Composer = { person, items, seminar in
        OutboxMail(kind: .digest, recipient: person.email, userID: person.id, language: person.language, fromName: seminar.name(in: person.language),
                   content: MailContent(subject: "\(items.count) items", text: "", html: ""))
    }

    @Test("once per day: each person with a meeting that day, no one else, not those who turned it off")
    func oncePerDay() async throws {
        let database = try AppDatabase.inMemory(wire: .seminar)
        let ana = try await database.createUser(email: "ana@x.org", passwordHash: "-", displayName: "Ana", locale: .fr, role: .participant, now: now)
        let bo = try await database.createUser(email: "bo@x.org", passwordHash: "-", displayName: "Bo", locale: .es, role: .participant, now: now)
        _ = try await database.createUser(email: "cy@x.org", passwordHash: "-", displayName: "Cy", locale: .en, role: .participant, now: now)
        try await database.addSlots([(now.adding(seconds: 3600), now.adding(seconds: 4500))], tables: 2, now: now)
        let slot = try await database.grid(for: ana.id)[0].slot.id
        let request = try await database.requestMeeting(from: ana, to: bo.id.rawValue, slots: [slot], message: "", confirmOverlap: false, key: nil,
                                                        expiryHours: 48, now: now)
        _ = try await database.acceptMeeting(request: request.id, slot: slot, by: bo, confirmOverlap: false, expiryHours: 48, now: now)
        _ = try await database.setMailTopic(.digest, on: false, for: bo.id)
        let day = (from: now, to: now.adding(seconds: 86_400))
        #expect(try await database.queueDigests(day: "d1", from: day.from, to: day.to, now: now, compose: Self.compose) == 1)
        #expect(try await database.queueDigests(day: "d1", from: day.from, to: day.to, now: now, compose: Self.compose) == 0)
        #expect(try await database.outbox().map(\.recipient) == ["ana@x.org"])
        #expect(try await database.queueDigests(day: "d2", from: day.to, to: day.to.adding(seconds: 86_400), now: now, compose: Self.compose) == 0)
    }
}
