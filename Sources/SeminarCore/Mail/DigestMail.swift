/// The morning digest: what is on a person's agenda today — the sessions they bookmarked and their meetings — in
/// time order, each with its link. Only people with something on the day get one.
public enum DigestMail {
    public struct Item: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            case session(title: LocalizedText, id: SessionID)
            case meeting(with: String, table: Int, id: MeetingID)
        }

        public let start: Timestamp
        public let end: Timestamp
        public let kind: Kind

        public init(start: Timestamp, end: Timestamp, kind: Kind) {
            self.start = start
            self.end = end
            self.kind = kind
        }
    }

    /// Writes one person's digest (the edge knows the addresses, the time zone and the unsubscribe link).
    public typealias Composer = @Sendable (MailPerson, [Item], MailSeminar) -> OutboxMail

    /// `link(item)` is the item's address (a session's page, a meeting's table).
    public static func compose(for person: MailPerson, items: [Item], seminar: MailSeminar, zone: MailZone, agenda: String,
                               link: (Item) -> String, unsubscribe: String?) -> MailContent {
        let language = person.language
        let name = seminar.name(in: language)
        let sorted = items.sorted { $0.start < $1.start }
        let day = sorted.first.map { MailDate.day($0.start, in: zone, language: language) } ?? ""
        let t = texts(language, seminar: name, person: person.name, day: day)
        let lines = sorted.map { item -> String in
            let when = "\(MailDate.clock(item.start, in: zone))–\(MailDate.clock(item.end, in: zone))"
            switch item.kind {
            case .session(let title, _): return "\(when) \(title.resolved(language)?.text ?? "")"
            case .meeting(let other, let table, _): return "\(when) \(t.meeting) \(other), \(t.table) \(table)"
            }
        }
        let e = MailContent.escaped
        let footer = ["— " + name] + (unsubscribe.map { [t.unsubscribe + " " + $0] } ?? [])
        let text = ([t.greeting, t.intro] + zip(lines, sorted).map { "• \($0)\n  \(link($1))" } + [t.open + "\n" + agenda] + footer)
            .joined(separator: "\n\n") + "\n"
        let html = MailContent.page(language: language, title: t.subject,
                                    before: [e(t.greeting), e(t.intro)] + zip(lines, sorted).map { "<a href=\"\(e(link($1)))\">\(e($0))</a>" } + [e(t.open)],
                                    link: agenda, linkLabel: t.button,
                                    after: ["— " + e(name)] + (unsubscribe.map { ["<small>\(e(t.unsubscribe)) <a href=\"\(e($0))\">\(e($0))</a></small>"] } ?? []))
        return MailContent(subject: t.subject, text: text, html: html)
    }

    private struct Texts {
        let subject, greeting, intro, meeting, table, open, button, unsubscribe: String
    }

    private static func texts(_ language: Language, seminar: String, person: String, day: String) -> Texts {
        switch language {
        case .fr:
            Texts(subject: "Votre journée, \(day) — \(seminar)", greeting: "Bonjour \(person),", intro: "Votre programme du jour (\(day)) :",
                  meeting: "Rencontre avec", table: "table", open: "Votre agenda :", button: "Mon agenda",
                  unsubscribe: "Vous recevez ce message car le résumé du matin est activé dans votre profil. Pour ne plus le recevoir :")
        case .en:
            Texts(subject: "Your day, \(day) — \(seminar)", greeting: "Hello \(person),", intro: "Your agenda for today (\(day)):",
                  meeting: "Meeting with", table: "table", open: "Your agenda:", button: "My agenda",
                  unsubscribe: "You get this mail because the morning digest is on in your profile. To stop it:")
        case .es:
            Texts(subject: "Su día, \(day) — \(seminar)", greeting: "Hola, \(person):", intro: "Su agenda de hoy (\(day)):",
                  meeting: "Reunión con", table: "mesa", open: "Su agenda:", button: "Mi agenda",
                  unsubscribe: "Recibe este mensaje porque el resumen de la mañana está activado en su perfil. Para no recibirlo más:")
        }
    }
}
