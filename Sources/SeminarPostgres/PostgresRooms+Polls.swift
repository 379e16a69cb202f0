import Foundation
import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// A room's polls in PostgreSQL, and what a person finds on entering the room (its snapshot and the events after it,
/// read in one snapshot of the database).
extension PostgresRooms {
    public func createPoll(room id: RoomID, poll: NewPoll, by user: UserRecord, now: Timestamp) async throws -> Created {
        let (logger, context) = (logger, context)
        return try await context.write { connection, appended in
            try RoomHosting.require(isHost: try await Self.isHost(user, room: id, on: connection, logger: logger))
            let room = try await Self.room(id, on: connection, logger: logger)
            guard let pollID = try await connection.value("""
                INSERT INTO polls(room_id, author_id, question, kind, options, at)
                VALUES (\(id), \(user.id), \(poll.question), \(poll.kind.rawValue), \(try ColumnJSON.encode(poll.options)), \(now.milliseconds))
                RETURNING id
                """, as: PollID.self, logger: logger)
            else { throw DomainError(.internal, "a poll was not stored") }
            let event = try await context.append(.room(.pollCreated(try await Self.poll(pollID, viewer: nil, on: connection, logger: logger))),
                                                 to: room.topic, at: now, on: connection)
            appended.append(event)
            return Created(id: pollID.rawValue, seq: event.seq)
        }
    }

    /// One answer per person per poll; a second is a `conflict`. The poll's row is locked, so answers at once count in turn.
    public func votePoll(_ id: PollID, option: Int?, words: [String]?, by user: UserRecord, now: Timestamp,
                         check: @escaping RoomCheck) async throws -> PollTally {
        let (logger, context) = (logger, context)
        return try await context.write { connection, appended in
            var found: (room: RoomID, kind: String, options: String, closed: Bool)?
            for try await row in try await connection.query("SELECT room_id, kind, options, closed FROM polls WHERE id = \(id) FOR UPDATE", logger: logger)
                .decode((RoomID, String, String, Bool).self) {
                found = row
            }
            guard let (roomID, kind, optionsJSON, closed) = found else { throw DomainError(.notFound, "No such poll", field: "pollId") }
            let options: [String] = try ColumnJSON.decode(optionsJSON)
            let answer = try PollAnswer(option: option, words: words, kind: PollKind(rawValue: kind) ?? .choice, optionCount: options.count, closed: closed)
            try check(try await Self.facts(try await Self.room(roomID, on: connection, logger: logger), for: user, on: connection, logger: logger))
            try OneVote.poll(alreadyAnswered: try await connection.exists("SELECT 1 FROM poll_votes WHERE poll_id = \(id) AND user_id = \(user.id)",
                                                                          logger: logger))
            switch answer {
            case .option(let index):
                try await connection.query("INSERT INTO poll_votes(poll_id, user_id, option) VALUES (\(id), \(user.id), \(index))", logger: logger)
            case .words(let list):
                try await connection.query("INSERT INTO poll_votes(poll_id, user_id, words) VALUES (\(id), \(user.id), \(try ColumnJSON.encode(list)))",
                                           logger: logger)
            }
            appended.append(try await context.append(.room(.pollResults(try await Self.poll(id, viewer: nil, on: connection, logger: logger))),
                                                     to: .room(roomID), at: now, on: connection))
            return try await Self.poll(id, viewer: user.id, on: connection, logger: logger)
        }
    }

    public func closePoll(_ id: PollID, by user: UserRecord, now: Timestamp) async throws {
        let (logger, context) = (logger, context)
        try await context.write { connection, appended in
            var found: (room: RoomID, closed: Bool)?
            for try await row in try await connection.query("SELECT room_id, closed FROM polls WHERE id = \(id) FOR UPDATE", logger: logger)
                .decode((RoomID, Bool).self) {
                found = row
            }
            guard let (roomID, closed) = found else { throw DomainError(.notFound, "No such poll", field: "pollId") }
            try RoomHosting.require(isHost: try await Self.isHost(user, room: roomID, on: connection, logger: logger))
            // Closed already: nothing changes, nobody is told again.
            if closed { return }
            try await connection.query("UPDATE polls SET closed = true WHERE id = \(id)", logger: logger)
            appended.append(try await context.append(.room(.pollClosed(id: id)), to: .room(roomID), at: now, on: connection))
        }
    }

