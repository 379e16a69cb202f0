import SeminarCore
import SeminarStore

/// The newest seq of each topic: a refused call appends nothing to any of them.
func heads(_ store: any EventLogStore, _ topics: [Topic]) async throws -> [Int64] {
    var heads: [Int64] = []
    for topic in topics { heads.append(try await store.events(topic: topic, since: 0).latestSeq) }
    return heads
}
