import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// Live rooms in PostgreSQL (the cluster's ``RoomStore``): their state, chat and questions; breakout groups are in
/// ``PostgresRooms/startBreakouts(parent:groups:minutes:by:now:)``'s file. Each change and its events commit together
/// and reach the room's people on whichever node they are.
public final class PostgresRooms: RoomStore {
    let context: AggregateContext

    public init(_ context: AggregateContext) {
        self.context = context
    }

    var logger: Logger { context.logger }

    func append(_ event: RoomEvent, to topic: Topic, at now: Timestamp, on connection: PostgresConnection) async throws -> StoredEvent {
        try await context.append(.room(event), to: topic, at: now, on: connection)
    }

    public func room(id: RoomID) async throws -> Room {
        let logger = logger
        return try await context.read { connection in try await Self.room(id, on: connection, logger: logger) }
    }

    public func isRoomHost(user: UserRecord, room: RoomID) async throws -> Bool {
        let logger = logger
        return try await context.read { connection in try await Self.isHost(user, room: room, on: connection, logger: logger) }
    }

    // MARK: host actions

    public func moveRoom(_ id: RoomID, _ action: RoomState.Action, by user: UserRecord, now: Timestamp) async throws -> RoomState {
        let logger = logger
        return try await context.write { connection, appended in
            try RoomHosting.require(isHost: try await Self.isHost(user, room: id, on: connection, logger: logger))
            let room = try await Self.room(id, lockedOn: connection, logger: logger)
            let state = try room.state.applying(action)
            try await connection.query("UPDATE rooms SET state = \(state.rawValue) WHERE id = \(id)", logger: logger)
            let changed = RoomEvent.stateChanged(roomId: id, sessionId: room.sessionId, state: state)
            appended.append(try await append(changed, to: room.topic, at: now, on: connection))
            appended.append(try await append(changed, to: .seminar, at: now, on: connection))
            return state
        }
    }

    // MARK: chat

    public func sendChat(room id: RoomID, text: String, replyTo: ChatMessageID?, by author: UserRecord, key: String?, now: Timestamp,
                         check: @escaping RoomCheck) async throws -> Created {
        let logger = logger
        return try await context.write { connection, appended in
            try await PostgresIdempotency.run(user: author.id, key: key, type: MessageType.chatSend.rawValue, now: now, on: connection, logger: logger) {
                let room = try await Self.room(id, on: connection, logger: logger)
                let facts = try await Self.facts(room, for: author, on: connection, logger: logger)
                try check(facts)
                if let replyTo, try await !connection.exists("SELECT 1 FROM chat_messages WHERE id = \(replyTo) AND room_id = \(id)", logger: logger) {
                    throw DomainError(.notFound, "The message replied to is not in this room", field: "replyTo")
                }
                guard let messageID = try await connection.value("""
                    INSERT INTO chat_messages(room_id, author_id, text, reply_to, at) VALUES (\(id), \(author.id.rawValue), \(text), \(replyTo), \(now.milliseconds))
                    RETURNING id
                    """, as: ChatMessageID.self, logger: logger)
                else { throw DomainError(.internal, "a chat message was not stored") }
                let message = ChatMessage(id: messageID, roomId: id, author: Self.roomAuthor(author, hostsRoom: facts.isHost), text: text,
                                          replyTo: replyTo, at: now)
                let event = try await append(.chatMessage(message), to: room.topic, at: now, on: connection)
                appended.append(event)
                return Created(id: messageID.rawValue, seq: event.seq)
            }
        }
    }

    /// Deletes a message: its author or the room's hosts.
    public func deleteChat(message id: ChatMessageID, by user: UserRecord, now: Timestamp) async throws {
        let logger = logger
        try await context.write { connection, appended in
            var found: (room: RoomID, author: Int64, deleted: Bool)?
            for try await row in try await connection.query("SELECT room_id, author_id, deleted FROM chat_messages WHERE id = \(id) FOR UPDATE",
                                                            logger: logger).decode((RoomID, Int64, Bool).self) {
                found = row
            }
            guard let (roomID, authorID, deleted) = found else { throw DomainError(.notFound, "No such message", field: "messageId") }
            try RoomHosting.mayDelete(messageBy: UserID(authorID), by: user.id, isHost: try await Self.isHost(user, room: roomID, on: connection, logger: logger))
            if deleted { return }
            try await connection.query("UPDATE chat_messages SET deleted = true WHERE id = \(id)", logger: logger)
            try await connection.query("UPDATE rooms SET pinned_message_id = NULL WHERE id = \(roomID) AND pinned_message_id = \(id)", logger: logger)
            appended.append(try await append(.chatDeleted(id: id), to: .room(roomID), at: now, on: connection))
        }
    }

    public func chatHistory(room id: RoomID, before: ChatMessageID?) async throws -> ChatPage {
        let logger = logger
        return try await context.read { connection in
            _ = try await Self.room(id, on: connection, logger: logger)
            return try await Self.chatPage(room: id, before: before, limit: 50, hosts: try await Self.roomHostIDs(id, on: connection, logger: logger),
                                           on: connection, logger: logger)
        }
    }

