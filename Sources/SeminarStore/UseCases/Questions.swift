import GRDB
import SeminarCore

extension AppDatabase {
    static func questions(_ db: Database, room: RoomID, viewer: UserID, includeHidden: Bool) throws -> [Question] {
        let voted = Set(try QuestionID.fetchAll(db.cachedStatement(sql: """
            SELECT v.question_id FROM question_votes v JOIN questions q ON q.id = v.question_id WHERE q.room_id = ? AND v.user_id = ?
            """), arguments: [room, viewer.rawValue]))
        let rows = try Row.fetchAll(db, sql: """
            SELECT q.*, u.display_name, u.role FROM questions q JOIN users u ON u.id = q.author_id WHERE q.room_id = ?
            """ + (includeHidden ? "" : " AND q.hidden = 0"), arguments: [room])
        let hosts = try roomHostIDs(db, room: room)
        let questions = rows.map { row in
            Question(id: row["id"], author: roomAuthor(row, hosts: hosts), text: row["text"], votes: row["votes"], voted: voted.contains(row["id"]),
                     answered: row["answered"], hidden: row["hidden"], at: Timestamp(milliseconds: row["at"]))
        }
        return QuestionOrder.sorted(questions, votes: \.votes, at: \.at.milliseconds)
    }

    public func askQuestion(room id: RoomID, text: String, by author: UserRecord, key: String?, now: Timestamp,
                            check: @escaping RoomCheck) async throws -> Created {
        try await writer.write { db in
            try Self.idempotent(db, user: author.id, key: key, type: MessageType.questionAsk.rawValue, now: now) {
                let room = try Self.room(db, id: id)
                try check(try Self.facts(db, room: room, user: author))
                try db.cachedStatement(sql: "INSERT INTO questions(room_id, author_id, text, at) VALUES (?, ?, ?, ?)").execute(
                               arguments: [id, author.id.rawValue, text, now.milliseconds])
                let questionID = QuestionID(db.lastInsertedRowID)
                let question = Question(id: questionID, author: try Self.roomAuthor(db, author, room: id),
                                        text: text, votes: 0, voted: false, answered: false, hidden: false, at: now)
                let event = try self.append(db, topic: room.topic, .room(.questionAsked(question)), at: now)
                return Created(id: questionID.rawValue, seq: event.seq)
            }
        }
    }

    static func questionRoom(_ db: Database, id: QuestionID) throws -> RoomID {
        guard let room = try RoomID.fetchOne(db.cachedStatement(sql: "SELECT room_id FROM questions WHERE id = ?"), arguments: [id]) else {
            throw DomainError(.notFound, "No such question", field: "questionId")
        }
        return room
    }

    /// One vote per person per question; a second vote is a `conflict`.
    public func voteQuestion(_ id: QuestionID, by user: UserRecord, now: Timestamp, check: @escaping RoomCheck) async throws -> Int {
        try await writer.write { db in
            let roomID = try Self.questionRoom(db, id: id)
            try check(try Self.facts(db, room: try Self.room(db, id: roomID), user: user))
            try OneVote.question(alreadyVoted: try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM question_votes WHERE question_id = ? AND user_id = ?"),
                                                                arguments: [id, user.id.rawValue]) != nil)
            try db.cachedStatement(sql: "INSERT INTO question_votes(question_id, user_id) VALUES (?, ?)").execute(arguments: [id, user.id.rawValue])
            try db.cachedStatement(sql: "UPDATE questions SET votes = votes + 1 WHERE id = ?").execute(arguments: [id])
            let votes = try Int.fetchOne(db.cachedStatement(sql: "SELECT votes FROM questions WHERE id = ?"), arguments: [id]) ?? 0
            _ = try self.append(db, topic: .room(roomID), .room(.questionVoted(id: id, votes: votes)), at: now)
            return votes
        }
    }

    /// Host: mark answered or hide.
    public func markQuestion(_ id: QuestionID, answered: Bool, by user: UserRecord, now: Timestamp) async throws {
        try await writer.write { db in
            let roomID = try Self.questionRoom(db, id: id)
            try Self.requireHost(db, user: user, room: roomID)
            let column = answered ? "answered" : "hidden"
            // Marked already: nothing changes, nobody is told again.
            if try Bool.fetchOne(db, sql: "SELECT \(column) FROM questions WHERE id = ?", arguments: [id]) == true { return }
            try db.execute(sql: "UPDATE questions SET \(column) = 1 WHERE id = ?", arguments: [id])
            _ = try self.append(db, topic: .room(roomID), .room(answered ? .questionAnswered(id: id) : .questionHidden(id: id)), at: now)
        }
    }
}
