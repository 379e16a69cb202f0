import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// The desk's queue as its agents and the server see it, in PostgreSQL (the cluster's ``DeskQueueStore``).
extension PostgresDesk: DeskQueueStore {
    public func askerLocale(ticket id: TicketID) async throws -> Language {
        let logger = logger
        return try await context.read { connection in
            guard let locale = try await connection.value("""
                SELECT u.locale FROM tickets t JOIN users u ON u.id = t.asker_id WHERE t.id = \(id.rawValue)
                """, as: String.self, logger: logger) else { throw DomainError(.notFound, "No ticket \(id)", field: "ticketId") }
            return Language(rawValue: locale) ?? .en
        }
    }

    public func claimedTickets(agent: UserID?) async throws -> [(ticket: TicketID, agent: UserID)] {
        let logger = logger
        return try await context.read { connection in
            var claimed: [(ticket: TicketID, agent: UserID)] = []
            for try await (ticket, holder) in try await connection.query("""
                SELECT id, agent_id FROM tickets WHERE state = 'claimed' AND (\(agent?.rawValue)::bigint IS NULL OR agent_id = \(agent?.rawValue))
                ORDER BY id
                """, logger: logger).decode((TicketID, UserID).self) {
                claimed.append((ticket, holder))
            }
            return claimed
        }
    }

    /// The mark moves forward only (``ReadMark/advance(_:to:newest:)``); the ticket's row is locked, so two tabs marking
    /// at once end on the later mark, each move told once on the reader's topic.
    public func markDeskRead(ticket id: TicketID, upTo: DeskMessageID?, by user: UserRecord, now: Timestamp) async throws -> DeskMessageID {
        let (logger, context) = (logger, context)
        return try await context.write { connection, appended in
            try TicketAccess.mayRead(try await Self.ticketFacts(id, on: connection, logger: logger), by: user.id, role: user.role)
            let thread = AppDatabase.ticketThread(id)
            let newest = try await connection.value("SELECT MAX(id) FROM ticket_messages WHERE ticket_id = \(id.rawValue)", as: DeskMessageID?.self,
                                                    logger: logger) ?? nil
            let current = try await connection.value("""
                SELECT read_up_to FROM read_marks WHERE user_id = \(user.id.rawValue) AND thread = \(thread)
                """, as: DeskMessageID.self, logger: logger)
            let mark = try ReadMark.advance(current, to: upTo, newest: newest)
            guard mark != current else { return mark }
            try await connection.query("""
                INSERT INTO read_marks(user_id, thread, read_up_to) VALUES (\(user.id.rawValue), \(thread), \(mark.rawValue))
                ON CONFLICT (user_id, thread) DO UPDATE SET read_up_to = excluded.read_up_to
                """, logger: logger)
            appended.append(try await context.append(.desk(.read(ticketId: id, upTo: mark)), to: .user(user.id), at: now, on: connection))
            return mark
        }
    }

    public func roomTitle(_ roomId: RoomID, language: Language) async throws -> String {
        let logger = logger
        return try await context.read { connection in
            var found: (name: String?, title: String?)?
            for try await (name, title) in try await connection.query("""
                SELECT r.name, s.title FROM rooms r LEFT JOIN sessions s ON s.id = r.session_id WHERE r.id = \(roomId.rawValue)
                """, logger: logger).decode((String?, String?).self) {
                found = (name, title)
            }
            guard let found else { throw DomainError(.notFound, "No room \(roomId)", field: "roomId") }
            for json in [found.title, found.name].compactMap({ $0 }) {
                if let text: LocalizedText = try? ColumnJSON.decode(json), let title = text.resolved(language)?.text { return title }
            }
            return "Room \(roomId)"
        }
    }

    public func waitingPositions(agents: Int) async throws -> [DeskPosition] {
        let logger = logger
        return try await context.read { connection in
            let recent = try await Self.recentHandlingMs(on: connection, logger: logger)
            var positions: [DeskPosition] = []
            for try await (ticket, asker) in try await connection.query("""
                SELECT id, asker_id FROM tickets WHERE state = 'waiting' ORDER BY queued_at, id
                """, logger: logger).decode((TicketID, UserID).self) {
                let place = positions.count + 1
                positions.append(DeskPosition(asker: asker, ticketId: ticket, position: place,
                                              estimatedWaitMs: DeskQueue.estimatedWaitMs(position: place, agents: agents, recentHandlingMs: recent)))
            }
            return positions
        }
    }
}
