/// A person as others see them in the lounge: their name, profile and whether they are online now.
public struct Person: Sendable, Equatable {
    public let id: UserID
    public let displayName: String
    public let profile: Profile
    public let online: Bool

    public init(id: UserID, displayName: String, profile: Profile, online: Bool) {
        self.id = id
        self.displayName = displayName
        self.profile = profile
        self.online = online
    }
}

/// One interest of the organisers' list (people pick theirs from it), by its key.
public struct Interest: Sendable, Equatable {
    public let key: String
    public let name: LocalizedText

    public init(key: String, name: LocalizedText) {
        self.key = key
        self.name = name
    }
}
