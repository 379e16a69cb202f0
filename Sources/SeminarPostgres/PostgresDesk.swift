import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// The welcome desk in PostgreSQL (the cluster's ``DeskStore``): tickets asked, queued, claimed by an agent, answered
/// and resolved (``TicketAccess``). A change locks its ticket's row, so two agents claiming at once on two nodes get
/// one claim and one refusal; a person's questions at once go to one open ticket (their account's row is locked).
public final class PostgresDesk: DeskStore {
    let context: AggregateContext

    public init(_ context: AggregateContext) {
        self.context = context
    }

    var logger: Logger { context.logger }

    /// Opens a ticket, or adds the text to the person's open one (one open ticket per person).
    public func askDesk(asker: UserRecord, text: String, page: String?, roomId: RoomID?, key: String?, agents: Int, now: Timestamp) async throws -> Ticket {
        let (logger, context) = (logger, context)
        return try await context.write { connection, appended in
            let asked = try await PostgresIdempotency.run(user: asker.id, key: key, type: MessageType.deskAsk.rawValue, now: now, on: connection,
                                                          logger: logger) {
                try await connection.query("SELECT 1 FROM users WHERE id = \(asker.id.rawValue) FOR UPDATE", logger: logger)
                if let open = try await connection.value("""
                    SELECT id FROM tickets WHERE asker_id = \(asker.id.rawValue) AND state <> 'resolved' ORDER BY id DESC LIMIT 1
                    """, as: Int64.self, logger: logger) {
                    _ = try await Self.addMessage(ticket: TicketID(open), author: asker, text: text, link: nil, now: now, context: context,
                                                  on: connection, appended: &appended)
                    return AskedTicket(id: TicketID(open))
                }
                if let roomId, try await !connection.exists("SELECT 1 FROM rooms WHERE id = \(roomId)", logger: logger) {
                    throw DomainError(.notFound, "No room \(roomId)", field: "roomId")
                }
                guard let id = try await connection.value("""
                    INSERT INTO tickets(asker_id, text, page, room_id, state, queued_at, created_at)
                    VALUES (\(asker.id.rawValue), \(text), \(page), \(roomId), 'waiting', \(now.milliseconds), \(now.milliseconds))
                    RETURNING id
                    """, as: Int64.self, logger: logger)
                else { throw DomainError(.internal, "a ticket was not stored") }
                let ticket = try await Self.ticket(TicketID(id), agents: agents, on: connection, logger: logger)
                appended += try await Self.publish(ticket, now: now, context: context, on: connection)
                return AskedTicket(id: ticket.id)
            }
            return try await Self.ticket(asked.ticket.id, agents: agents, on: connection, logger: logger)
        }
    }

    /// A line in a ticket's conversation, from the asker, its agent or an organiser; `link` makes it a "take me there".
    /// With `mailAsker`, a reply to the asker is also queued as a mail, in the same transaction, when the composer says so.
    public func deskMessage(from author: UserRecord, ticket id: TicketID, text: String, link: DeskLink?, key: String?, now: Timestamp,
                            mailAsker: DeskReplyMail.Composer?) async throws -> Created {
        let (logger, context) = (logger, context)
        return try await context.write { connection, appended in
            try await PostgresIdempotency.run(user: author.id, key: key, type: MessageType.deskMessage.rawValue, now: now, on: connection, logger: logger) {
                let ticket = try await Self.ticketFacts(id, on: connection, logger: logger)
                try TicketAccess.mayWrite(ticket, by: author.id, role: author.role, withLink: link != nil)
                let reply = try await Self.addMessage(ticket: id, author: author, text: text, link: link, now: now, context: context,
                                                      on: connection, appended: &appended)
                if let mailAsker, ticket.asker != author.id,
                   let mail = mailAsker(try await PostgresMailOutbox.person(ticket.asker, on: connection, logger: logger),
                                        .init(agent: author.displayName, text: text), try await PostgresMailOutbox.seminar(on: connection, logger: logger)) {
                    _ = try await PostgresMailOutbox.enqueue(mail, now: now, on: connection, logger: logger)
                }
                return reply
            }
        }
    }

