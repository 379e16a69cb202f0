/// The invitation an import sends to each new person, in their language: the seminar and its dates, their one-time
/// sign-in link and until when it works, the program's address, and how to come back later.
public enum InvitationMail {
    /// A person an invitation goes to, with their fresh one-time link (the token, not its hash: it goes in the mail).
    public struct Invitee: Sendable, Equatable {
        public let userID: UserID
        public let email: String
        public let name: String
        public let language: Language
        public let token: String
        public let expiresAt: Timestamp

        public init(userID: UserID, email: String, name: String, language: Language, token: String, expiresAt: Timestamp) {
            self.userID = userID
            self.email = email
            self.name = name
            self.language = language
            self.token = token
            self.expiresAt = expiresAt
        }
    }

    /// Writes the invitation of one person (the edge knows the addresses and the time zone).
    public typealias Composer = @Sendable (Invitee, MailSeminar) -> OutboxMail

    public struct Facts: Sendable {
        public var seminar: MailSeminar
        public var zone: MailZone
        public var personName: String
        /// The one-time sign-in link.
        public var link: String
        public var linkExpiresAt: Timestamp
        public var programLink: String

        public init(seminar: MailSeminar, zone: MailZone, personName: String, link: String, linkExpiresAt: Timestamp, programLink: String) {
            self.seminar = seminar
            self.zone = zone
            self.personName = personName
            self.link = link
            self.linkExpiresAt = linkExpiresAt
            self.programLink = programLink
        }
    }

    public static func compose(language: Language, _ facts: Facts) -> MailContent {
        let seminar = facts.seminar.name(in: language)
        let dates = facts.seminar.startsAt.flatMap { start in
            facts.seminar.endsAt.map { MailDate.days(from: start, to: $0, in: facts.zone, language: language) }
        }
        let until = "\(MailDate.day(facts.linkExpiresAt, in: facts.zone, language: language)), \(MailDate.clock(facts.linkExpiresAt, in: facts.zone)) (\(facts.zone.name))"
        let t = texts(language, seminar: seminar, name: facts.personName, dates: dates, until: until)
        let text = [t.greeting, t.invited, t.open + "\n" + facts.link, t.program + "\n" + facts.programLink, t.later, "— " + seminar]
            .joined(separator: "\n\n") + "\n"
        let e = MailContent.escaped
        let program = "\(e(t.program)) <a href=\"\(e(facts.programLink))\">\(e(facts.programLink))</a>"
        let html = MailContent.page(language: language, title: t.subject, before: [e(t.greeting), e(t.invited), e(t.open)],
                                    link: facts.link, linkLabel: t.button, after: [program, e(t.later), "— " + e(seminar)])
        return MailContent(subject: t.subject, text: text, html: html)
    }

    private struct Texts {
        let subject, greeting, invited, open, button, program, later: String
    }

    private static func texts(_ language: Language, seminar: String, name: String, dates: String?, until: String) -> Texts {
        switch language {
        case .fr:
            Texts(subject: "Votre invitation — \(seminar)",
                  greeting: "Bonjour \(name),",
                  invited: "Vous êtes invité·e à \(seminar)\(dates.map { ", \($0)" } ?? ""), en ligne.",
                  open: "Pour entrer, ouvrez ce lien personnel. Il ne sert qu’une fois et fonctionne jusqu’au \(until) :",
                  button: "Entrer dans le séminaire",
                  program: "Le programme :",
                  later: "Pour revenir plus tard, demandez un mot de passe avec « Mot de passe oublié ? » sur la page de connexion.")
        case .en:
            Texts(subject: "Your invitation — \(seminar)",
                  greeting: "Hello \(name),",
                  invited: "You are invited to \(seminar)\(dates.map { ", \($0)" } ?? ""), online.",
                  open: "To come in, open this personal link. It works once, until \(until):",
                  button: "Enter the seminar",
                  program: "The program:",
                  later: "To come back later, ask for a password with “Forgot your password?” on the sign-in page.")
        case .es:
            Texts(subject: "Su invitación — \(seminar)",
                  greeting: "Hola, \(name):",
                  invited: "Está invitado/a a \(seminar)\(dates.map { ", \($0)" } ?? ""), en línea.",
                  open: "Para entrar, abra este enlace personal. Solo sirve una vez y funciona hasta el \(until):",
                  button: "Entrar en el seminario",
                  program: "El programa:",
                  later: "Para volver más tarde, pida una contraseña con «¿Olvidó su contraseña?» en la página de acceso.")
        }
    }
}
