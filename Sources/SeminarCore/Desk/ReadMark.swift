/// A person's read mark in a conversation: the id of the last message they have read there. It is the person's, not
/// a tab's or a device's (read on the phone, read on the laptop), and it only moves forward.
public enum ReadMark {
    /// The mark once the reader has read up to the message `upTo`, from `current`: `upTo` names a message of the
    /// conversation (1 to `newest`); an older one leaves the mark where it is.
    public static func advance<Message>(_ current: ID<Message>?, to upTo: ID<Message>?, newest: ID<Message>?) throws(DomainError) -> ID<Message> {
        guard let upTo, upTo.rawValue > 0 else { throw .invalid("upTo", "upTo (the last message read) is required") }
        guard let newest, upTo <= newest else { throw DomainError(.notFound, "No message \(upTo) in this conversation", field: "upTo") }
        return max(current ?? upTo, upTo)
    }

    /// How many messages after the mark are someone else's: what the reader has not read.
    public static func unread<Message>(_ messages: [(id: ID<Message>, author: UserID)], after mark: ID<Message>?, reader: UserID) -> Int {
        messages.count { message in mark.map { message.id > $0 } ?? true && message.author != reader }
    }
}