    /// The ticket (by default the person's open or latest one) and its whole conversation.
    public func ticketTranscript(for user: UserRecord, ticket id: TicketID?, agents: Int) async throws -> TicketConversation {
        let logger = logger
        return try await context.read { connection in
            let ticketID: TicketID
            if let id {
                try TicketAccess.mayRead(try await Self.ticketFacts(id, locked: false, on: connection, logger: logger), by: user.id, role: user.role)
                ticketID = id
            } else if let latest = try await connection.value("""
                SELECT id FROM tickets WHERE asker_id = \(user.id.rawValue) ORDER BY state = 'resolved', id DESC LIMIT 1
                """, as: Int64.self, logger: logger) {
                ticketID = TicketID(latest)
            } else {
                return TicketConversation(ticket: nil, messages: [], readUpTo: nil, unread: 0)
            }
            var messages: [DeskMessage] = []
            for try await (messageID, text, link, at, authorID, name, role) in try await connection.query("""
                SELECT m.id, m.text, m.link, m.at, u.id, u.display_name, u.role FROM ticket_messages m JOIN users u ON u.id = m.author_id
                WHERE m.ticket_id = \(ticketID.rawValue) ORDER BY m.id
                """, logger: logger).decode((Int64, String, String?, Int64, Int64, String, String).self) {
                messages.append(DeskMessage(id: DeskMessageID(messageID), ticketId: ticketID, author: Author(id: UserID(authorID), displayName: name, storedRole: role), text: text,
                                            link: try link.map { try ColumnJSON.decode($0) }, at: Timestamp(milliseconds: at)))
            }
            let mark = try await connection.value("""
                SELECT read_up_to FROM read_marks WHERE user_id = \(user.id.rawValue) AND thread = \(AppDatabase.ticketThread(ticketID))
                """, as: DeskMessageID.self, logger: logger)
            let unread = ReadMark.unread(messages.map { (id: $0.id, author: $0.author.id) }, after: mark, reader: user.id)
            return TicketConversation(ticket: try await Self.ticket(ticketID, agents: agents, on: connection, logger: logger), messages: messages,
                                      readUpTo: mark, unread: unread)
        }
    }

    /// Claims, releases or resolves a ticket (``TicketAccess/move(_:_:by:)``); `by: nil` is the server releasing a ticket
    /// whose agent has gone.
    public func moveTicket(_ id: TicketID, _ action: TicketAction, by user: UserRecord?, agents: Int, now: Timestamp) async throws -> Ticket {
        let (logger, context) = (logger, context)
        return try await context.write { connection, appended in
            let state = try TicketAccess.move(try await Self.ticketFacts(id, on: connection, logger: logger), action, by: user.map { ($0.id, $0.role) })
            switch action {
            case .claim:
                try await connection.query("""
                    UPDATE tickets SET state = \(state.rawValue), agent_id = \(user?.id.rawValue), claimed_at = \(now.milliseconds) WHERE id = \(id.rawValue)
                    """, logger: logger)
            case .release:
                // Back to its place in the queue: ordered by when it was first asked.
                try await connection.query("""
                    UPDATE tickets SET state = \(state.rawValue), agent_id = NULL, claimed_at = NULL, queued_at = created_at WHERE id = \(id.rawValue)
                    """, logger: logger)
            case .resolve:
                try await connection.query("""
                    UPDATE tickets SET state = \(state.rawValue), resolved_at = \(now.milliseconds), resolved_by = \(user?.id.rawValue) WHERE id = \(id.rawValue)
                    """, logger: logger)
            }
            let ticket = try await Self.ticket(id, agents: agents, on: connection, logger: logger)
            appended += try await Self.publish(ticket, now: now, context: context, on: connection)
            return ticket
        }
    }

    /// The waiting tickets in queue order and the claimed ones, as agents see them.
    public func deskQueue(agents: Int) async throws -> TicketQueue {
        let logger = logger
        return try await context.read { connection in try await Self.queue(agents: agents, on: connection, logger: logger) }
    }
}

// MARK: inside transactions

extension PostgresDesk {
    /// The waiting tickets in queue order and the claimed ones.
    static func queue(agents: Int, on connection: PostgresConnection, logger: Logger) async throws -> TicketQueue {
        var waiting: [Ticket] = []
        for id in try await connection.values("SELECT id FROM tickets WHERE state = 'waiting' ORDER BY queued_at, id", as: TicketID.self, logger: logger) {
            waiting.append(try await ticket(id, agents: agents, on: connection, logger: logger))
        }
        var claimed: [Ticket] = []
        for id in try await connection.values("SELECT id FROM tickets WHERE state = 'claimed' ORDER BY claimed_at, id", as: TicketID.self, logger: logger) {
            claimed.append(try await ticket(id, agents: agents, on: connection, logger: logger))
        }
        return TicketQueue(waiting: waiting, claimed: claimed)
    }

    /// Who the ticket rules look at; in a write (`locked`), the row is locked until the transaction ends.
    static func ticketFacts(_ id: TicketID, locked: Bool = true, on connection: PostgresConnection, logger: Logger) async throws -> TicketFacts {
        var query = PostgresQuery(unsafeSQL: "SELECT asker_id, agent_id, state FROM tickets WHERE id = $1" + (locked ? " FOR UPDATE" : ""))
        try query.binds.append(id.rawValue, context: .default)
        var facts: TicketFacts?
        for try await (asker, agent, state) in try await connection.query(query, logger: logger).decode((Int64, Int64?, String).self) {
            facts = TicketFacts(asker: UserID(asker), agent: agent.map { UserID($0) }, state: TicketState(rawValue: state) ?? .waiting)
        }
        guard let facts else { throw DomainError(.notFound, "No ticket \(id)", field: "ticketId") }
        return facts
    }

