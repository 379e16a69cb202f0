import GRDB
import SeminarCore

/// Puts names on an audit entry's target ids: a person's display name, a room's or session's title in `language`.
/// Remembers what it read, so a page of entries about the same room reads its title once.
struct AuditNames {
    let db: Database
    let language: Language
    private var known: [String: String] = [:]
    private var missing: Set<String> = []

    init(_ db: Database, language: Language) {
        self.db = db
        self.language = language
    }

    /// The named refs in `target` (the audit log's `roomId=29 userId=6`), in its order; ids of things gone are left out.
    mutating func names(in target: String) throws -> [AuditTarget.Name] {
        try AuditTarget.refs(in: target).compactMap { ref in
            guard let kind = ref.kind, let found = try name(of: kind, ref.id) else { return nil }
            return AuditTarget.Name(ref: ref, kind: kind, name: found)
        }
    }

    private mutating func name(of kind: AuditTarget.Kind, _ id: Int64) throws -> String? {
        let memo = "\(kind.rawValue):\(id)"
        if let name = known[memo] { return name }
        if missing.contains(memo) { return nil }
        let name: String?
        switch kind {
        case .person:
            name = try String.fetchOne(db.cachedStatement(sql: "SELECT display_name FROM users WHERE id = ?"), arguments: [id])
        case .room:
            name = try title(String.fetchOne(db.cachedStatement(sql: """
                SELECT COALESCE(s.title, r.name) FROM rooms r LEFT JOIN sessions s ON s.id = r.session_id WHERE r.id = ?
                """), arguments: [id]))
        case .session:
            name = try title(String.fetchOne(db.cachedStatement(sql: "SELECT title FROM sessions WHERE id = ?"), arguments: [id]))
        }
        if let name { known[memo] = name } else { missing.insert(memo) }
        return name
    }

    private func title(_ json: String?) -> String? {
        guard let json, let text: LocalizedText = try? AppDatabase.decode(json) else { return nil }
        return text.resolved(language)?.text
    }
}