    /// A poll's tally, with `viewer`'s own answer.
    static func poll(_ id: PollID, viewer: UserID?, on connection: PostgresConnection, logger: Logger) async throws -> PollTally {
        var found: PollRow?
        for try await (question, kind, options, closed) in try await connection.query("SELECT question, kind, options, closed FROM polls WHERE id = \(id)",
                                                                                       logger: logger).decode((String, String, String, Bool).self) {
            found = PollRow(id: id, question: question, kind: kind, options: options, closed: closed)
        }
        guard let found else { throw DomainError(.notFound, "No such poll", field: "pollId") }
        var votes: [(UserID, Int?, String?)] = []
        for try await vote in try await connection.query("SELECT user_id, option, words FROM poll_votes WHERE poll_id = \(id)", logger: logger)
            .decode((UserID, Int?, String?).self) {
            votes.append(vote)
        }
        return try found.tally(votes: votes, viewer: viewer)
    }

    /// Every poll of a room as `viewer` sees it, in the order they were made: two queries, however many polls.
    static func polls(room: RoomID, viewer: UserID, on connection: PostgresConnection, logger: Logger) async throws -> [PollTally] {
        var rows: [PollRow] = []
        for try await (id, question, kind, options, closed) in try await connection.query(
            "SELECT id, question, kind, options, closed FROM polls WHERE room_id = \(room) ORDER BY id", logger: logger)
            .decode((PollID, String, String, String, Bool).self) {
            rows.append(PollRow(id: id, question: question, kind: kind, options: options, closed: closed))
        }
        guard !rows.isEmpty else { return [] }
        var votes: [PollID: [(UserID, Int?, String?)]] = [:]
        for try await (poll, voter, option, words) in try await connection.query("""
            SELECT v.poll_id, v.user_id, v.option, v.words FROM poll_votes v JOIN polls p ON p.id = v.poll_id WHERE p.room_id = \(room)
            """, logger: logger).decode((PollID, UserID, Int?, String?).self) {
            votes[poll, default: []].append((voter, option, words))
        }
        return try rows.map { try $0.tally(votes: votes[$0.id] ?? [], viewer: viewer) }
    }

    /// A poll as stored, before its votes are counted.
    struct PollRow {
        let id: PollID
        let question: String
        let kind: String
        let options: String
        let closed: Bool

        /// The tally of `votes` (voter, option, words as JSON), with `viewer`'s own answer.
        func tally(votes: [(UserID, Int?, String?)], viewer: UserID?) throws -> PollTally {
            let options: [String] = try ColumnJSON.decode(self.options)
            var counts = [Int](repeating: 0, count: options.count)
            var words: [String: Int] = [:]
            var yourVote: Int?
            var yourWords: [String] = []
            for (voter, option, list) in votes {
                let chosen: [String] = try list.map { try ColumnJSON.decode($0) } ?? []
                if let option, counts.indices.contains(option) { counts[option] += 1 }
                for word in chosen { words[word, default: 0] += 1 }
                if voter == viewer { (yourVote, yourWords) = (option, chosen) }
            }
            return PollTally(id: id, question: question, kind: PollKind(rawValue: kind) ?? .choice, options: options, counts: counts,
                             words: WordTally.cloud(words), closed: closed, yourVote: yourVote, yourWords: yourWords)
        }
    }

    // MARK: entering a room

    /// A room and what the room rules need of it and this person, read at once.
    public func roomFacts(room id: RoomID, for user: UserRecord) async throws -> (room: Room, facts: RoomFacts) {
        let logger = logger
        return try await context.read { connection in
            let room = try await Self.room(id, on: connection, logger: logger)
            return (room, try await Self.facts(room, for: user, on: connection, logger: logger))
        }
    }

