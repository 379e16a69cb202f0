import GRDB
import SeminarCore

extension AppDatabase {
    static func poll(_ db: Database, id: PollID, viewer: UserID?) throws -> PollTally {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM polls WHERE id = ?"), arguments: [id]) else {
            throw DomainError(.notFound, "No such poll", field: "pollId")
        }
        let options: [String] = try decode(row["options"])
        var counts = [Int](repeating: 0, count: options.count)
        for vote in try Row.fetchAll(db.cachedStatement(sql: "SELECT option, COUNT(*) AS n FROM poll_votes WHERE poll_id = ? AND option IS NOT NULL GROUP BY option"), arguments: [id]) {
            let option: Int = vote["option"]
            if counts.indices.contains(option) { counts[option] = vote["n"] }
        }
        var words: [String: Int] = [:]
        for list in try String.fetchAll(db.cachedStatement(sql: "SELECT words FROM poll_votes WHERE poll_id = ? AND words IS NOT NULL"), arguments: [id]) {
            for word in (try decode(list) as [String]) { words[word, default: 0] += 1 }
        }
        var yourVote: Int?
        var yourWords: [String] = []
        if let viewer, let mine = try Row.fetchOne(db.cachedStatement(sql: "SELECT option, words FROM poll_votes WHERE poll_id = ? AND user_id = ?"), arguments: [id, viewer.rawValue]) {
            yourVote = mine["option"]
            if let list: String = mine["words"] { yourWords = try decode(list) }
        }
        return PollTally(id: id, question: row["question"], kind: PollKind(rawValue: row["kind"]) ?? .choice, options: options, counts: counts,
                         words: WordTally.cloud(words), closed: row["closed"], yourVote: yourVote, yourWords: yourWords)
    }

    public func createPoll(room id: RoomID, poll: NewPoll, by user: UserRecord, now: Timestamp) async throws -> Created {
        try await writer.write { db in
            try Self.requireHost(db, user: user, room: id)
            let room = try Self.room(db, id: id)
            try db.cachedStatement(sql: "INSERT INTO polls(room_id, author_id, question, kind, options, at) VALUES (?, ?, ?, ?, ?, ?)").execute(
                           arguments: [id, user.id.rawValue, poll.question, poll.kind.rawValue, try Self.encode(poll.options), now.milliseconds])
            let pollID = PollID(db.lastInsertedRowID)
            let event = try self.append(db, topic: room.topic, .room(.pollCreated(try Self.poll(db, id: pollID, viewer: nil))), at: now)
            return Created(id: pollID.rawValue, seq: event.seq)
        }
    }

    /// One answer per person per poll; a second is a `conflict`.
    public func votePoll(_ id: PollID, option: Int?, words: [String]?, by user: UserRecord, now: Timestamp,
                         check: @escaping RoomCheck) async throws -> PollTally {
        try await writer.write { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT room_id, kind, options, closed FROM polls WHERE id = ?"), arguments: [id]) else {
                throw DomainError(.notFound, "No such poll", field: "pollId")
            }
            let roomID: RoomID = row["room_id"]
            let options: [String] = try Self.decode(row["options"])
            let answer = try PollAnswer(option: option, words: words, kind: PollKind(rawValue: row["kind"]) ?? .choice,
                                        optionCount: options.count, closed: row["closed"])
            try check(try Self.facts(db, room: try Self.room(db, id: roomID), user: user))
            try OneVote.poll(alreadyAnswered: try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM poll_votes WHERE poll_id = ? AND user_id = ?"),
                                                               arguments: [id, user.id.rawValue]) != nil)
            switch answer {
            case .option(let index):
                try db.cachedStatement(sql: "INSERT INTO poll_votes(poll_id, user_id, option) VALUES (?, ?, ?)").execute(arguments: [id, user.id.rawValue, index])
            case .words(let list):
                try db.cachedStatement(sql: "INSERT INTO poll_votes(poll_id, user_id, words) VALUES (?, ?, ?)").execute(
                               arguments: [id, user.id.rawValue, try Self.encode(list)])
            }
            _ = try self.append(db, topic: .room(roomID), .room(.pollResults(try Self.poll(db, id: id, viewer: nil))), at: now)
            return try Self.poll(db, id: id, viewer: user.id)
        }
    }

    public func closePoll(_ id: PollID, by user: UserRecord, now: Timestamp) async throws {
        try await writer.write { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT room_id, closed FROM polls WHERE id = ?"), arguments: [id]) else {
                throw DomainError(.notFound, "No such poll", field: "pollId")
            }
            let roomID: RoomID = row["room_id"]
            try Self.requireHost(db, user: user, room: roomID)
            // Closed already: nothing changes, nobody is told again.
            if row["closed"] as Bool { return }
            try db.cachedStatement(sql: "UPDATE polls SET closed = 1 WHERE id = ?").execute(arguments: [id])
            _ = try self.append(db, topic: .room(roomID), .room(.pollClosed(id: id)), at: now)
        }
    }
}
