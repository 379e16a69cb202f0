import Foundation
import SeminarCore
import SeminarProtocol
import SeminarStore
import Testing

/// How the contract suite gets a fresh, empty, migrated store. Every contract test runs once per factory, so a second
/// implementation (the PostgreSQL store of issue 23) joins by adding its factory here and passing the same tests: `make`
/// gives the store API (`Store`, one protocol per aggregate), not `AppDatabase`.
struct StoreFactory: Sendable, CustomTestStringConvertible {
    let name: String
    /// A fresh store that hands each committed event to the sink, in commit order.
    let makeWithSink: @Sendable (@escaping EventSink) throws -> any Store

    var testDescription: String { name }

    /// A fresh store whose events go nowhere.
    func make() throws -> any Store { try makeWithSink { _ in } }

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

    static func person(_ store: any Store, _ name: String, role: Role = .participant) async throws -> UserRecord {
        try await store.createUser(email: "\(name.lowercased())-\(UUID().uuidString.prefix(6))@example.org", passwordHash: "-",
                                   displayName: name, locale: .en, role: role, now: now)
    }

    /// A program of one session; its room's id.
    static func sessionRoom(_ store: any Store) async throws -> RoomID {
        let program = """
            {"name": {"en": "Contract"}, "timeZone": "UTC", "tracks": [],
             "sessions": [{"key": "s", "start": "2030-01-01T10:00", "end": "2030-01-01T11:00", "title": {"en": "Plenary"}}]}
            """
        try await store.loadProgram(try JSONDecoder().decode(ProgramFile.self, from: Data(program.utf8)).resolve(offset: { _ in 0 }, now: nil))
        let viewer = try await person(store, "Viewer")
        return try #require(try await store.program(for: viewer.id).sessions.first?.roomId)
    }

    /// The newest `seq` of each topic: a refused call appends nothing to any of them.
    static func log(_ store: any Store, _ topics: [Topic]) async throws -> [Int64] {
        var seqs: [Int64] = []
        for topic in topics { seqs.append(try await store.events(topic: topic).latestSeq) }
        return seqs
    }
}

/// The refusal's code, expecting one.
func refusalCode(_ body: () async throws -> some Any) async -> ErrorCode? {
    do { _ = try await body(); return nil } catch let error as DomainError { return error.code } catch { return .internal }
}

/// The contract tests' calls without the optional parts (mail composers, a later start): what a
/// store's callers leave out most of the time, given as nil or the default here.
extension EventLogStore {
    func events(topic: Topic) async throws -> Replay { try await events(topic: topic, since: 0) }
}

extension ProgramStore {
    func loadProgram(_ program: ResolvedProgram) async throws { try await loadProgram(program, liveNow: nil) }
}

extension MeetingStore {
    func requestMeeting(from sender: UserRecord, to recipient: Int64, slots proposed: [SlotID]?, message: String, confirmOverlap: Bool,
                        key: String?, expiryHours: Int, now: Timestamp) async throws -> MeetingRequest {
        try await requestMeeting(from: sender, to: recipient, slots: proposed, message: message, confirmOverlap: confirmOverlap, key: key,
                                 expiryHours: expiryHours, now: now, notify: nil)
    }

    func acceptMeeting(request id: MeetingRequestID, slot slotID: SlotID?, by user: UserRecord, confirmOverlap: Bool, expiryHours: Int,
                       now: Timestamp) async throws -> Meeting {
        try await acceptMeeting(request: id, slot: slotID, by: user, confirmOverlap: confirmOverlap, expiryHours: expiryHours, now: now, notify: nil)
    }

    func closeRequest(_ id: MeetingRequestID, _ action: RequestAction, by user: UserRecord, reason: String?, expiryHours: Int,
                      now: Timestamp) async throws -> MeetingRequest {
        try await closeRequest(id, action, by: user, reason: reason, expiryHours: expiryHours, now: now, notify: nil)
    }

    func cancelMeeting(_ id: MeetingID, by user: UserRecord, now: Timestamp) async throws {
        try await cancelMeeting(id, by: user, now: now, notify: nil)
    }
}

extension DeskStore {
    func deskMessage(from author: UserRecord, ticket id: TicketID, text: String, link: DeskLink?, key: String?, now: Timestamp) async throws -> Created {
        try await deskMessage(from: author, ticket: id, text: text, link: link, key: key, now: now, mailAsker: nil)
    }
}

extension AnnouncementStore {
    func announce(_ announcement: NewAnnouncement, by author: UserRecord, key: String?, now: Timestamp) async throws -> Created {
        try await announce(announcement, by: author, key: key, now: now, mail: nil)
    }
}
