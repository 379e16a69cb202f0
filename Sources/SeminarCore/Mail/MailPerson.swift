/// Someone a mail goes to: their account, address, name and language.
public struct MailPerson: Sendable, Equatable {
    public let id: UserID
    public let email: String
    public let name: String
    public let language: Language

    public init(id: UserID, email: String, name: String, language: Language) {
        self.id = id
        self.email = email
        self.name = name
        self.language = language
    }
}
