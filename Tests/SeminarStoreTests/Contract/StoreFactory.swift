import Foundation
import SeminarCore
import SeminarProtocol
import SeminarStore
import Testing

/// How the contract suite gets a fresh, empty, migrated store. Every contract test runs once per factory, so a second
/// implementation (the PostgreSQL store of issue 23) joins by adding its factory here and passing the same tests;
/// `make` then returns the store API both implement instead of `AppDatabase`.
struct StoreFactory: Sendable, CustomTestStringConvertible {
    let name: String
    /// A fresh store that hands each committed event to the sink, in commit order.
    let makeWithSink: @Sendable (@escaping EventSink) throws -> AppDatabase

    var testDescription: String { name }

    /// A fresh store whose events go nowhere.
    func make() throws -> AppDatabase { try makeWithSink { _ in } }

    /// SQLite in memory, and SQLite in a file of a fresh folder (WAL, a writer and a pool of readers: what the server runs).
    static let all = [
        StoreFactory(name: "SQLite in memory") { sink in try AppDatabase.inMemory(sink: sink, wire: .seminar) },
        StoreFactory(name: "SQLite file") { sink in
            try AppDatabase.open(directory: FileManager.default.temporaryDirectory.appendingPathComponent("contract-\(UUID().uuidString)").path,
                                 sink: sink, wire: .seminar)
        },
    ]
}

/// What the contract tests share: a clock, people of any role, a session room, and the state a refused call must leave alone.
enum Given {
    static let now = Timestamp(milliseconds: 1_700_000_000_000)

    static func person(_ store: AppDatabase, _ name: String, role: Role = .participant) async throws -> UserRecord {
        try await store.createUser(email: "\(name.lowercased())-\(UUID().uuidString.prefix(6))@example.org", passwordHash: "-",
                                   displayName: name, locale: .en, role: role, now: now)
    }

    /// A program of one session; its room's id.
    static func sessionRoom(_ store: AppDatabase) async throws -> Int64 {
        let program = """
            {"name": {"en": "Contract"}, "timeZone": "UTC", "tracks": [],
             "sessions": [{"key": "s", "start": "2030-01-01T10:00", "end": "2030-01-01T11:00", "title": {"en": "Plenary"}}]}
            """
        try await store.loadProgram(try JSONDecoder().decode(ProgramFile.self, from: Data(program.utf8)).resolve(offset: { _ in 0 }, now: nil))
        let viewer = try await person(store, "Viewer")
        return try #require(try await store.program(for: viewer.id).sessions.first?.roomId)
    }

    /// The newest `seq` of each topic: a refused call appends nothing to any of them.
    static func log(_ store: AppDatabase, _ topics: [Topic]) async throws -> [Int64] {
        var seqs: [Int64] = []
        for topic in topics { seqs.append(try await store.events(topic: topic).latestSeq) }
        return seqs
    }
}

/// The refusal's code, expecting one.
func refusalCode(_ body: () async throws -> some Any) async -> ErrorCode? {
    do { _ = try await body(); return nil } catch let error as DomainError { return error.code } catch { return .internal }
}
