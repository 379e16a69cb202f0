import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// The audit log of moderation and admin actions: who, what, on what, when.
extension PostgresConsole {
    public func audit(actor: UserID?, action: String, target: String, detail: String, now: Timestamp) async throws {
        let logger = logger
        try await context.write { connection, _ in
            try await Self.audit(actor: actor, action: action, target: target, detail: detail, now: now, on: connection, logger: logger)
        }
    }

    /// An entry in the caller's transaction.
    static func audit(actor: UserID?, action: String, target: String, detail: String, now: Timestamp, on connection: PostgresConnection,
                      logger: Logger) async throws {
        try await connection.query("""
            INSERT INTO audit_log(at, actor_id, action, target, detail)
            VALUES (\(now.milliseconds), \(actor), \(action), \(String(target.prefix(200))), \(String(detail.prefix(2_000))))
            """, logger: logger)
    }

    /// Newest first, `limit` at a time, before the entry `before`; rooms and sessions by their title in `language`.
    public func auditPage(before: Int64?, limit: Int, language: Language) async throws -> AuditPage {
        let logger = logger
        return try await context.read { connection in
            let rows = try await Self.auditRows("WHERE a.id < \(before ?? Int64.max) ORDER BY a.id DESC LIMIT \(limit + 1)", on: connection, logger: logger)
            let names = try await PostgresAuditNames.load(rows.prefix(limit).map(\.target), language: language, on: connection, logger: logger)
            let records = rows.prefix(limit).map { row in
                AuditRecord(id: row.id, at: Timestamp(milliseconds: row.at), actor: row.actor.map { Author(id: $0, displayName: row.actorName ?? "") },
                            action: row.action, target: row.target, names: names.names(in: row.target), detail: row.detail)
            }
            return AuditPage(records: records, more: rows.count > limit)
        }
    }

    struct AuditRow {
        let id: AuditRecordID
        let at: Int64
        let actor: UserID?
        let actorName: String?
        let action: String
        let target: String
        let detail: String
    }

    /// The entries `tail` (a condition, order and limit on `audit_log a`) selects, with their actor's name.
    static func auditRows(_ tail: PostgresQuery, on connection: PostgresConnection, logger: Logger) async throws -> [AuditRow] {
        var query = PostgresQuery(unsafeSQL: "SELECT a.id, a.at, a.actor_id, u.display_name, a.action, a.target, a.detail "
                                  + "FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id " + tail.sql)
        query.binds = tail.binds
        var rows: [AuditRow] = []
        for try await (id, at, actor, name, action, target, detail) in try await connection.query(query, logger: logger)
            .decode((AuditRecordID, Int64, UserID?, String?, String, String, String).self) {
            rows.append(AuditRow(id: id, at: at, actor: actor, actorName: name, action: action, target: target, detail: detail))
        }
        return rows
    }
}

/// Names on the ids of a page of audit entries: a person's display name, a room's or session's title in `language`.
/// Read at once for the whole page, one query per kind of id.
struct PostgresAuditNames {
    private var found: [AuditTarget.Kind: [Int64: String]] = [:]

    static func load(_ targets: [String], language: Language, on connection: PostgresConnection, logger: Logger) async throws -> PostgresAuditNames {
        var ids: [AuditTarget.Kind: Set<Int64>] = [:]
        for ref in targets.flatMap(AuditTarget.refs(in:)) {
            if let kind = ref.kind { ids[kind, default: []].insert(ref.id) }
        }
        var names = PostgresAuditNames()
        for (kind, wanted) in ids {
            let list = Array(wanted)
            let query: PostgresQuery = switch kind {
            case .person: "SELECT id, display_name FROM users WHERE id = ANY(\(list))"
            case .room: "SELECT r.id, COALESCE(s.title, r.name) FROM rooms r LEFT JOIN sessions s ON s.id = r.session_id WHERE r.id = ANY(\(list))"
            case .session: "SELECT id, title FROM sessions WHERE id = ANY(\(list))"
            }
            for try await (id, text) in try await connection.query(query, logger: logger).decode((Int64, String?).self) {
                // A person by their name; a room or session by its title (JSON) in `language`.
                let name = kind == .person ? text : text.flatMap { json in (try? ColumnJSON.decode(json) as LocalizedText)?.resolved(language)?.text }
                if let name { names.found[kind, default: [:]][id] = name }
            }
        }
        return names
    }

    /// The named refs in `target` (the audit log's `roomId=29 userId=6`), in its order; ids of things gone are left out.
    func names(in target: String) -> [AuditTarget.Name] {
        AuditTarget.refs(in: target).compactMap { ref in
            guard let kind = ref.kind, let name = found[kind]?[ref.id] else { return nil }
            return AuditTarget.Name(ref: ref, kind: kind, name: name)
        }
    }
}
