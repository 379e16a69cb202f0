import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// What `seminar copy` moved: rows per table and files' contents.
public struct CopyReport: Sendable, Equatable {
    public let rows: [String: Int]
    public let files: Int
}

/// An embedded seminar moved into a cluster's empty database (`seminar copy --from ./data --to postgres://…`): every
/// table, the event log with each topic's head, and the uploaded files' bytes, in one transaction that ends by counting
/// what it wrote against what it read — all of it, checked, or nothing.
extension PostgresDatabase {
    public func copySeminar(_ tables: [CopiedTable], files: any BlobStore) async throws -> CopyReport {
        let logger = logger
        return try await transaction { connection in
            // Nobody else writes the seminar's tables while the copy runs: a node started meanwhile waits.
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.setupLock))", logger: logger)
            try SeminarCopy.mayCopy(targetHoldsSeminar: try await connection.exists("""
                SELECT 1 FROM users UNION ALL SELECT 1 FROM seminar UNION ALL SELECT 1 FROM events UNION ALL SELECT 1 FROM sessions LIMIT 1
                """, logger: logger))
            let targets = try await Self.columns(on: connection, logger: logger)
            let source = Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0) })
            var report: [String: Int] = [:]
            let order = try await Self.tablesInForeignKeyOrder(on: connection, logger: logger)
            // What the schema's versions put in (the first list of interests) gives way to the seminar's own.
            for name in order.reversed() where source[name] != nil && targets[name] != nil {
                try await connection.query(PostgresQuery(unsafeSQL: "DELETE FROM \(name)"), logger: logger)
            }
            for name in order {
                guard let table = source[name], let columns = targets[name] else { continue }
                try await Self.insert(table, into: columns, on: connection, logger: logger)
                report[name] = table.rows.count
            }
            let copiedFiles = try await Self.copyFiles(source["files"], from: files, on: connection, logger: logger)
            // Ids go on after the copied ones.
            var serials: [(table: String, column: String)] = []
            for try await serial in try await connection.query("""
                SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND column_default LIKE 'nextval%'
                """, logger: logger).decode((String, String).self) {
                serials.append(serial)
            }
            for (name, column) in serials {
                try await connection.query(PostgresQuery(unsafeSQL: """
                    SELECT setval(pg_get_serial_sequence('\(name)', '\(column)'), COALESCE((SELECT MAX(\(column)) FROM \(name)), 0) + 1, false)
                    """), logger: logger)
            }
            for (name, expected) in report {
                let count = try await connection.value(PostgresQuery(unsafeSQL: "SELECT COUNT(*) FROM \(name)"), as: Int.self, logger: logger) ?? 0
                guard count == expected else { throw DomainError(.internal, "copy check failed: \(name) holds \(count) rows, the source \(expected)") }
            }
            return CopyReport(rows: report, files: copiedFiles)
        }
    }

    /// The target's columns per table that take a value (generated ones are left out), with their types.
    private static func columns(on connection: PostgresConnection, logger: Logger) async throws -> [String: [(name: String, type: String)]] {
        var columns: [String: [(name: String, type: String)]] = [:]
        for try await (table, column, type) in try await connection.query("""
            SELECT table_name, column_name, data_type FROM information_schema.columns
            WHERE table_schema = 'public' AND is_generated = 'NEVER' AND table_name NOT IN ('seminar_migrations', 'blobs')
            ORDER BY table_name, ordinal_position
            """, logger: logger).decode((String, String, String).self) {
            columns[table, default: []].append((column, type))
        }
        return columns
    }

    /// Every table after the tables it refers to (a table's references to itself are to earlier rows).
    private static func tablesInForeignKeyOrder(on connection: PostgresConnection, logger: Logger) async throws -> [String] {
        var tables = Set(try await connection.values("""
            SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
            """, as: String.self, logger: logger))
        var needs: [String: Set<String>] = [:]
        for try await (table, referenced) in try await connection.query("""
            SELECT tc.table_name, ccu.table_name FROM information_schema.table_constraints tc
            JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
            WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'
            """, logger: logger).decode((String, String).self) where table != referenced {
            needs[table, default: []].insert(referenced)
        }
        var ordered: [String] = []
        while !tables.isEmpty {
            let ready = tables.filter { needs[$0, default: []].isSubset(of: Set(ordered)) }.sorted()
            guard !ready.isEmpty else { throw DomainError(.internal, "the tables' references go round: \(tables.sorted())") }
            ordered += ready
            tables.subtract(ready)
        }
        return ordered
    }

    /// The table's rows in batches, each value as the target column's type; a post also gets its search text.
    private static func insert(_ table: CopiedTable, into targets: [(name: String, type: String)], on connection: PostgresConnection,
                               logger: Logger) async throws {
        let shared = targets.filter { table.columns.contains($0.name) }
        let index = Dictionary(uniqueKeysWithValues: table.columns.enumerated().map { ($0.element, $0.offset) })
        let isPosts = table.name == "posts"
        let names = shared.map(\.name) + (isPosts ? ["plain", "tag_words"] : [])
        let width = names.count
        let batch = max(1, 10_000 / max(width, 1))
        for start in stride(from: 0, to: table.rows.count, by: batch) {
            let rows = table.rows[start..<min(start + batch, table.rows.count)]
            var query = PostgresQuery(unsafeSQL: "")
            var tuples: [String] = []
            for row in rows {
                var places: [String] = []
                for column in shared {
                    try bind(row[index[column.name]!], as: column.type, column: "\(table.name).\(column.name)", into: &query.binds)
                    places.append("$\(query.binds.count)")
                }
                if isPosts {
                    let body = text(row[index["body"]!]), tags = (try? ColumnJSON.decode(text(row[index["tags"]!])) as [String]) ?? []
                    query.binds.append(Markdown.excerpt(Markdown.parse(body), limit: Int.max), context: .default)
                    places.append("$\(query.binds.count)")
                    query.binds.append(tags.joined(separator: " "), context: .default)
                    places.append("$\(query.binds.count)")
                }
                tuples.append("(" + places.joined(separator: ", ") + ")")
            }
            query.sql = "INSERT INTO \(table.name)(\(names.joined(separator: ", "))) VALUES " + tuples.joined(separator: ", ")
            do {
                try await connection.query(query, logger: logger)
            } catch let error as PSQLError {
                // Said in words: which table, and what PostgreSQL found wrong (a constraint, a type).
                throw DomainError(.internal, "\(table.name) could not be copied: \(error.serverInfo?[.message] ?? "\(error.code)")"
                                  + (error.serverInfo?[.detail].map { " (\($0))" } ?? ""), field: "from")
            }
        }
    }

    private static func text(_ value: CopiedValue) -> String {
        switch value {
        case .text(let text): text
        case .integer(let int): String(int)
        case .real(let real): String(real)
        case .blob(let bytes): String(decoding: bytes, as: UTF8.self)
        case .null: ""
        }
    }

    private static func bind(_ value: CopiedValue, as type: String, column: String, into binds: inout PostgresBindings) throws {
        func refuse() -> DomainError { DomainError(.internal, "\(column) holds \(value), not a \(type)", field: "from") }
        switch (value, type) {
        case (.null, _): binds.appendNull()
        case (.integer(let int), "bigint"), (.integer(let int), "integer"): binds.append(int, context: .default)
        case (.integer(let int), "boolean"): binds.append(int != 0, context: .default)
        case (.integer(let int), "double precision"): binds.append(Double(int), context: .default)
        case (.real(let real), "double precision"): binds.append(real, context: .default)
        case (.text(let text), "text"): binds.append(text, context: .default)
        case (.integer(let int), "text"): binds.append(String(int), context: .default)
        case (.blob(let bytes), "bytea"): binds.append(ByteBuffer(bytes: bytes), context: .default)
        case (.blob(let bytes), "text"): binds.append(String(decoding: bytes, as: UTF8.self), context: .default)
        case (.text(let text), "bytea"): binds.append(ByteBuffer(string: text), context: .default)
        default: throw refuse()
        }
    }

    /// Each stored file's bytes (and its smaller rendition, if made) into `blobs`; a file missing on disk stops the copy.
    private static func copyFiles(_ table: CopiedTable?, from files: any BlobStore, on connection: PostgresConnection, logger: Logger) async throws -> Int {
        guard let table, let column = table.columns.firstIndex(of: "sha256") else { return 0 }
        let hashes = Set(table.rows.map { text($0[column]) }).sorted()
        for sha in hashes {
            guard let bytes = try await files.bytes(sha256: sha) else {
                throw DomainError(.notFound, "the file \(sha) is in the database but not in the data folder's files/", field: "from")
            }
            let rendition = try await files.rendition(sha256: sha)
            try await connection.query("""
                INSERT INTO blobs(sha256, bytes, rendition) VALUES (\(sha), \(ByteBuffer(bytes: bytes)), \(rendition.map { ByteBuffer(bytes: $0) }))
                ON CONFLICT DO NOTHING
                """, logger: logger)
        }
        return hashes.count
    }
}
