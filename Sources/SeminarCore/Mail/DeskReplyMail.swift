/// A reply from the welcome desk that the person who asked was not there to read: who answered, what they wrote,
/// and the way back to the conversation.
public enum DeskReplyMail {
    public struct Facts: Sendable, Equatable {
        public var agent: String
        public var text: String

        public init(agent: String, text: String) {
            self.agent = agent
            self.text = text
        }
    }

    /// Writes the mail, or nil when it need not go (the person is online and reads it on the page).
    public typealias Composer = @Sendable (MailPerson, Facts, MailSeminar) -> OutboxMail?

    public static func compose(_ facts: Facts, for person: MailPerson, seminar: MailSeminar, desk: String, unsubscribe: String?) -> MailContent {
        let language = person.language
        let name = seminar.name(in: language)
        let t = texts(language, seminar: name, person: person.name, agent: facts.agent)
        let e = MailContent.escaped
        let footer = ["— " + name] + (unsubscribe.map { [t.unsubscribe + " " + $0] } ?? [])
        let quoted = MailEncoding.normalizedLines(facts.text).map { "> " + $0 }.joined(separator: "\n")
        let text = ([t.greeting, t.answered, quoted, t.open + "\n" + desk] + footer).joined(separator: "\n\n") + "\n"
        let html = MailContent.page(language: language, title: t.subject,
                                    before: [e(t.greeting), e(t.answered)] + MailContent.normalizedParagraphs(facts.text).map { "<em>\(e($0))</em>" } + [e(t.open)],
                                    link: desk, linkLabel: t.button,
                                    after: ["— " + e(name)] + (unsubscribe.map { ["<small>\(e(t.unsubscribe)) <a href=\"\(e($0))\">\(e($0))</a></small>"] } ?? []))
        return MailContent(subject: t.subject, text: text, html: html)
    }

    private struct Texts {
        let subject, greeting, answered, open, button, unsubscribe: String
    }

    private static func texts(_ language: Language, seminar: String, person: String, agent: String) -> Texts {
        switch language {
        case .fr:
            Texts(subject: "L’accueil vous a répondu — \(seminar)", greeting: "Bonjour \(person),",
                  answered: "\(agent), à l’accueil, vous a répondu pendant votre absence :", open: "Pour poursuivre la conversation :",
                  button: "Ouvrir l’accueil",
                  unsubscribe: "Vous recevez ce message car les réponses de l’accueil sont activées dans votre profil. Pour ne plus les recevoir :")
        case .en:
            Texts(subject: "The welcome desk answered you — \(seminar)", greeting: "Hello \(person),",
                  answered: "\(agent) at the welcome desk answered you while you were away:", open: "To carry on the conversation:",
                  button: "Open the desk",
                  unsubscribe: "You get this mail because desk replies are on in your profile. To stop them:")
        case .es:
            Texts(subject: "La acogida le respondió — \(seminar)", greeting: "Hola, \(person):",
                  answered: "\(agent), de la acogida, le respondió mientras no estaba:", open: "Para seguir la conversación:",
                  button: "Abrir la acogida",
                  unsubscribe: "Recibe este mensaje porque las respuestas de la acogida están activadas en su perfil. Para no recibirlas más:")
        }
    }
}