    /// What a person sees on entering a room, the events after `since`, and what the room rules need to let them in,
    /// read together (one snapshot, each thing read once: a join storm is thousands of these).
    public func roomSnapshot(room id: RoomID, for user: UserRecord, since: Int64?,
                             now: Timestamp) async throws -> (facts: RoomFacts, entry: RoomEntry, replay: Replay) {
        let logger = logger
        return try await context.read { connection in
            let room = try await Self.room(id, on: connection, logger: logger)
            let hosts = try await Self.roomHostIDs(id, on: connection, logger: logger)
            let facts = try await Self.facts(room, for: user, hosts: hosts, on: connection, logger: logger)
            let replay = if let since {
                try await PostgresEventLog.replay(topic: room.topic, since: since, on: connection, logger: logger)
            } else {
                Replay(latestSeq: try await PostgresEventLog.latestSeq(topic: room.topic, on: connection, logger: logger), events: [])
            }
            let entry = RoomEntry(room: room, chat: try await Self.chatPage(room: id, before: nil, limit: 50, hosts: hosts, on: connection, logger: logger).messages,
                                  questions: try await Self.questions(room: id, viewer: user.id, includeHidden: facts.isHost, hosts: hosts,
                                                                      on: connection, logger: logger),
                                  polls: try await Self.polls(room: id, viewer: user.id, on: connection, logger: logger), isHost: facts.isHost,
                                  mutedUntil: facts.standing.mutedUntil,
                                  breakout: try await Self.runningBreakouts(parent: id, user: user.id, on: connection, logger: logger))
            return (facts, entry, replay)
        }
    }

    /// The room's questions as `viewer` sees them (their own votes marked; hidden ones for its hosts only), in ``QuestionOrder``.
    /// `hosts`: the room's ``roomHostIDs(_:on:logger:)``, for the authors' badges.
    static func questions(room: RoomID, viewer: UserID, includeHidden: Bool, hosts: Set<Int64>, on connection: PostgresConnection,
                          logger: Logger) async throws -> [Question] {
        let voted = Set(try await connection.values("""
            SELECT v.question_id FROM question_votes v JOIN questions q ON q.id = v.question_id WHERE q.room_id = \(room) AND v.user_id = \(viewer)
            """, as: QuestionID.self, logger: logger))
        var questions: [Question] = []
        for try await (id, text, votes, answered, hidden, at, authorID, name, role) in try await connection.query("""
            SELECT q.id, q.text, q.votes, q.answered, q.hidden, q.at, u.id, u.display_name, u.role FROM questions q JOIN users u ON u.id = q.author_id
            WHERE q.room_id = \(room) AND (\(includeHidden) OR NOT q.hidden)
            """, logger: logger).decode((QuestionID, String, Int, Bool, Bool, Int64, Int64, String, String).self) {
            questions.append(Question(id: id, author: roomAuthor(id: authorID, name: name, role: role, hosts: hosts), text: text, votes: votes,
                                      voted: voted.contains(id), answered: answered, hidden: hidden, at: Timestamp(milliseconds: at)))
        }
        return QuestionOrder.sorted(questions, votes: \.votes, at: \.at.milliseconds)
    }

    /// The groups running under `parent` now (nil when none), and `user`'s own.
    static func runningBreakouts(parent id: RoomID, user: UserID, on connection: PostgresConnection, logger: Logger) async throws -> RunningBreakouts? {
        var running: (groups: Int, endsAt: Int64?) = (0, nil)
        for try await row in try await connection.query(
            "SELECT COUNT(*), MAX(ends_at) FROM rooms WHERE parent_room_id = \(id) AND state <> 'ended'", logger: logger).decode((Int, Int64?).self) {
            running = row
        }
        guard running.groups > 0, let endsAt = running.endsAt else { return nil }
        let yours = try await connection.value("""
            SELECT b.room_id FROM breakout_members b JOIN rooms r ON r.id = b.room_id
            WHERE r.parent_room_id = \(id) AND r.state <> 'ended' AND b.user_id = \(user)
            """, as: RoomID.self, logger: logger)
        return RunningBreakouts(groups: running.groups, endsAt: Timestamp(milliseconds: endsAt), yourRoomId: yours)
    }
}
