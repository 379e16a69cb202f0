import GRDB
import SeminarCore

/// The welcome desk's help tickets: asked, queued, claimed by an agent, answered, resolved; each change is one
/// transaction whose events go to the `desk` topic and the people concerned.
extension AppDatabase {
    /// Opens a ticket, or adds the text to the person's open one (one open ticket per person).
    public func askDesk(asker: UserRecord, text: String, page: String?, roomId: RoomID?, key: String?, agents: Int, now: Timestamp) async throws -> Ticket {
        try await writer.write { db in
            let asked = try Self.idempotent(db, user: asker.id, key: key, type: MessageType.deskAsk.rawValue, now: now) {
                if let open = try TicketID.fetchOne(db.cachedStatement(sql: "SELECT id FROM tickets WHERE asker_id = ? AND state != 'resolved' ORDER BY id DESC LIMIT 1"),
                                                 arguments: [asker.id.rawValue]) {
                    _ = try self.addDeskMessage(db, ticket: open, author: asker, text: text, link: nil, now: now)
                    return AskedTicket(id: open)
                }
                if let roomId, try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM rooms WHERE id = ?"), arguments: [roomId]) == nil {
                    throw DomainError(.notFound, "No room \(roomId)", field: "roomId")
                }
                try db.cachedStatement(sql: """
                    INSERT INTO tickets(asker_id, text, page, room_id, state, queued_at, created_at) VALUES (?, ?, ?, ?, 'waiting', ?, ?)
                    """).execute(arguments: [asker.id.rawValue, text, page, roomId, now.milliseconds, now.milliseconds])
                let ticket = try Self.ticket(db, id: TicketID(db.lastInsertedRowID), agents: agents)
                try self.publishTicket(db, ticket, now: now)
                return AskedTicket(id: ticket.id)
            }
            return try Self.ticket(db, id: asked.ticket.id, agents: agents)
        }
    }

    /// A line in a ticket's conversation, from the asker, its agent or an organiser; `link` makes it a "take me there".
    /// With `mailAsker`, a reply to the asker is also mailed to them when the composer says so (they are away).
    public func deskMessage(from author: UserRecord, ticket id: TicketID, text: String, link: DeskLink?, key: String?, now: Timestamp,
                            mailAsker: DeskReplyMail.Composer? = nil) async throws -> Created {
        try await writer.write { db in
            try Self.idempotent(db, user: author.id, key: key, type: MessageType.deskMessage.rawValue, now: now) {
                let ticket = try Self.ticketRow(db, id: id)
                try TicketAccess.mayWrite(ticket.facts, by: author.id, role: author.role, withLink: link != nil)
                let reply = try self.addDeskMessage(db, ticket: id, author: author, text: text, link: link, now: now)
                if let mailAsker, ticket.asker != author.id.rawValue,
                   let mail = mailAsker(try Self.mailPerson(db, ticket.asker), .init(agent: author.displayName, text: text), try Self.mailSeminar(db)) {
                    try Self.enqueueMail(db, mail, now: now)
                }
                return reply
            }
        }
    }

    /// The language of the person who asked for help.
    public func askerLocale(ticket id: TicketID) async throws -> Language {
        try await writer.read { db in
            guard let locale = try String.fetchOne(db.cachedStatement(sql: "SELECT u.locale FROM tickets t JOIN users u ON u.id = t.asker_id WHERE t.id = ?"),
                                                   arguments: [id]) else { throw DomainError(.notFound, "No ticket \(id)", field: "ticketId") }
            return Language(rawValue: locale) ?? .en
        }
    }

    /// The title of a room, for a "take me there" link (the session's title in `language`, or the room's name).
    public func roomTitle(_ roomId: RoomID, language: Language) async throws -> String {
        try await writer.read { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT r.name, s.title FROM rooms r LEFT JOIN sessions s ON s.id = r.session_id WHERE r.id = ?
                """), arguments: [roomId]) else { throw DomainError(.notFound, "No room \(roomId)", field: "roomId") }
            for column in ["title", "name"] {
                if let json = row[column] as String?, let text: LocalizedText = try? Self.decode(json), let title = text.resolved(language)?.text {
                    return title
                }
            }
            return "Room \(roomId)"
        }
    }

    /// The ticket (by default the person's open or latest one) and its whole conversation.
    public func ticketTranscript(for user: UserRecord, ticket id: TicketID?, agents: Int) async throws -> TicketConversation {
        try await writer.read { db in
            let ticketID: TicketID
            if let id {
                try TicketAccess.mayRead(try Self.ticketRow(db, id: id).facts, by: user.id, role: user.role)
                ticketID = id
            } else if let latest = try TicketID.fetchOne(db.cachedStatement(sql: """
                SELECT id FROM tickets WHERE asker_id = ? ORDER BY state = 'resolved', id DESC LIMIT 1
                """), arguments: [user.id.rawValue]) {
                ticketID = latest
            } else {
                return TicketConversation(ticket: nil, messages: [], readUpTo: nil, unread: 0)
            }
            let messages = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT m.*, u.display_name, u.role FROM ticket_messages m JOIN users u ON u.id = m.author_id WHERE m.ticket_id = ? ORDER BY m.id
                """), arguments: [ticketID]).map(Self.deskMessage)
            let mark = try Self.readMark(db, user: user.id, thread: Self.ticketThread(ticketID))
            let unread = ReadMark.unread(messages.map { (id: $0.id, author: $0.author.id) }, after: mark, reader: user.id)
            return TicketConversation(ticket: try Self.ticket(db, id: ticketID, agents: agents), messages: messages, readUpTo: mark, unread: unread)
        }
    }

    /// The reader has read the ticket's conversation up to the message `upTo`: the mark moves forward (never back)
    /// and, when it moved, their own topic says so, so that their other tabs and devices clear the count.
    public func markDeskRead(ticket id: TicketID, upTo: DeskMessageID?, by user: UserRecord, now: Timestamp) async throws -> DeskMessageID {
        try await writer.write { db in
            try TicketAccess.mayRead(try Self.ticketRow(db, id: id).facts, by: user.id, role: user.role)
            let thread = Self.ticketThread(id)
            let newest = try DeskMessageID.fetchOne(db.cachedStatement(sql: "SELECT MAX(id) FROM ticket_messages WHERE ticket_id = ?"), arguments: [id])
            let current = try Self.readMark(db, user: user.id, thread: thread)
            let mark = try ReadMark.advance(current, to: upTo, newest: newest)
            guard mark != current else { return mark }
            try db.cachedStatement(sql: """
                INSERT INTO read_marks(user_id, thread, read_up_to) VALUES (?, ?, ?)
                ON CONFLICT(user_id, thread) DO UPDATE SET read_up_to = excluded.read_up_to
                """).execute(arguments: [user.id.rawValue, thread, mark])
            _ = try self.append(db, topic: .user(user.id), .desk(.read(ticketId: id, upTo: mark)), at: now)
            return mark
        }
    }

    /// The read mark's thread of a ticket's conversation (one name in every store).
    package static func ticketThread(_ id: TicketID) -> String { "ticket:\(id)" }

    static func readMark(_ db: Database, user: UserID, thread: String) throws -> DeskMessageID? {
        try DeskMessageID.fetchOne(db.cachedStatement(sql: "SELECT read_up_to FROM read_marks WHERE user_id = ? AND thread = ?"), arguments: [user.rawValue, thread])
    }

    /// The waiting tickets in queue order and the claimed ones, as agents see them.
    public func deskQueue(agents: Int) async throws -> TicketQueue {
        try await writer.read { db in try Self.deskQueue(db, agents: agents) }
    }

    static func deskQueue(_ db: Database, agents: Int) throws -> TicketQueue {
        let waiting = try TicketID.fetchAll(db.cachedStatement(sql: "SELECT id FROM tickets WHERE state = 'waiting' ORDER BY queued_at, id"))
        let claimed = try TicketID.fetchAll(db.cachedStatement(sql: "SELECT id FROM tickets WHERE state = 'claimed' ORDER BY claimed_at, id"))
        return TicketQueue(waiting: try waiting.map { try ticket(db, id: $0, agents: agents) }, claimed: try claimed.map { try ticket(db, id: $0, agents: agents) })
    }

    /// Claims, releases or resolves a ticket. Agents claim; its agent or an organiser releases; its agent, an
    /// organiser or the asker resolves. `by: nil` is the server itself releasing a ticket whose agent has gone.
    public func moveTicket(_ id: TicketID, _ action: TicketAction, by user: UserRecord?, agents: Int, now: Timestamp) async throws -> Ticket {
        try await writer.write { db in
            let state = try TicketAccess.move(try Self.ticketRow(db, id: id).facts, action, by: user.map { ($0.id, $0.role) })
            switch action {
            case .claim:
                try db.cachedStatement(sql: "UPDATE tickets SET state = ?, agent_id = ?, claimed_at = ? WHERE id = ?").execute(
                               arguments: [state.rawValue, user?.id.rawValue, now.milliseconds, id])
            case .release:
                // Back to its place in the queue: ordered by when it was first asked.
                try db.cachedStatement(sql: "UPDATE tickets SET state = ?, agent_id = NULL, claimed_at = NULL, queued_at = created_at WHERE id = ?").execute(
                               arguments: [state.rawValue, id])
            case .resolve:
                try db.cachedStatement(sql: "UPDATE tickets SET state = ?, resolved_at = ?, resolved_by = ? WHERE id = ?").execute(
                               arguments: [state.rawValue, now.milliseconds, user?.id.rawValue, id])
            }
            let ticket = try Self.ticket(db, id: id, agents: agents)
            try self.publishTicket(db, ticket, now: now)
            return ticket
        }
    }

    /// Tickets claimed by `agent` (every claimed ticket when nil), with who holds each.
    public func claimedTickets(agent: UserID?) async throws -> [(ticket: TicketID, agent: UserID)] {
        try await writer.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT id, agent_id FROM tickets WHERE state = 'claimed' AND (? IS NULL OR agent_id = ?)"),
                             arguments: [agent?.rawValue, agent?.rawValue]).map { ($0["id"], UserID($0["agent_id"])) }
        }
    }

    /// Each waiting asker's place and expected wait, for the ephemeral `desk.position` events.
    public func waitingPositions(agents: Int) async throws -> [DeskPosition] {
        try await writer.read { db in
            let recent = try Self.recentHandlingMs(db)
            return try Row.fetchAll(db.cachedStatement(sql: "SELECT id, asker_id FROM tickets WHERE state = 'waiting' ORDER BY queued_at, id"))
                .enumerated().map { index, row in
                    DeskPosition(asker: UserID(row["asker_id"]), ticketId: row["id"], position: index + 1,
                                 estimatedWaitMs: DeskQueue.estimatedWaitMs(position: index + 1, agents: agents, recentHandlingMs: recent))
                }
        }
    }

    /// Figures for organisers: the queue now, today's resolved tickets, median wait and handling, per agent.
    public func deskStats(dayStart: Timestamp) async throws -> DeskReport {
        try await writer.read { db in
            let waiting = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM tickets WHERE state = 'waiting'")) ?? 0
            let claimed = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM tickets WHERE state = 'claimed'")) ?? 0
            let resolvedToday = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM tickets WHERE state = 'resolved' AND resolved_at >= ?"),
                                                 arguments: [dayStart.milliseconds]) ?? 0
            let waits = try Int64.fetchAll(db.cachedStatement(sql: "SELECT claimed_at - created_at FROM tickets WHERE claimed_at IS NOT NULL AND created_at >= ?"),
                                           arguments: [dayStart.milliseconds])
            var agents: [DeskReport.Agent] = []
            for row in try Row.fetchAll(db.cachedStatement(sql: """
                SELECT u.id, u.display_name,
                       SUM(t.state = 'resolved') AS handled, SUM(t.state = 'claimed') AS open
                FROM tickets t JOIN users u ON u.id = t.agent_id GROUP BY u.id ORDER BY handled DESC, u.id
                """)) {
                let id: Int64 = row["id"]
                let times = try Int64.fetchAll(db.cachedStatement(sql: """
                    SELECT resolved_at - claimed_at FROM tickets WHERE agent_id = ? AND state = 'resolved' AND claimed_at IS NOT NULL
                    """), arguments: [id])
                agents.append(DeskReport.Agent(agent: Author(id: UserID(id), displayName: row["display_name"]), handled: row["handled"] ?? 0,
                                               open: row["open"] ?? 0, medianHandlingMs: DeskQueue.median(times)))
            }
            return DeskReport(waiting: waiting, claimed: claimed, resolvedToday: resolvedToday, medianWaitMs: DeskQueue.median(waits),
                              medianHandlingMs: DeskQueue.median(try Self.recentHandlingMs(db)), agents: agents)
        }
    }

    // MARK: - inside transactions

    struct TicketRow {
        let id: TicketID
        let asker: Int64
        let agent: Int64?
        let state: TicketState

        var facts: TicketFacts { TicketFacts(asker: UserID(asker), agent: agent.map { UserID($0) }, state: state) }
    }

    static func ticketRow(_ db: Database, id: TicketID) throws -> TicketRow {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, asker_id, agent_id, state FROM tickets WHERE id = ?"), arguments: [id]) else {
            throw DomainError(.notFound, "No ticket \(id)", field: "ticketId")
        }
        return TicketRow(id: id, asker: row["asker_id"], agent: row["agent_id"], state: TicketState(rawValue: row["state"]) ?? .waiting)
    }

    /// Handling times (claim to resolution) of the last resolved tickets, for the wait estimate.
    static func recentHandlingMs(_ db: Database) throws -> [Int64] {
        try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT resolved_at - claimed_at FROM tickets WHERE state = 'resolved' AND claimed_at IS NOT NULL
            ORDER BY resolved_at DESC LIMIT ?
            """), arguments: [DeskQueue.historySize])
    }

    static func ticket(_ db: Database, id: TicketID, agents: Int) throws -> Ticket {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT t.*, a.display_name AS asker_name, json_extract(ap.data, '$.photo') AS asker_photo, g.display_name AS agent_name
            FROM tickets t JOIN users a ON a.id = t.asker_id LEFT JOIN profiles ap ON ap.user_id = t.asker_id
            LEFT JOIN users g ON g.id = t.agent_id WHERE t.id = ?
            """), arguments: [id]) else { throw DomainError(.notFound, "No ticket \(id)", field: "ticketId") }
        let state = TicketState(rawValue: row["state"]) ?? .waiting
        var position: Int?
        var wait: Int64?
        if state == .waiting {
            let ahead = try Int.fetchOne(db.cachedStatement(sql: """
                SELECT COUNT(*) FROM tickets WHERE state = 'waiting' AND (queued_at < ? OR (queued_at = ? AND id < ?))
                """), arguments: [row["queued_at"] as Int64, row["queued_at"] as Int64, id]) ?? 0
            position = ahead + 1
            wait = DeskQueue.estimatedWaitMs(position: ahead + 1, agents: agents, recentHandlingMs: try recentHandlingMs(db))
        }
        let stamp = { (column: String) in (row[column] as Int64?).map { Timestamp(milliseconds: $0) } }
        return Ticket(
            id: id, state: state, text: row["text"], page: row["page"], roomId: row["room_id"],
            asker: Author(id: row["asker_id"], displayName: row["asker_name"]), askerPhoto: row["asker_photo"],
            agent: (row["agent_id"] as Int64?).map { Author(id: UserID($0), displayName: row["agent_name"]) },
            createdAt: Timestamp(milliseconds: row["created_at"]), claimedAt: stamp("claimed_at"), resolvedAt: stamp("resolved_at"),
            position: position, estimatedWaitMs: wait)
    }

    static func deskMessage(_ row: Row) throws -> DeskMessage {
        DeskMessage(id: row["id"], ticketId: row["ticket_id"], author: author(id: row["author_id"], name: row["display_name"], role: row["role"]),
                    text: row["text"], link: try (row["link"] as String?).map { try decode($0) }, at: Timestamp(milliseconds: row["at"]))
    }

    /// `ticket.updated` on the desk and on the asker's topic.
    private func publishTicket(_ db: Database, _ ticket: Ticket, now: Timestamp) throws {
        _ = try append(db, topic: .desk, .desk(.ticketUpdated(ticket)), at: now)
        _ = try append(db, topic: .user(ticket.asker.id), .desk(.ticketUpdated(ticket)), at: now)
    }

    /// Stores a message and sends `desk.message` to the asker, the ticket's agent and the author.
    private func addDeskMessage(_ db: Database, ticket id: TicketID, author: UserRecord, text: String, link: DeskLink?, now: Timestamp) throws -> Created {
        let ticket = try Self.ticketRow(db, id: id)
        try db.cachedStatement(sql: "INSERT INTO ticket_messages(ticket_id, author_id, text, link, at) VALUES (?, ?, ?, ?, ?)").execute(
                       arguments: [id, author.id.rawValue, text, try link.map { try Self.encode($0) }, now.milliseconds])
        let message = DeskMessage(id: DeskMessageID(db.lastInsertedRowID), ticketId: id, author: Self.author(author), text: text, link: link, at: now)
        var authorSeq: Int64 = 0
        for person in Set([ticket.asker, ticket.agent, author.id.rawValue].compactMap { $0 }).sorted() {
            let event = try append(db, topic: .user(UserID(person)), .desk(.message(message)), at: now)
            if person == author.id.rawValue { authorSeq = event.seq }
        }
        return Created(id: message.id.rawValue, seq: authorSeq)
    }
}

/// What a desk question's idempotency key keeps: the ticket it went to (a key kept before this read the whole
/// `{"ticket": {…}}` reply, which has the ticket's `id` too). Both stores keep it so.
package struct AskedTicket: Codable, Sendable {
    package struct Ref: Codable, Sendable {
        package let id: TicketID
    }

    package let ticket: Ref

    package init(id: TicketID) {
        ticket = Ref(id: id)
    }
}
