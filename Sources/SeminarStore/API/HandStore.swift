import SeminarCore

/// A room's raised hands (the queue to speak), decided by Core's ``HandQueue``. Two stores provide it: ``MemoryHands``
/// (in the node's memory, with the embedded SQLite store: one process holds every room) and the cluster's
/// `PostgresHands` (rows, so a hand raised on one node is in the queue a host on another node sees and grants).
/// Hands are not durable on the embedded store: a restart empties the queues, as people re-enter anyway.
public protocol HandStore: Sendable {
    /// Raises `user`'s hand; a hand already up keeps its place (`raised` false). The 1-based place.
    func raiseHand(room: RoomID, user: UserID, name: String, at: Timestamp) async throws -> (place: Int, raised: Bool)
    /// Lowers `user`'s hand; false when it was not up.
    func lowerHand(room: RoomID, user: UserID) async throws -> Bool
    /// Gives `user` the floor (their hand comes down); `not_found` when their hand is not up.
    func grantHand(room: RoomID, user: UserID) async throws
    /// The room's queue now.
    func hands(room: RoomID) async throws -> HandQueue
}