    /// Up to `limit` messages before `before` (the newest page when nil), oldest first; `more` when older ones exist.
    /// `hosts`: the room's ``roomHostIDs(_:on:logger:)``, for the authors' badges.
    static func chatPage(room: RoomID, before: ChatMessageID?, limit: Int, hosts: Set<Int64>, on connection: PostgresConnection,
                         logger: Logger) async throws -> ChatPage {
        var messages: [ChatMessage] = []
        for try await (id, text, replyTo, at, authorID, name, role) in try await connection.query("""
            SELECT m.id, m.text, m.reply_to, m.at, u.id, u.display_name, u.role FROM chat_messages m JOIN users u ON u.id = m.author_id
            WHERE m.room_id = \(room) AND NOT m.deleted AND m.id < \(before?.rawValue ?? Int64.max) ORDER BY m.id DESC LIMIT \(limit + 1)
            """, logger: logger).decode((ChatMessageID, String, ChatMessageID?, Int64, Int64, String, String).self) {
            messages.append(ChatMessage(id: id, roomId: room, author: roomAuthor(id: authorID, name: name, role: role, hosts: hosts), text: text,
                                        replyTo: replyTo, at: Timestamp(milliseconds: at)))
        }
        return ChatPage(messages: Array(messages.prefix(limit).reversed()), more: messages.count > limit)
    }

    // MARK: questions

    public func askQuestion(room id: RoomID, text: String, by author: UserRecord, key: String?, now: Timestamp,
                            check: @escaping RoomCheck) async throws -> Created {
        let logger = logger
        return try await context.write { connection, appended in
            try await PostgresIdempotency.run(user: author.id, key: key, type: MessageType.questionAsk.rawValue, now: now, on: connection, logger: logger) {
                let room = try await Self.room(id, on: connection, logger: logger)
                let facts = try await Self.facts(room, for: author, on: connection, logger: logger)
                try check(facts)
                guard let questionID = try await connection.value("""
                    INSERT INTO questions(room_id, author_id, text, at) VALUES (\(id), \(author.id.rawValue), \(text), \(now.milliseconds)) RETURNING id
                    """, as: QuestionID.self, logger: logger)
                else { throw DomainError(.internal, "a question was not stored") }
                let question = Question(id: questionID, author: Self.roomAuthor(author, hostsRoom: facts.isHost), text: text, votes: 0,
                                        voted: false, answered: false, hidden: false, at: now)
                let event = try await append(.questionAsked(question), to: room.topic, at: now, on: connection)
                appended.append(event)
                return Created(id: questionID.rawValue, seq: event.seq)
            }
        }
    }

    /// One vote per person per question; a second vote is a `conflict`. The question's row is locked, so votes at once
    /// count one after the other.
    public func voteQuestion(_ id: QuestionID, by user: UserRecord, now: Timestamp, check: @escaping RoomCheck) async throws -> Int {
        let logger = logger
        return try await context.write { connection, appended in
            guard let roomID = try await connection.value("SELECT room_id FROM questions WHERE id = \(id) FOR UPDATE", as: RoomID.self, logger: logger) else {
                throw DomainError(.notFound, "No such question", field: "questionId")
            }
            try check(try await Self.facts(try await Self.room(roomID, on: connection, logger: logger), for: user, on: connection, logger: logger))
            try OneVote.question(alreadyVoted: try await connection.exists(
                "SELECT 1 FROM question_votes WHERE question_id = \(id) AND user_id = \(user.id.rawValue)", logger: logger))
            try await connection.query("INSERT INTO question_votes(question_id, user_id) VALUES (\(id), \(user.id.rawValue))", logger: logger)
            let votes = try await connection.value("UPDATE questions SET votes = votes + 1 WHERE id = \(id) RETURNING votes", as: Int.self, logger: logger) ?? 0
            appended.append(try await append(.questionVoted(id: id, votes: votes), to: .room(roomID), at: now, on: connection))
            return votes
        }
    }
}

// MARK: what the room rules read

extension PostgresRooms {
    static let roomSelect = """
        SELECT r.id, r.session_id, r.kind, r.parent_room_id, r.state, r.locked, r.capacity, r.streams, r.pinned_message_id,
               s.title, r.name, s.starts_at, COALESCE(r.ends_at, s.ends_at)
        FROM rooms r LEFT JOIN sessions s ON s.id = r.session_id
        """

    static func room(_ id: RoomID, on connection: PostgresConnection, logger: Logger) async throws -> Room {
        try await room(PostgresQuery(unsafeSQL: roomSelect + " WHERE r.id = $1"), id, on: connection, logger: logger)
    }

