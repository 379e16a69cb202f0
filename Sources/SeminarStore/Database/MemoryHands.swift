import SeminarCore
import Synchronization

/// The embedded store's hands: each room's ``HandQueue`` in memory (one process holds every room).
public final class MemoryHands: HandStore {
    private let rooms = Mutex<[RoomID: HandQueue]>([:])

    public init() {}

    public func raiseHand(room: RoomID, user: UserID, name: String, at: Timestamp) async throws -> (place: Int, raised: Bool) {
        rooms.withLock { $0[room, default: HandQueue()].raise(user, name: name, at: at) }
    }

    public func lowerHand(room: RoomID, user: UserID) async throws -> Bool {
        rooms.withLock { $0[room]?.lower(user) ?? false }
    }

    public func grantHand(room: RoomID, user: UserID) async throws {
        try rooms.withLock { rooms throws(DomainError) in
            var queue = rooms[room, default: HandQueue()]
            try queue.grant(user)
            rooms[room] = queue
        }
    }

    public func hands(room: RoomID) async throws -> HandQueue {
        rooms.withLock { $0[room] ?? HandQueue() }
    }
}
