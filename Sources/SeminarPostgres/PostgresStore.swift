import SeminarCore
import SeminarStore

/// One node's store on the cluster's PostgreSQL: the aggregates moved there so far, on one database and one event log
/// (their use cases' events reach the node's ``ClusterBus``). The rest of the Store API joins as it moves (issue 23).
public final class PostgresStore: EventLogStore, AccountStore, PeopleStore, ProgramStore, RoomStore, DeskStore, FeedStore, AnnouncementStore,
    MailOutboxStore {
    public let database: PostgresDatabase
    public let log: PostgresEventLog
    let accounts: PostgresAccounts
    let people: PostgresPeople
    let program: PostgresProgram
    let rooms: PostgresRooms
    let desk: PostgresDesk
    let feed: PostgresFeed
    let announcements: PostgresAnnouncements
    let mail: PostgresMailOutbox

    /// `wire` writes the domain events its use cases append (`EventWire.seminar`).
    public init(database: PostgresDatabase, bus: ClusterBus, wire: EventWire) {
        self.database = database
        log = PostgresEventLog(database: database, bus: bus)
        accounts = PostgresAccounts(database: database)
        let context = AggregateContext(database: database, log: log, wire: wire)
        people = PostgresPeople(context)
        program = PostgresProgram(context)
        rooms = PostgresRooms(context)
        desk = PostgresDesk(context)
        feed = PostgresFeed(context)
        announcements = PostgresAnnouncements(context)
        mail = PostgresMailOutbox(database: database)
    }

    // MARK: event log

    public func append(_ events: [NewEvent]) async throws -> [StoredEvent] { try await log.append(events) }
    public func events(topic: Topic, since: Int64) async throws -> Replay { try await log.events(topic: topic, since: since) }
    @discardableResult
    public func pruneEvents(olderThan cutoff: Timestamp) async throws -> Int { try await log.pruneEvents(olderThan: cutoff) }

    // MARK: accounts

    public func createUser(email: String, passwordHash: String, displayName: String, locale: Language, role: Role,
                           now: Timestamp) async throws -> UserRecord {
        try await accounts.createUser(email: email, passwordHash: passwordHash, displayName: displayName, locale: locale, role: role, now: now)
    }

    public func user(id: UserID) async throws -> UserRecord? { try await accounts.user(id: id) }
    public func user(email: String) async throws -> UserRecord? { try await accounts.user(email: email) }
    public func user(tokenHash: [UInt8], now: Timestamp) async throws -> UserRecord? { try await accounts.user(tokenHash: tokenHash, now: now) }

    public func createAuthSession(tokenHash: [UInt8], user: UserID, now: Timestamp, expiresAt: Timestamp) async throws {
        try await accounts.createAuthSession(tokenHash: tokenHash, user: user, now: now, expiresAt: expiresAt)
    }

    public func deleteAuthSession(tokenHash: [UInt8]) async throws { try await accounts.deleteAuthSession(tokenHash: tokenHash) }

    // MARK: people

    public func updateProfile(user: UserID, edit: ProfileEdit) async throws -> Person { try await people.updateProfile(user: user, edit: edit) }
    public func setBlock(blocker: UserID, blocked: UserID, on: Bool) async throws { try await people.setBlock(blocker: blocker, blocked: blocked, on: on) }

    public func sendDM(from sender: UserRecord, to recipient: Int64, text: String, key: String?, now: Timestamp) async throws -> Created {
        try await people.sendDM(from: sender, to: recipient, text: text, key: key, now: now)
    }

    public func dmHistory(user: UserID, with other: Int64, before: Int64?) async throws -> DirectMessagePage {
        try await people.dmHistory(user: user, with: other, before: before)
    }

    // MARK: program

    public func loadProgram(_ program: ResolvedProgram, liveNow: Timestamp?) async throws { try await self.program.loadProgram(program, liveNow: liveNow) }
    public func program(for user: UserID) async throws -> Program { try await program.program(for: user) }
    public func session(id: SessionID, for user: UserRecord) async throws -> SessionPage { try await program.session(id: id, for: user) }

    public func updateSession(id: SessionID, edit: SessionEdit, author: UserRecord, now: Timestamp) async throws -> SessionUpdate {
        try await program.updateSession(id: id, edit: edit, author: author, now: now)
    }

    public func addHost(user: UserID, session id: SessionID) async throws { try await program.addHost(user: user, session: id) }
    public func bookmark(session id: SessionID, user: UserID, now: Timestamp) async throws { try await program.bookmark(session: id, user: user, now: now) }

    // MARK: rooms

    public func room(id: Int64) async throws -> Room { try await rooms.room(id: id) }
    public func isRoomHost(user: UserRecord, room: Int64) async throws -> Bool { try await rooms.isRoomHost(user: user, room: room) }

    public func moveRoom(_ id: Int64, _ action: RoomState.Action, by user: UserRecord, now: Timestamp) async throws -> RoomState {
        try await rooms.moveRoom(id, action, by: user, now: now)
    }

    public func sendChat(room id: Int64, text: String, replyTo: Int64?, by author: UserRecord, key: String?, now: Timestamp,
                         check: @escaping RoomCheck) async throws -> Created {
        try await rooms.sendChat(room: id, text: text, replyTo: replyTo, by: author, key: key, now: now, check: check)
    }

    public func deleteChat(message id: Int64, by user: UserRecord, now: Timestamp) async throws { try await rooms.deleteChat(message: id, by: user, now: now) }
    public func chatHistory(room id: Int64, before: Int64?) async throws -> ChatPage { try await rooms.chatHistory(room: id, before: before) }

    public func askQuestion(room id: Int64, text: String, by author: UserRecord, key: String?, now: Timestamp,
                            check: @escaping RoomCheck) async throws -> Created {
        try await rooms.askQuestion(room: id, text: text, by: author, key: key, now: now, check: check)
    }

    public func voteQuestion(_ id: Int64, by user: UserRecord, now: Timestamp, check: @escaping RoomCheck) async throws -> Int {
        try await rooms.voteQuestion(id, by: user, now: now, check: check)
    }

    public func startBreakouts(parent id: Int64, groups: [[UserID]], minutes: Int, by host: UserRecord, now: Timestamp) async throws -> [BreakoutGroup] {
        try await rooms.startBreakouts(parent: id, groups: groups, minutes: minutes, by: host, now: now)
    }

    @discardableResult
    public func endBreakouts(parent id: Int64, by host: UserRecord?, now: Timestamp) async throws -> [Int64] {
        try await rooms.endBreakouts(parent: id, by: host, now: now)
    }

    // MARK: desk

    public func askDesk(asker: UserRecord, text: String, page: String?, roomId: Int64?, key: String?, agents: Int, now: Timestamp) async throws -> Ticket {
        try await desk.askDesk(asker: asker, text: text, page: page, roomId: roomId, key: key, agents: agents, now: now)
    }

    public func deskMessage(from author: UserRecord, ticket id: TicketID, text: String, link: DeskLink?, key: String?, now: Timestamp,
                            mailAsker: DeskReplyMail.Composer?) async throws -> Created {
        try await desk.deskMessage(from: author, ticket: id, text: text, link: link, key: key, now: now, mailAsker: mailAsker)
    }

    public func ticketTranscript(for user: UserRecord, ticket id: TicketID?, agents: Int) async throws -> TicketConversation {
        try await desk.ticketTranscript(for: user, ticket: id, agents: agents)
    }

    public func moveTicket(_ id: TicketID, _ action: TicketAction, by user: UserRecord?, agents: Int, now: Timestamp) async throws -> Ticket {
        try await desk.moveTicket(id, action, by: user, agents: agents, now: now)
    }

    public func deskQueue(agents: Int) async throws -> TicketQueue { try await desk.deskQueue(agents: agents) }

    // MARK: knowledge hub

    public func createPost(_ post: NewPost, author: UserRecord, key: String?, now: Timestamp) async throws -> Created {
        try await feed.createPost(post, author: author, key: key, now: now)
    }

    @discardableResult
    public func importPosts(_ posts: [NewPost], author: UserID, now: Timestamp) async throws -> Int {
        try await feed.importPosts(posts, author: author, now: now)
    }

    public func optimizeSearchIndex() async throws { try await feed.optimizeSearchIndex() }

    public func feed(filter: FeedFilter, before: Int64?, limit: Int) async throws -> FeedPage {
        try await feed.feed(filter: filter, before: before, limit: limit)
    }

    public func post(id: Int64, viewer: UserID) async throws -> FullPost { try await feed.post(id: id, viewer: viewer) }

    public func searchPosts(_ terms: SearchTerms, filter: FeedFilter, limit: Int, rankWindow: Int) async throws -> [PostMatch] {
        try await feed.searchPosts(terms, filter: filter, limit: limit, rankWindow: rankWindow)
    }

    public func recordFile(sha256: String, name: String, type: String, size: Int64, uploader: UserID, now: Timestamp) async throws -> StoredFile {
        try await feed.recordFile(sha256: sha256, name: name, type: type, size: size, uploader: uploader, now: now)
    }

    // MARK: announcements

    public func announce(_ announcement: NewAnnouncement, by author: UserRecord, key: String?, now: Timestamp,
                         mail: AnnouncementMail.Composer?) async throws -> Created {
        try await announcements.announce(announcement, by: author, key: key, now: now, mail: mail)
    }

    @discardableResult
    public func publishDueAnnouncements(now: Timestamp, mail: AnnouncementMail.Composer?) async throws -> Int {
        try await announcements.publishDueAnnouncements(now: now, mail: mail)
    }

    // MARK: mail

    @discardableResult
    public func queueMail(_ mail: OutboxMail, now: Timestamp) async throws -> Bool { try await self.mail.queueMail(mail, now: now) }

    public func claimDueMails(now: Timestamp, limit: Int, leaseSeconds: Int) async throws -> [QueuedMail] {
        try await mail.claimDueMails(now: now, limit: limit, leaseSeconds: leaseSeconds)
    }

    public func releaseMailClaims(now: Timestamp) async throws -> Int { try await mail.releaseMailClaims(now: now) }
    public func nextMailDue() async throws -> Timestamp? { try await mail.nextMailDue() }
    public func markMailSent(_ mail: QueuedMail, now: Timestamp) async throws { try await self.mail.markMailSent(mail, now: now) }
    public func markMailRetry(_ mail: QueuedMail, at: Timestamp, error: String) async throws { try await self.mail.markMailRetry(mail, at: at, error: error) }
    public func markMailFailed(_ mail: QueuedMail, error: String) async throws { try await self.mail.markMailFailed(mail, error: error) }
    public func outbox() async throws -> [OutboxEntry] { try await mail.outbox() }
}
