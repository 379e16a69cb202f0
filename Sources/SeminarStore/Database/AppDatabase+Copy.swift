import Foundation
import GRDB

/// A value of a row as the embedded database holds it, for copying a seminar into the cluster's store.
public enum CopiedValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// One table of the embedded database, read whole.
public struct CopiedTable: Sendable {
    public let name: String
    public let columns: [String]
    public let rows: [[CopiedValue]]
}

extension AppDatabase {
    /// Every table of the seminar — not the search indexes (the cluster's store builds its own) nor the migrations'
    /// bookkeeping — read in one transaction, so the copy is of one moment even while a server writes.
    public func tablesForCopy() async throws -> [CopiedTable] {
        try await writer.read { db in
            let names = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%'
                AND name != 'grdb_migrations' ORDER BY name
                """)
            return try names.map { name in
                let columns = try db.columns(in: name).map(\.name)
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(name.quotedDatabaseIdentifier)").map { row in
                    columns.map { column -> CopiedValue in
                        switch row[column] as DatabaseValue? {
                        case nil: return .null
                        case let value?:
                            switch value.storage {
                            case .null: return .null
                            case .int64(let int): return .integer(int)
                            case .double(let double): return .real(double)
                            case .string(let string): return .text(string)
                            case .blob(let data): return .blob(Array(data))
                            }
                        }
                    }
                }
                return CopiedTable(name: name, columns: columns, rows: rows)
            }
        }
    }
}
