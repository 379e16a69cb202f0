import Foundation
import SeminarCore
import Testing

@Suite("meeting notices by mail")
struct MeetingMailTests {
    static let zone = MailZone(name: "Europe/Paris") { _ in 3600 }
    static let seminar = MailSeminar(name: LocalizedText(fr: "Séminaire", en: "Seminar", es: "Seminario"), startsAt: nil, endsAt: nil, timeZone: "Europe/Paris")
    static let ana = MeetingNotice.Person(id: UserID(1), email: "ana@x.org", name: "Ana", language: .fr)
    static let bo = MeetingNotice.Person(id: UserID(2), email: "bo@x.org", name: "Bo <b>", language: .en)
    static let slot = MeetingNotice.Span(start: Timestamp(iso8601: "2027-02-16T09:30:00Z")!, end: Timestamp(iso8601: "2027-02-16T09:45:00Z")!)
    static let links = MeetingMail.Links(meetings: "https://s.org/#/lounge/meetings", table: "https://s.org/#/table/7", unsubscribe: "https://s.org/api/mail/off/x")
    static let now = Timestamp(iso8601: "2027-02-10T08:00:00Z")!

    func compose(_ event: MeetingNotice.Event, to recipient: MeetingNotice.Person, note: String = "") -> (content: MailContent, attachments: [MailAttachment]) {
        let other = recipient.id == Self.ana.id ? Self.bo : Self.ana
        return MeetingMail.compose(MeetingNotice(event: event, recipient: recipient, other: other, slots: [Self.slot], table: 3,
                                                 meetingID: event == .accepted || event == .cancelled ? MeetingID(7) : nil, note: note),
                                   seminar: Self.seminar, zone: Self.zone, now: Self.now, links: Self.links)
    }

    @Test("a request: who asks, the proposed times, their message, where to answer, how to stop these mails; in the recipient's language")
    func requested() {
        let fr = compose(.requested, to: Self.ana, note: "On parle budgets ?")
        #expect(fr.content.subject == "Bo <b> propose une rencontre — Séminaire")
        #expect(fr.content.text.contains("• mardi 16 février 2027, 10:30–10:45 (Europe/Paris)"))
        #expect(fr.content.text.contains("Son message : « On parle budgets ? »"))
        #expect(fr.content.text.contains("Pour accepter ou refuser :\nhttps://s.org/#/lounge/meetings"))
        #expect(fr.content.text.contains("Pour ne plus les recevoir : https://s.org/api/mail/off/x"))
        #expect(fr.content.html.contains("Bo &lt;b&gt; aimerait") && fr.attachments.isEmpty)
        let es = compose(.requested, to: Self.ana.with(language: .es))
        #expect(es.content.subject.hasPrefix("Bo <b> le propone una reunión") && !es.content.text.contains("Su mensaje"))
    }

    @Test("accepted: the time, the table and its link, and an .ics with UID, UTC times, SUMMARY and the table's address")
    func accepted() throws {
        let en = compose(.accepted, to: Self.bo)
        #expect(en.content.subject == "Meeting booked with Ana: Tuesday 16 February 2027, 10:30–10:45 (Europe/Paris)")
        #expect(en.content.text.contains("table 3.") && en.content.text.contains("join the table:\nhttps://s.org/#/table/7"))
        let ics = try #require(en.attachments.first)
        #expect(ics.filename == "meeting-7.ics" && ics.contentType == "text/calendar; charset=UTF-8; method=PUBLISH")
        let lines = ics.content.components(separatedBy: "\r\n")
        for expected in ["BEGIN:VCALENDAR", "METHOD:PUBLISH", "BEGIN:VEVENT", "UID:meeting-7@seminar", "DTSTART:20270216T093000Z",
                         "DTEND:20270216T094500Z", "SUMMARY:Meeting with Ana — Seminar", "URL:https://s.org/#/table/7", "END:VEVENT", "END:VCALENDAR"] {
            #expect(lines.contains(expected), "\(expected) in \(ics.content)")
        }
        #expect(lines.contains { $0.hasPrefix("DTSTAMP:20270210T080000Z") })
    }

