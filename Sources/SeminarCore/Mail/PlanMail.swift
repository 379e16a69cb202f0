/// "Your meetings": what a person is sent when the organisers publish a plan that gives them meetings — every
/// meeting they have booked, in order (time, who, table, the table's link), and one `.ics` with all of them.
public enum PlanMail {
    public struct Meeting: Sendable, Equatable {
        public let id: MeetingID
        public let with: String
        public let slot: MeetingNotice.Span
        public let table: Int

        public init(id: MeetingID, with: String, slot: MeetingNotice.Span, table: Int) {
            self.id = id
            self.with = with
            self.slot = slot
            self.table = table
        }
    }

    /// Writes one person's plan mail (the edge knows the addresses, the time zone and the unsubscribe link).
    public typealias Composer = @Sendable (MeetingNotice.Person, [Meeting], MailSeminar, Timestamp) -> OutboxMail

    /// `table(id)` is a meeting's table address.
    public static func compose(for person: MeetingNotice.Person, meetings: [Meeting], seminar: MailSeminar, zone: MailZone, now: Timestamp,
                               meetingsPage: String, table: (MeetingID) -> String, unsubscribe: String?) -> (content: MailContent, attachments: [MailAttachment]) {
        let language = person.language
        let name = seminar.name(in: language)
        let sorted = meetings.sorted { ($0.slot.start, $0.id) < ($1.slot.start, $1.id) }
        let t = texts(language, seminar: name, person: person.name, count: sorted.count)
        let lines = sorted.map { "• \(MailDate.span(from: $0.slot.start, to: $0.slot.end, in: zone, language: language)) — \($0.with), \(t.table) \($0.table)" }
        let e = MailContent.escaped
        let footer = ["— " + name] + (unsubscribe.map { [t.unsubscribe + " " + $0] } ?? [])
        let text = ([t.greeting, t.intro] + zip(lines, sorted).map { $0 + "\n  " + table($1.id) } + [t.open + "\n" + meetingsPage, t.calendar] + footer)
            .joined(separator: "\n\n") + "\n"
        let items = zip(lines, sorted).map { "\(e($0)) <a href=\"\(e(table($1.id)))\">\(e(t.join))</a>" }
        let html = MailContent.page(language: language, title: t.subject, before: [e(t.greeting), e(t.intro)] + items + [e(t.open)],
                                    link: meetingsPage, linkLabel: t.button,
                                    after: [e(t.calendar), "— " + e(name)] + (unsubscribe.map { ["<small>\(e(t.unsubscribe)) <a href=\"\(e($0))\">\(e($0))</a></small>"] } ?? []))
        let events = sorted.map { MeetingMail.event(id: $0.id, with: $0.with, slot: $0.slot, table: $0.table, link: table($0.id), language: language, seminar: name) }
        return (MailContent(subject: t.subject, text: text, html: html),
                [MeetingMail.attachment("meetings.ics", events, seminar: name, now: now, method: "PUBLISH")])
    }

    private struct Texts {
        let subject, greeting, intro, table, join, open, button, calendar, unsubscribe: String
    }

    private static func texts(_ language: Language, seminar: String, person: String, count: Int) -> Texts {
        switch language {
        case .fr:
            Texts(subject: "Vos rencontres — \(seminar)", greeting: "Bonjour \(person),",
                  intro: "Les organisateurs ont publié le programme des rencontres. Vous en avez \(count) :", table: "table",
                  join: "Rejoindre la table", open: "Toutes vos rencontres :", button: "Mes rencontres",
                  calendar: "Toutes sont jointes pour votre agenda (meetings.ics).",
                  unsubscribe: "Vous recevez ce message car le programme de vos rencontres est activé dans votre profil. Pour ne plus le recevoir :")
        case .en:
            Texts(subject: "Your meetings — \(seminar)", greeting: "Hello \(person),",
                  intro: "The organisers have published the meetings plan. You have \(count):", table: "table",
                  join: "Join the table", open: "All your meetings:", button: "My meetings",
                  calendar: "All of them are attached for your calendar (meetings.ics).",
                  unsubscribe: "You get this mail because your meetings plan is on in your profile. To stop it:")
        case .es:
            Texts(subject: "Sus reuniones — \(seminar)", greeting: "Hola, \(person):",
                  intro: "Los organizadores publicaron el plan de reuniones. Tiene \(count):", table: "mesa",
                  join: "Ir a la mesa", open: "Todas sus reuniones:", button: "Mis reuniones",
                  calendar: "Todas van adjuntas para su agenda (meetings.ics).",
                  unsubscribe: "Recibe este mensaje porque el plan de sus reuniones está activado en su perfil. Para no recibirlo más:")
        }
    }
}
