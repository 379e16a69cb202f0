/// Resuming a topic after `since`: the events after it are replayed when they are all still kept.
public enum Resume {
    /// `since` must lie between what was pruned (`prunedThrough`) and the newest committed `seq` (`latest`); otherwise
    /// the client reloads the snapshot (`conflict` with detail `resync`).
    public static func check(since: Int64, prunedThrough: Int64, latest: Int64) throws(DomainError) {
        guard since >= prunedThrough, since <= latest, since >= 0 else {
            throw DomainError(.conflict, "Events after \(since) are no longer available; reload the snapshot", field: "since", detail: "resync")
        }
    }
}
