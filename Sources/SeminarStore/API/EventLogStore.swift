import SeminarCore

/// An event to append: its topic, type, time and `data` (JSON text). The store gives it the topic's next seq.
public struct NewEvent: Sendable, Equatable {
    public let topic: Topic
    public let type: String
    public let at: Timestamp
    public let data: String

    public init(topic: Topic, type: String, at: Timestamp, data: String) {
        self.topic = topic
        self.type = type
        self.at = at
        self.data = data
    }
}

/// The durable event log, as every store provides it (the embedded SQLite one, the cluster's PostgreSQL one); the
/// contract suite (`EventLogContractTests`) holds each implementation to the same behaviour:
/// - each topic's seqs are gapless from 1, in commit order; topics are independent;
/// - the events of one `append` commit together or not at all, and reach the store's sink after commit, each topic in
///   seq order, each event once;
/// - `events(topic:since:)` gives what followed `since`; a `since` before what is retained or after the latest is
///   refused with `conflict`/`resync`;
/// - `pruneEvents(olderThan:)` forgets old events, and a later `since` before them is refused the same way.
public protocol EventLogStore: Sendable {
    /// Appends `events` in one transaction and returns them as stored (with their seqs), in the given order.
    func append(_ events: [NewEvent]) async throws -> [StoredEvent]
    /// The topic's latest seq and the events after `since`, in order.
    func events(topic: Topic, since: Int64) async throws -> Replay
    /// Deletes events older than `cutoff`; returns how many.
    @discardableResult
    func pruneEvents(olderThan cutoff: Timestamp) async throws -> Int
}

extension AppDatabase: EventLogStore {
    public func append(_ events: [NewEvent]) async throws -> [StoredEvent] {
        try await writer.write { db in
            try events.map { event in
                try self.append(db, topic: event.topic, type: event.type, at: event.at) { _ in event.data }
            }
        }
    }
}
