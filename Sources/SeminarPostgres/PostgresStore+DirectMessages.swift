import SeminarCore
import SeminarStore

/// Direct messages' conversations and read marks on the cluster's store (``PostgresDirectMessages``).
extension PostgresStore: DirectMessageStore {
    var directMessages: PostgresDirectMessages { PostgresDirectMessages(context) }

    public func conversations(user: UserID) async throws -> [Conversation] { try await directMessages.conversations(user: user) }
    public func markDMsRead(user: UserID, from other: Int64, now: Timestamp) async throws { try await directMessages.markDMsRead(user: user, from: other, now: now) }
    public func unreadDMs(user: UserID) async throws -> [String: Int] { try await directMessages.unreadDMs(user: user) }
}
