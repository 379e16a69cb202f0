import SeminarCore

/// Direct messages between two people: the conversations, unread counts and read marks.
public protocol DirectMessageStore: Sendable {
    /// The person's conversations, the latest first (50 at most), with the last message and the unread count;
    /// people blocked either way are left out.
    func conversations(user: UserID) async throws -> [Conversation]
    /// Marks `other`'s messages to `user` as read; when any were unread, the person's own topic says so (`dm.read
    /// {with}`), so that their other tabs and devices clear the count.
    func markDMsRead(user: UserID, from other: Int64, now: Timestamp) async throws
    /// Unread messages to `user`, by sender.
    func unreadDMs(user: UserID) async throws -> [String: Int]
}

extension AppDatabase: DirectMessageStore {}
