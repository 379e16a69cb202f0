/// A nested agenda line of a session: "1. De la Fabrique du futur à la distribution" with its "a) …, b) …".
public struct AgendaItem: Sendable, Codable, Equatable {
    public let title: LocalizedText
    public let items: [AgendaItem]?

    public init(title: LocalizedText, items: [AgendaItem]? = nil) {
        self.title = title
        self.items = items
    }
}

/// What a session says about itself beyond title, time and description.
public struct SessionDetails: Sendable, Codable, Equatable {
    public var hostOrganisation: String?
    public var room: String?
    public var audience: LocalizedText
    public var agenda: [AgendaItem]
    public var speakers: [String]
    /// A link (http/https) or `/files/<id>` to the concept note.
    public var conceptNote: String?
    /// The languages the session is held in, as the program file gives them; nil when it does not say.
    public var languages: [Language]?

    public init(hostOrganisation: String? = nil, room: String? = nil, audience: LocalizedText = LocalizedText(),
                agenda: [AgendaItem] = [], speakers: [String] = [], conceptNote: String? = nil, languages: [Language]? = nil) {
        self.hostOrganisation = hostOrganisation
        self.room = room
        self.audience = audience
        self.agenda = agenda
        self.speakers = speakers
        self.conceptNote = conceptNote
        self.languages = languages
    }
}
