/// How much a `since` may ask to be replayed at once. The replay is queued on the socket like any frame, so a replay
/// as long as the socket's outbox would close it as too slow (1013) — and the client, resuming with the same `since`,
/// would be closed again and again. Past half the outbox the answer is `resync`: take the snapshot instead.
public enum ReplayLimit {
    public static func check(events: Int, outboxSize: Int) throws(DomainError) {
        guard events <= max(1, outboxSize / 2) else {
            throw DomainError(.conflict, "\(events) events to replay is more than a socket takes at once; subscribe again without since",
                              field: "since", detail: "resync")
        }
    }
}
