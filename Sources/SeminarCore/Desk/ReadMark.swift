/// A person's read mark in a conversation: the id of the last message they have read there. It is the person's, not
/// a tab's or a device's (read on the phone, read on the laptop), and it only moves forward.
public enum ReadMark {
    /// The mark once the reader has read up to the message `upTo`, from `current`: `upTo` names a message of the
    /// conversation (1 to `newest`); an older one leaves the mark where it is.
    public static func advance(_ current: Int64?, to upTo: Int64?, newest: Int64?) throws(DomainError) -> Int64 {
        guard let upTo, upTo > 0 else { throw .invalid("upTo", "upTo (the last message read) is required") }
        guard let newest, upTo <= newest else { throw DomainError(.notFound, "No message \(upTo) in this conversation", field: "upTo") }
        return max(current ?? 0, upTo)
    }

    /// How many messages after the mark are someone else's: what the reader has not read.
    public static func unread(_ messages: [(id: Int64, author: UserID)], after mark: Int64?, reader: UserID) -> Int {
        messages.count { $0.id > (mark ?? 0) && $0.author != reader }
    }
}