    /// The room, its row locked until the transaction ends (a change of its state waits for another in progress).
    static func room(_ id: RoomID, lockedOn connection: PostgresConnection, logger: Logger) async throws -> Room {
        try await room(PostgresQuery(unsafeSQL: roomSelect + " WHERE r.id = $1 FOR UPDATE OF r"), id, on: connection, logger: logger)
    }

    private static func room(_ select: PostgresQuery, _ id: RoomID, on connection: PostgresConnection, logger: Logger) async throws -> Room {
        var query = select
        try query.binds.append(id.rawValue, context: .default)
        var found: Room?
        for try await (id, session, kind, parent, state, locked, capacity, streams, pinned, title, name, startsAt, endsAt) in try await connection
            .query(query, logger: logger)
            .decode((RoomID, SessionID?, String, RoomID?, String, Bool, Int?, String, ChatMessageID?, String?, String?, Int64?, Int64?).self) {
            found = Room(id: id, sessionId: session, kind: kind, parentRoomId: parent, state: RoomState(rawValue: state) ?? .scheduled, locked: locked,
                         capacity: capacity, streams: try ColumnJSON.decode(streams), pinnedMessageId: pinned,
                         title: try (title ?? name).map { try ColumnJSON.decode($0) } ?? LocalizedText(),
                         startsAt: startsAt.map(Timestamp.init(milliseconds:)), endsAt: endsAt.map(Timestamp.init(milliseconds:)))
        }
        guard let found else { throw DomainError(.notFound, "No room \(id)", field: "roomId") }
        return found
    }

    /// Organisers, and the hosts of the room's session (a breakout group's: its main room's).
    static func isHost(_ user: UserRecord, room: RoomID, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let hostsSession = try await connection.exists("""
            SELECT 1 FROM rooms r LEFT JOIN rooms p ON p.id = r.parent_room_id
            JOIN session_hosts h ON h.session_id = COALESCE(r.session_id, p.session_id) WHERE r.id = \(room) AND h.user_id = \(user.id.rawValue)
            """, logger: logger)
        return RoomHosting.isHost(role: user.role) { hostsSession }
    }

    static func roomHostIDs(_ room: RoomID, on connection: PostgresConnection, logger: Logger) async throws -> Set<Int64> {
        Set(try await connection.values("""
            SELECT h.user_id FROM rooms r LEFT JOIN rooms p ON p.id = r.parent_room_id
            JOIN session_hosts h ON h.session_id = COALESCE(r.session_id, p.session_id) WHERE r.id = \(room)
            """, as: Int64.self, logger: logger))
    }

    static func standing(of user: UserID, room: RoomID, on connection: PostgresConnection, logger: Logger) async throws -> RoomStanding {
        var standing = RoomStanding()
        for try await (muted, removed) in try await connection.query(
            "SELECT muted_until, removed FROM room_moderation WHERE room_id = \(room) AND user_id = \(user.rawValue)", logger: logger)
            .decode((Int64?, Bool).self) {
            standing = RoomStanding(mutedUntil: muted.map(Timestamp.init(milliseconds:)), removed: removed)
        }
        return standing
    }

    /// What the room rules need of this room and this person (``RoomFacts``).
    /// `hosts`: the room's ``roomHostIDs(_:on:logger:)`` when already read.
    static func facts(_ room: Room, for user: UserRecord, hosts: Set<Int64>? = nil, on connection: PostgresConnection,
                      logger: Logger) async throws -> RoomFacts {
        let member: Bool? = switch room.kind {
        case "meeting":
            try await connection.exists("""
                SELECT 1 FROM meetings WHERE room_id = \(room.id) AND (a_id = \(user.id.rawValue) OR b_id = \(user.id.rawValue))
                """, logger: logger)
        case "breakout":
            try await connection.exists("SELECT 1 FROM breakout_members WHERE room_id = \(room.id) AND user_id = \(user.id.rawValue)", logger: logger)
        default:
            nil
        }
        let host = if let hosts {
            RoomHosting.isHost(role: user.role) { hosts.contains(user.id.rawValue) }
        } else {
            try await isHost(user, room: room.id, on: connection, logger: logger)
        }
        return RoomFacts(roomId: room.id, kind: room.kind, state: room.state, locked: room.locked, capacity: room.capacity, isHost: host,
                         standing: try await standing(of: user.id, room: room.id, on: connection, logger: logger), isMember: member)
    }

    /// Someone speaking in a room whose hosting is known (``RoomFacts/isHost``: organisers and the room's hosts).
    static func roomAuthor(_ user: UserRecord, hostsRoom: Bool) -> Author {
        Author(id: user.id, displayName: user.displayName, badge: Badge.inRoom(role: user.role, hostsRoom: hostsRoom))
    }

    /// An author read from a row; `hosts`: ``roomHostIDs(_:on:logger:)``.
    static func roomAuthor(id: Int64, name: String, role: String, hosts: Set<Int64>) -> Author {
        Author(id: UserID(id), displayName: name, badge: Badge.inRoom(role: Role(rawValue: role) ?? .participant, hostsRoom: hosts.contains(id)))
    }
}
