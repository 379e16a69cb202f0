import Foundation

extension AppDatabase {
    /// A value as the JSON text stored in a column (names, descriptions, tags, options, profiles): the Store's own
    /// format, read back with ``decode(_:)``; slashes are left unescaped, as they always were in these columns.
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// A column's JSON text as the value it holds.
    static func decode<T: Decodable>(_ json: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(json.utf8))
    }
}
