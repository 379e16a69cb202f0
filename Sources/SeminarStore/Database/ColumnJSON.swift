import Foundation

/// A value as the JSON text stored in a column (names, descriptions, tags, options, profiles): the stores' own format
/// (SQLite's and PostgreSQL's alike, so a seminar copied between them reads the same); slashes are left unescaped, as
/// they always were in these columns.
package enum ColumnJSON {
    package static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// A column's JSON text as the value it holds.
    package static func decode<T: Decodable>(_ json: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(json.utf8))
    }
}

extension AppDatabase {
    static func encode(_ value: some Encodable) throws -> String { try ColumnJSON.encode(value) }
    static func decode<T: Decodable>(_ json: String) throws -> T { try ColumnJSON.decode(json) }
}