    @Test("declined with its reason, withdrawn, cancelled with an .ics that cancels the same UID")
    func closed() throws {
        let declined = compose(.declined, to: Self.bo, note: "Busy")
        #expect(declined.content.subject == "Ana declined your meeting request" && declined.content.text.contains("Their reason: “Busy”"))
        let withdrawn = compose(.withdrawn, to: Self.ana)
        #expect(withdrawn.content.subject == "Bo <b> a retiré sa demande de rencontre" && withdrawn.attachments.isEmpty)
        let cancelled = compose(.cancelled, to: Self.ana)
        #expect(cancelled.content.subject == "Rencontre annulée : Bo <b>, mardi 16 février 2027, 10:30–10:45 (Europe/Paris)")
        let ics = try #require(cancelled.attachments.first)
        #expect(ics.contentType.hasSuffix("method=CANCEL"))
        for expected in ["METHOD:CANCEL", "UID:meeting-7@seminar", "SEQUENCE:1", "STATUS:CANCELLED"] {
            #expect(ics.content.components(separatedBy: "\r\n").contains(expected))
        }
    }

    @Test("a mail with an attachment: multipart/mixed around the alternative, the file in base64 lines of 76")
    func rendered() throws {
        let mail = compose(.accepted, to: Self.bo)
        let message = MailMessage(fromName: "Seminar", fromAddress: "s@x.org", to: "bo@x.org", subject: mail.content.subject, text: mail.content.text,
                                  html: mail.content.html, date: Self.now, messageID: "1@x.org", attachments: mail.attachments)
        let text = message.rendered(boundary: "=_b")
        #expect(text.contains("Content-Type: multipart/mixed; boundary=\"=_b_mixed\"\r\n\r\n--=_b_mixed\r\nContent-Type: multipart/alternative; boundary=\"=_b\""))
        #expect(text.contains("--=_b--\r\n--=_b_mixed\r\nContent-Type: text/calendar; charset=UTF-8; method=PUBLISH; name=\"meeting-7.ics\"\r\n"
                              + "Content-Disposition: attachment; filename=\"meeting-7.ics\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"))
        #expect(text.hasSuffix("--=_b_mixed--\r\n"))
        let encoded = try #require(text.components(separatedBy: "base64\r\n\r\n").last?.components(separatedBy: "\r\n--=_b_mixed--").first)
        #expect(encoded.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 })
        let decoded = try #require(Data(base64Encoded: encoded.replacing("\r\n", with: "")))
        #expect(String(decoding: decoded, as: UTF8.self) == mail.attachments[0].content)
    }
}

extension MeetingNotice.Person {
    func with(language: Language) -> MeetingNotice.Person { .init(id: id, email: email, name: name, language: language) }
}

@Suite("the published plan by mail")
struct PlanMailTests {
    @Test("every meeting in order with who, when and the table's link; one .ics with an event per meeting; the unsubscribe link")
    func plan() throws {
        let later = MeetingNotice.Span(start: MeetingMailTests.slot.start.adding(seconds: 3600), end: MeetingMailTests.slot.end.adding(seconds: 3600))
        let mail = PlanMail.compose(for: MeetingMailTests.bo, meetings: [.init(id: MeetingID(9), with: "Cy", slot: later, table: 2),
                                                                          .init(id: MeetingID(7), with: "Ana", slot: MeetingMailTests.slot, table: 3)],
                                    seminar: MeetingMailTests.seminar, zone: MeetingMailTests.zone, now: MeetingMailTests.now,
                                    meetingsPage: "https://s.org/#/lounge/meetings", table: { "https://s.org/#/table/\($0)" }, unsubscribe: "https://s.org/u")
        #expect(mail.content.subject == "Your meetings — Seminar")
        let text = mail.content.text
        let first = try #require(text.range(of: "• Tuesday 16 February 2027, 10:30–10:45 (Europe/Paris) — Ana, table 3\n  https://s.org/#/table/7"))
        let second = try #require(text.range(of: "• Tuesday 16 February 2027, 11:30–11:45 (Europe/Paris) — Cy, table 2\n  https://s.org/#/table/9"))
        #expect(first.lowerBound < second.lowerBound && text.contains("You have 2:") && text.contains("To stop it: https://s.org/u"))
        let ics = try #require(mail.attachments.first)
        #expect(mail.attachments.count == 1 && ics.filename == "meetings.ics")
        let lines = ics.content.components(separatedBy: "\r\n")
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 2 && lines.contains("UID:meeting-7@seminar") && lines.contains("UID:meeting-9@seminar"))
        #expect(lines.contains("DTSTART:20270216T103000Z") && lines.contains("SUMMARY:Meeting with Cy — Seminar"))
    }
}
