/// What a mail says about the seminar itself: its name (the sender's name), its dates and its time zone.
public struct MailSeminar: Sendable, Equatable {
    public var name: LocalizedText?
    /// Nil before a program is loaded.
    public var startsAt: Timestamp?
    public var endsAt: Timestamp?
    public var timeZone: String

    public init(name: LocalizedText?, startsAt: Timestamp?, endsAt: Timestamp?, timeZone: String) {
        self.name = name
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.timeZone = timeZone
    }

    /// The seminar's name in `language` (another language's when it has none), else a generic one.
    public func name(in language: Language) -> String {
        name?.resolved(language)?.text ?? LocalizedText(fr: "Séminaire", en: "Seminar", es: "Seminario")[language] ?? "Seminar"
    }
}

/// A time zone as a mail needs it: its name, and its offset from UTC at a moment (looked up at the edge, where the
/// time zone database is; a fixed offset in tests).
public struct MailZone: Sendable {
    public let name: String
    public let offsetSeconds: @Sendable (Timestamp) -> Int

    public init(name: String, offsetSeconds: @escaping @Sendable (Timestamp) -> Int) {
        self.name = name
        self.offsetSeconds = offsetSeconds
    }
}
