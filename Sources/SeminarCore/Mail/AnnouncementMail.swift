/// An organiser's announcement sent "also by email": the announcement as written (in its own language), framed in
/// the recipient's language, with a link to the seminar and the one-click link that stops announcement mails.
public enum AnnouncementMail {
    public struct Facts: Sendable, Equatable {
        public var text: String
        public var level: AnnouncementLevel
        public var author: String

        public init(text: String, level: AnnouncementLevel, author: String) {
            self.text = text
            self.level = level
            self.author = author
        }
    }

    /// Writes one person's copy (the edge knows the addresses and the unsubscribe link).
    public typealias Composer = @Sendable (MailPerson, Facts, MailSeminar) -> OutboxMail

    public static func compose(_ facts: Facts, for person: MailPerson, seminar: MailSeminar, home: String, unsubscribe: String?) -> MailContent {
        let language = person.language
        let name = seminar.name(in: language)
        let t = texts(language, seminar: name, author: facts.author, urgent: facts.level == .urgent)
        let e = MailContent.escaped
        let footer = ["— " + name] + (unsubscribe.map { [t.unsubscribe + " " + $0] } ?? [])
        let text = ([t.intro, facts.text, t.open + "\n" + home] + footer).joined(separator: "\n\n") + "\n"
        let body = MailContent.normalizedParagraphs(facts.text).map { e($0) }
        let html = MailContent.page(language: language, title: t.subject, before: [e(t.intro)] + body, link: home, linkLabel: t.button,
                                    after: ["— " + e(name)] + (unsubscribe.map { ["<small>\(e(t.unsubscribe)) <a href=\"\(e($0))\">\(e($0))</a></small>"] } ?? []))
        return MailContent(subject: t.subject, text: text, html: html)
    }

    private struct Texts {
        let subject, intro, open, button, unsubscribe: String
    }

    private static func texts(_ language: Language, seminar: String, author: String, urgent: Bool) -> Texts {
        switch language {
        case .fr:
            Texts(subject: "\(urgent ? "Urgent : " : "")Annonce — \(seminar)", intro: "Annonce de \(author), pour tout le séminaire :",
                  open: "Le séminaire :", button: "Ouvrir le séminaire",
                  unsubscribe: "Vous recevez ce message car les annonces par e-mail sont activées dans votre profil. Pour ne plus les recevoir :")
        case .en:
            Texts(subject: "\(urgent ? "Urgent: " : "")Announcement — \(seminar)", intro: "An announcement from \(author) to the whole seminar:",
                  open: "The seminar:", button: "Open the seminar",
                  unsubscribe: "You get this mail because announcements by mail are on in your profile. To stop them:")
        case .es:
            Texts(subject: "\(urgent ? "Urgente: " : "")Anuncio — \(seminar)", intro: "Un anuncio de \(author) para todo el seminario:",
                  open: "El seminario:", button: "Abrir el seminario",
                  unsubscribe: "Recibe este mensaje porque los anuncios por correo están activados en su perfil. Para no recibirlos más:")
        }
    }
}
