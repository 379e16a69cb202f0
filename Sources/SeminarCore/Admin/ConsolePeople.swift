/// A person with their role (what setting a role answers).
public struct PersonRole: Sendable, Equatable {
    public let id: UserID
    public let displayName: String
    public let role: Role

    public init(id: UserID, displayName: String, role: Role) {
        self.id = id
        self.displayName = displayName
        self.role = role
    }
}

/// A person as the organisers' console lists them.
public struct ConsolePerson: Sendable, Equatable {
    public let id: UserID
    public let email: String
    public let displayName: String
    public let role: Role
    public let organisation: String
    public let lastSeenAt: Timestamp?
    /// The rooms whose sessions the person hosts (empty for most).
    public let hostedRooms: [RoomID]

    public init(id: UserID, email: String, displayName: String, role: Role, organisation: String, lastSeenAt: Timestamp?, hostedRooms: [RoomID]) {
        self.id = id
        self.email = email
        self.displayName = displayName
        self.role = role
        self.organisation = organisation
        self.lastSeenAt = lastSeenAt
        self.hostedRooms = hostedRooms
    }
}

/// One page of the console's people list, newest accounts first; `more` when older ones follow.
public struct ConsolePeoplePage: Sendable, Equatable {
    public let people: [ConsolePerson]
    public let more: Bool

    public init(people: [ConsolePerson], more: Bool) {
        self.people = people
        self.more = more
    }
}

/// What a participants import did: accounts made and updated, invitations queued, and each line's account.
public struct ImportOutcome: Sendable, Equatable {
    /// One line of the import: its account, and for a new account its one-time sign-in token.
    public struct Account: Sendable, Equatable {
        public let line: Int
        public let email: String
        public let userId: Int64
        public let created: Bool
        /// The new account's sign-in token (nil for an account that existed: it gets no link).
        public let signInToken: String?
        public let expiresAt: Timestamp?

        public init(line: Int, email: String, userId: Int64, created: Bool, signInToken: String?, expiresAt: Timestamp?) {
            self.line = line
            self.email = email
            self.userId = userId
            self.created = created
            self.signInToken = signInToken
            self.expiresAt = expiresAt
        }
    }

    public let created: Int
    public let updated: Int
    public let invited: Int
    public let accounts: [Account]

    public init(created: Int, updated: Int, invited: Int, accounts: [Account]) {
        self.created = created
        self.updated = updated
        self.invited = invited
        self.accounts = accounts
    }
}
