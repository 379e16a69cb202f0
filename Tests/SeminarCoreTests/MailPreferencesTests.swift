import SeminarCore
import Testing

@Suite("mail preferences and the unsubscribe page")
struct MailPreferencesTests {
    @Test("every optional kind has a topic; invitations and resets have none (always sent)")
    func topics() throws {
        #expect(MailKind.invitation.topic == nil && MailKind.passwordReset.topic == nil)
        #expect([MailKind.meetingRequested, .meetingAccepted, .meetingDeclined, .meetingCancelled].allSatisfy { $0.topic == .meetings })
        #expect(try MailPreferences.topic("digest") == .digest)
        #expect(throws: DomainError.self) { try MailPreferences.topic("invitation") }
        #expect(throws: DomainError.self) { try MailPreferences.topic(nil) }
        #expect(MailPreferences(off: [.plan]).isOn(.meetings) && !MailPreferences(off: [.plan]).isOn(.plan))
    }

    @Test("the page asks first (a form that posts), then says what was done; escaped; in three languages")
    func page() {
        let ask = UnsubscribePage.render(language: .en, seminar: "A <b> seminar", topic: .meetings, state: .confirm(action: "/api/mail/unsubscribe/1.meetings.x"))
        #expect(ask.contains("Stop receiving meeting notices by mail?") && ask.contains("<form method=\"post\" action=\"/api/mail/unsubscribe/1.meetings.x\">"))
        #expect(ask.contains("A &lt;b&gt; seminar") && !ask.contains("<b>"))
        let done = UnsubscribePage.render(language: .fr, seminar: "S", topic: .digest, state: .done)
        #expect(done.contains("vous ne recevrez plus le résumé du matin par e-mail") && !done.contains("<form"))
        #expect(UnsubscribePage.render(language: .es, seminar: "S", topic: .desk, state: .done).contains("las respuestas de la acogida"))
    }
}

@Suite("announcements by mail")
struct AnnouncementMailTests {
    @Test("the text as written, framed in the reader's language, urgent in the subject, paragraphs in HTML, escaped; the unsubscribe link")
    func compose() {
        let person = MailPerson(id: UserID(3), email: "a@x.org", name: "Ana", language: .es)
        let seminar = MailSeminar(name: LocalizedText(en: "Seminar", es: "Seminario"), startsAt: nil, endsAt: nil, timeZone: "UTC")
        let mail = AnnouncementMail.compose(.init(text: "Room 2 moves <now>.\n\nSee the program.", level: .urgent, author: "Org"), for: person,
                                            seminar: seminar, home: "https://s.org/", unsubscribe: "https://s.org/u")
        #expect(mail.subject == "Urgente: Anuncio — Seminario")
        #expect(mail.text.contains("Un anuncio de Org para todo el seminario:\n\nRoom 2 moves <now>.\n\nSee the program.\n\n"))
        #expect(mail.html.contains("<p>Room 2 moves &lt;now&gt;.</p>\n<p>See the program.</p>") && mail.text.contains("Para no recibirlos más: https://s.org/u"))
        #expect(OutboxMail.deliverable("a@x.org") && !OutboxMail.deliverable("desk@demo.seminar.INVALID"))
    }
}

@Suite("desk replies by mail")
struct DeskReplyMailTests {
    @Test("who answered, their words quoted, the way back to the desk, the unsubscribe link; escaped in HTML")
    func compose() {
        let person = MailPerson(id: UserID(3), email: "a@x.org", name: "Ana", language: .fr)
        let seminar = MailSeminar(name: LocalizedText(fr: "Séminaire"), startsAt: nil, endsAt: nil, timeZone: "UTC")
        let mail = DeskReplyMail.compose(.init(agent: "Desk <Dee>", text: "Room 2.\nAt 15:00."), for: person, seminar: seminar,
                                         desk: "https://s.org/#/desk", unsubscribe: "https://s.org/u")
        #expect(mail.subject == "L’accueil vous a répondu — Séminaire")
        #expect(mail.text.contains("Desk <Dee>, à l’accueil, vous a répondu pendant votre absence :\n\n> Room 2.\n> At 15:00.\n\n"))
        #expect(mail.text.contains("Pour poursuivre la conversation :\nhttps://s.org/#/desk") && mail.text.contains("Pour ne plus les recevoir : https://s.org/u"))
        #expect(mail.html.contains("Desk &lt;Dee&gt;") && mail.html.contains("<em>Room 2. At 15:00.</em>"))
        #expect(MailKind.deskReply.topic == .desk && !MailKind.deskReply.carriesSecret)
    }
}

@Suite("the morning digest")
struct DigestMailTests {
    @Test("the day's sessions and meetings in time order, each with its link, in the reader's language and time zone")
    func compose() {
        let zone = MailZone(name: "Europe/Paris") { _ in 3600 }
        let person = MailPerson(id: UserID(3), email: "a@x.org", name: "Ana", language: .en)
        let seminar = MailSeminar(name: LocalizedText(en: "Seminar"), startsAt: nil, endsAt: nil, timeZone: "Europe/Paris")
        let nine = Timestamp(iso8601: "2027-02-16T08:00:00Z")!
        let items: [DigestMail.Item] = [
            .init(start: nine.adding(seconds: 7200), end: nine.adding(seconds: 8100), kind: .meeting(with: "Bo", table: 4, id: MeetingID(7))),
            .init(start: nine, end: nine.adding(seconds: 3600), kind: .session(title: LocalizedText(fr: "Ouverture", en: "Opening"), id: SessionID(2))),
        ]
        let mail = DigestMail.compose(for: person, items: items, seminar: seminar, zone: zone, agenda: "https://s.org/#/agenda", link: { item in
            switch item.kind {
            case .session(_, let id): "https://s.org/#/sessions/\(id)"
            case .meeting(_, _, let id): "https://s.org/#/table/\(id)"
            }
        }, unsubscribe: "https://s.org/u")
        #expect(mail.subject == "Your day, Tuesday 16 February 2027 — Seminar")
        #expect(mail.text.contains("• 09:00–10:00 Opening\n  https://s.org/#/sessions/2\n\n• 11:00–11:15 Meeting with Bo, table 4\n  https://s.org/#/table/7"))
        #expect(mail.text.contains("To stop it: https://s.org/u") && mail.html.contains("<a href=\"https://s.org/#/table/7\">11:00–11:15 Meeting with Bo, table 4</a>"))
    }
}
