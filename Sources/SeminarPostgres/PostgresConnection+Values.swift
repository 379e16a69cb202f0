import Logging
import PostgresNIO

/// One-column reads, said once: a use case asks for a value, a list of values or whether a row exists.
extension PostgresConnection {
    /// The first column of every row of `query`.
    func values<Value: PostgresDecodable>(_ query: PostgresQuery, as type: Value.Type = Value.self, logger: Logger) async throws -> [Value] {
        var values: [Value] = []
        for try await value in try await self.query(query, logger: logger).decode(Value.self) { values.append(value) }
        return values
    }

    /// The first column of the first row of `query`; nil when there is no row.
    func value<Value: PostgresDecodable>(_ query: PostgresQuery, as type: Value.Type = Value.self, logger: Logger) async throws -> Value? {
        try await values(query, as: type, logger: logger).first
    }

    /// Whether `query` has a row.
    func exists(_ query: PostgresQuery, logger: Logger) async throws -> Bool {
        // Every row is read (a sequence left half-read would hold up the connection's next query).
        var found = false
        for try await _ in try await self.query(query, logger: logger) { found = true }
        return found
    }
}
