import Foundation
import SeminarCore
import SeminarPostgres
import SeminarStore
import Testing

/// A room's raised hands (`HandStore`), held against both: the embedded store's memory and the cluster's rows. On
/// PostgreSQL two stores on one database stand for two nodes: a hand raised on one is in the queue the other reads
/// and grants, hands raised at once each get their own place, and a hand granted on one node cannot be granted again.
@Suite("hands contract: memory and PostgreSQL")
struct HandContractTests {
    static let now = Timestamp(milliseconds: 1_780_000_000_000)
    static let room = RoomID(7), otherRoom = RoomID(8)

    /// Two views of one store: on PostgreSQL, two nodes' stores on one database; in memory, the same store twice.
    static func make(_ kind: String) async throws -> (one: any HandStore, two: any HandStore, close: @Sendable () async -> Void) {
        guard kind == "postgres" else {
            let hands = MemoryHands()
            return (hands, hands, {})
        }
        let url = try await TestPostgres.freshDatabase()
        let first = try await PostgresDatabase.open(url, logger: TestPostgres.logger)
        let second = try await PostgresDatabase.open(url, logger: TestPostgres.logger)
        return (PostgresHands(database: first), PostgresHands(database: second), {
            first.close()
            second.close()
            await TestPostgres.drop(url)
        })
    }

    @Test("hands queue in the order raised; raising again keeps the place; lowering and granting take a hand out; rooms apart",
          arguments: ["memory", "postgres"])
    func queue(kind: String) async throws {
        let (one, two, close) = try await Self.make(kind)
        #expect(try await one.raiseHand(room: Self.room, user: UserID(1), name: "Ana", at: Self.now) == (1, true))
        #expect(try await two.raiseHand(room: Self.room, user: UserID(2), name: "Ben", at: Self.now) == (2, true))
        #expect(try await two.raiseHand(room: Self.room, user: UserID(1), name: "Ana", at: Self.now) == (1, false))
        #expect(try await one.raiseHand(room: Self.otherRoom, user: UserID(2), name: "Ben", at: Self.now) == (1, true))
        let seen = try await two.hands(room: Self.room)
        #expect(seen.hands.map(\.user) == [UserID(1), UserID(2)] && seen.hands.map(\.displayName) == ["Ana", "Ben"])
        #expect(seen.hands.first?.raisedAt == Self.now && seen.granted == nil)

        // Granted on the other node: the hand comes down, and who has the floor is the cluster's.
        try await two.grantHand(room: Self.room, user: UserID(1))
        let after = try await one.hands(room: Self.room)
        #expect(after.hands.map(\.user) == [UserID(2)] && after.granted == UserID(1))
        // A hand not up cannot be granted: a refusal that changes nothing.
        await #expect(throws: DomainError.self) { try await one.grantHand(room: Self.room, user: UserID(1)) }
        #expect(try await two.hands(room: Self.room) == after)

        #expect(try await one.lowerHand(room: Self.room, user: UserID(2)))
        #expect(try await two.lowerHand(room: Self.room, user: UserID(2)) == false)
        #expect(try await one.hands(room: Self.room).hands.isEmpty)
        #expect(try await two.hands(room: Self.otherRoom).hands.map(\.user) == [UserID(2)])
        await close()
    }

    @Test("twenty hands raised at once from two nodes: each its own place, 1 to 20; two grants of one hand at once: one",
          arguments: ["memory", "postgres"])
    func atOnce(kind: String) async throws {
        let (one, two, close) = try await Self.make(kind)
        let places = try await withThrowingTaskGroup(of: Int.self) { group in
            for n in 1...20 {
                let store = n.isMultiple(of: 2) ? one : two
                group.addTask { try await store.raiseHand(room: Self.room, user: UserID(Int64(n)), name: "P\(n)", at: Self.now).place }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(places.sorted() == Array(1...20))
        let granted = await withTaskGroup(of: Bool.self) { group in
            for store in [one, two] {
                group.addTask { (try? await store.grantHand(room: Self.room, user: UserID(5))) != nil }
            }
            return await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
        }
        #expect(granted == 1)
        #expect(try await one.hands(room: Self.room).hands.count == 19)
        await close()
    }
}
