import SeminarCore

/// The organisers' console on the wire: roles and hosting told to the person, the people list, imports, the dashboard.
extension AccessEvent {
    /// The event as the log keeps it and clients get it.
    public func wire() throws -> (type: String, data: String) {
        switch self {
        case .roleChanged(let role, let roomId): try EventType.roleChanged.with(RoleChangedEvent(role: role, roomId: roomId?.rawValue))
        case .hostingChanged(let roomId, let hosting): try EventType.hostingChanged.with(HostingChangedEvent(roomId: roomId.rawValue, hosting: hosting))
        }
    }
}

extension RoleView {
    /// A person's id, name and role.
    public init(_ person: PersonRole) {
        self.init(id: person.id.rawValue, displayName: person.displayName, role: person.role)
    }
}

extension PeopleListReply {
    /// A page of the console's people list; `lastSeenAt` as ISO 8601.
    public init(_ page: ConsolePeoplePage) {
        self.init(people: page.people.map { person in
            PersonRow(id: person.id.rawValue, email: person.email, displayName: person.displayName, role: person.role, organisation: person.organisation,
                      lastSeenAt: person.lastSeenAt?.iso8601, hostedRooms: person.hostedRooms.map(\.rawValue))
        }, more: page.more)
    }
}

extension ParticipantsImportReply {
    /// Each new account's link is `baseURL` + `/api/link/<token>`.
    public init(_ outcome: ImportOutcome, baseURL: String) {
        self.init(created: outcome.created, updated: outcome.updated, invited: outcome.invited, people: outcome.accounts.map { account in
            ImportedPersonView(line: account.line, email: account.email, userId: account.userId, created: account.created,
                               signInUrl: account.signInToken.map { "\(baseURL)/api/link/\($0)" }, expiresAt: account.expiresAt?.iso8601)
        })
    }
}

extension AdminStatsReply {
    /// The database's figures with who is online now and how many are in each room (`present`, by room id).
    public init(_ figures: SeminarFigures, onlineNow: Int, present: (RoomID) -> Int) {
        self.init(onlineNow: onlineNow, onlineToday: figures.onlineToday, registered: figures.registered,
                  rooms: figures.rooms.map { room in
                      RoomAttendance(roomId: room.roomId.rawValue, sessionId: room.sessionId?.rawValue, title: room.title, state: room.state, present: present(room.roomId),
                                     peak: room.peak)
                  },
                  desk: DeskFigures(waiting: figures.desk.waiting, claimed: figures.desk.claimed, resolvedToday: figures.desk.resolvedToday),
                  meetings: MeetingFigures(requested: figures.meetings.requested, accepted: figures.meetings.accepted, held: figures.meetings.held,
                                           cancelled: figures.meetings.cancelled, noShow: figures.meetings.noShow),
                  messagesPerMinute: figures.messagesPerMinute.map { MinuteCount(minute: $0.start.iso8601, count: $0.count) })
    }
}
