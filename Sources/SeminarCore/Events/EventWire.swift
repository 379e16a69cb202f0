/// How a domain event is written to the event log: its type and data as clients read them, made once when it is
/// appended. The wire is not the Store's business: `SeminarProtocol` provides `EventWire.seminar`, and whoever opens the
/// Store hands it in.
public struct EventWire: Sendable {
    /// The event's wire type and its data (JSON); `seq` is the number the event gets in its topic.
    public let encode: @Sendable (_ event: DomainEvent, _ seq: Int64) throws -> (type: String, data: String)

    public init(encode: @escaping @Sendable (_ event: DomainEvent, _ seq: Int64) throws -> (type: String, data: String)) {
        self.encode = encode
    }

    /// For a store that is not to append domain events (tools, tests of other parts): appending one fails loudly.
    public static let unmapped = EventWire { event, _ in throw DomainError(.internal, "no wire for \(event)") }
}
