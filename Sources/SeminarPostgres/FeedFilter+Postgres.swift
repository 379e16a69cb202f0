import PostgresNIO
import SeminarStore

extension FeedFilter {
    /// SQL conditions on `p` (posts), their values bound after those `binds` already holds (`$n` counts on).
    func conditions(binding binds: inout PostgresBindings) -> [String] {
        var sql: [String] = []
        if let kind { binds.append(kind.rawValue); sql.append("p.kind = $\(binds.count)") }
        if let lang { binds.append(lang.rawValue); sql.append("p.lang = $\(binds.count)") }
        if let sessionId { binds.append(sessionId); sql.append("p.session_id = $\(binds.count)") }
        if let tag { binds.append(tag); sql.append("EXISTS (SELECT 1 FROM post_tags t WHERE t.post_id = p.id AND t.tag = $\(binds.count))") }
        return sql
    }
}
