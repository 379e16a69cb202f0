import Foundation
import GRDB
import SeminarStore

/// Every row of every table of the database, to tell whether anything at all changed. The event log is two of the
/// tables (`events`, `topics` with each topic's last seq), so it is in it.
struct DatabaseSnapshot: Equatable {
    /// Table name → its rows, each as text, sorted (tables without rowid have no natural order).
    let tables: [String: [String]]

    /// Left out: SQLite's own planner statistics (`sqlite_stat*`), which `PRAGMA optimize` may refresh at any moment, and
    /// are no data of the seminar, and the outbox's delivery columns (`query`). Nothing else: not even `users.last_seen_at`, which only a successful `hello` sets.
    static func ignored(_ table: String) -> Bool { table.hasPrefix("sqlite_stat") }

    /// The mail sender works on its own: it delivers mails queued before the check (status, attempts, times, errors)
    /// and wipes the bodies of sent one-time links. Of the outbox, what a request could have added counts: its rows.
    static func query(_ table: String) -> String {
        table == "mail_outbox"
            ? "SELECT id, kind, recipient, user_id, lang, subject, created_at FROM mail_outbox"
            : "SELECT * FROM \(table.quotedDatabaseIdentifier)"
    }

    static func take(_ database: AppDatabase) async throws -> DatabaseSnapshot {
        try await database.writer.read { db in
            var tables: [String: [String]] = [:]
            for name in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") where !Self.ignored(name) {
                let rows = try Row.fetchAll(db, sql: Self.query(name))
                tables[name] = rows.map(Self.text).sorted()
            }
            return DatabaseSnapshot(tables: tables)
        }
    }

    /// A row as text, blobs in full (hex).
    static func text(_ row: Row) -> String {
        zip(row.columnNames, row.databaseValues).map { column, value in
            if case .blob(let data) = value.storage { return "\(column)=x'\(data.map { String(format: "%02x", $0) }.joined())'" }
            return "\(column)=\(value.description)"
        }.joined(separator: " ")
    }

    /// One checksum (64-bit FNV-1a of the sorted rows) per table, for a short report.
    var checksums: [String: UInt64] {
        tables.mapValues { rows in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in rows.joined(separator: "\n").utf8 {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
            return hash
        }
    }

    /// What differs from `other`, table by table: rows only here (+) and only there (−).
    func differences(from other: DatabaseSnapshot) -> [String] {
        var out: [String] = []
        for name in Set(tables.keys).union(other.tables.keys).sorted() where tables[name] != other.tables[name] {
            let mine = Set(tables[name] ?? []), theirs = Set(other.tables[name] ?? [])
            out.append("\(name): +\(mine.subtracting(theirs).sorted().prefix(3)) −\(theirs.subtracting(mine).sorted().prefix(3))")
        }
        return out
    }
}
