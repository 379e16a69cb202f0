import GRDB
import SeminarCore

/// The audit log of moderation and admin actions: who, what, on what, when.
extension AppDatabase {
    public func audit(actor: UserID?, action: String, target: String, detail: String, now: Timestamp) async throws {
        try await writer.write { db in
            try Self.audit(db, actor: actor, action: action, target: target, detail: detail, now: now)
        }
    }

    static func audit(_ db: Database, actor: UserID?, action: String, target: String, detail: String, now: Timestamp) throws {
        try db.cachedStatement(sql: "INSERT INTO audit_log(at, actor_id, action, target, detail) VALUES (?, ?, ?, ?, ?)").execute(
                       arguments: [now.milliseconds, actor?.rawValue, action, String(target.prefix(200)), String(detail.prefix(2_000))])
    }

    /// Newest first, `limit` at a time, before the entry `before`; rooms and sessions by their title in `language`.
    public func auditPage(before: Int64?, limit: Int, language: Language) async throws -> AuditPage {
        try await writer.read { db in
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT a.*, u.display_name FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
                WHERE a.id < ? ORDER BY a.id DESC LIMIT ?
                """), arguments: [before ?? Int64.max, limit + 1])
            var names = AuditNames(db, language: language)
            let records = try rows.prefix(limit).map { row in
                AuditRecord(id: row["id"], at: Timestamp(milliseconds: row["at"]),
                            actor: (row["actor_id"] as Int64?).map { Author(id: UserID($0), displayName: row["display_name"] ?? "") },
                            action: row["action"], target: row["target"], names: try names.names(in: row["target"]), detail: row["detail"])
            }
            return AuditPage(records: records, more: rows.count > limit)
        }
    }
}