    /// A ticket as its people see it: with its place in the queue and the expected wait while it waits.
    static func ticket(_ id: TicketID, agents: Int, on connection: PostgresConnection, logger: Logger) async throws -> Ticket {
        var found: Ticket?
        for try await row in try await connection.query("""
            SELECT t.state, t.text, t.page, t.room_id, t.asker_id, a.display_name, (ap.data::jsonb ->> 'photo')::bigint, t.agent_id, g.display_name,
                   t.queued_at, t.created_at, t.claimed_at, t.resolved_at
            FROM tickets t JOIN users a ON a.id = t.asker_id LEFT JOIN profiles ap ON ap.user_id = t.asker_id
            LEFT JOIN users g ON g.id = t.agent_id WHERE t.id = \(id.rawValue)
            """, logger: logger).decode((String, String, String?, RoomID?, Int64, String, FileID?, Int64?, String?, Int64, Int64, Int64?, Int64?).self) {
            let (stateName, text, page, room, asker, askerName, photo, agent, agentName, queuedAt, createdAt, claimedAt, resolvedAt) = row
            let state = TicketState(rawValue: stateName) ?? .waiting
            var position: Int?
            var wait: Int64?
            if state == .waiting {
                let ahead = try await connection.value("""
                    SELECT COUNT(*) FROM tickets WHERE state = 'waiting' AND (queued_at < \(queuedAt) OR (queued_at = \(queuedAt) AND id < \(id.rawValue)))
                    """, as: Int.self, logger: logger) ?? 0
                position = ahead + 1
                wait = DeskQueue.estimatedWaitMs(position: ahead + 1, agents: agents, recentHandlingMs: try await recentHandlingMs(on: connection, logger: logger))
            }
            found = Ticket(id: id, state: state, text: text, page: page, roomId: room, asker: Author(id: UserID(asker), displayName: askerName), askerPhoto: photo,
                           agent: agent.map { Author(id: UserID($0), displayName: agentName ?? "") }, createdAt: Timestamp(milliseconds: createdAt),
                           claimedAt: claimedAt.map(Timestamp.init(milliseconds:)), resolvedAt: resolvedAt.map(Timestamp.init(milliseconds:)),
                           position: position, estimatedWaitMs: wait)
        }
        guard let found else { throw DomainError(.notFound, "No ticket \(id)", field: "ticketId") }
        return found
    }

    /// Handling times (claim to resolution) of the last resolved tickets, for the wait estimate.
    static func recentHandlingMs(on connection: PostgresConnection, logger: Logger) async throws -> [Int64] {
        try await connection.values("""
            SELECT resolved_at - claimed_at FROM tickets WHERE state = 'resolved' AND claimed_at IS NOT NULL
            ORDER BY resolved_at DESC LIMIT \(DeskQueue.historySize)
            """, as: Int64.self, logger: logger)
    }

    /// `ticket.updated` on the desk and on the asker's topic.
    static func publish(_ ticket: Ticket, now: Timestamp, context: AggregateContext, on connection: PostgresConnection) async throws -> [StoredEvent] {
        [try await context.append(.desk(.ticketUpdated(ticket)), to: .desk, at: now, on: connection),
         try await context.append(.desk(.ticketUpdated(ticket)), to: .user(ticket.asker.id), at: now, on: connection)]
    }

    /// Stores a message and sends `desk.message` to the asker, the ticket's agent and the author; the author's seq.
    static func addMessage(ticket id: TicketID, author: UserRecord, text: String, link: DeskLink?, now: Timestamp, context: AggregateContext,
                           on connection: PostgresConnection, appended: inout [StoredEvent]) async throws -> Created {
        let logger = context.logger
        let ticket = try await ticketFacts(id, on: connection, logger: logger)
        guard let messageID = try await connection.value("""
            INSERT INTO ticket_messages(ticket_id, author_id, text, link, at)
            VALUES (\(id.rawValue), \(author.id.rawValue), \(text), \(try link.map { try ColumnJSON.encode($0) }), \(now.milliseconds))
            RETURNING id
            """, as: Int64.self, logger: logger)
        else { throw DomainError(.internal, "a desk message was not stored") }
        let message = DeskMessage(id: DeskMessageID(messageID), ticketId: id, author: Author(id: author.id, displayName: author.displayName,
                                                                             badge: Badge.of(role: author.role)),
                                  text: text, link: link, at: now)
        var authorSeq: Int64 = 0
        for person in Set([ticket.asker, ticket.agent, author.id].compactMap { $0 }).sorted() {
            let event = try await context.append(.desk(.message(message)), to: .user(person), at: now, on: connection)
            appended.append(event)
            if person == author.id { authorSeq = event.seq }
        }
        return Created(id: messageID, seq: authorSeq)
    }
}
