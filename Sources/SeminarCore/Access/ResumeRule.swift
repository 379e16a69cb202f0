/// Whether a subscriber may resume a topic after `since`: only from what the log still holds (at or after what was
/// pruned) up to the latest committed seq; otherwise it must reload the snapshot (`conflict`, detail `resync`).
/// Every store answers `events(topic:since:)` with this rule.
public enum ResumeRule {
    public static func check(since: Int64, latest: Int64, prunedThrough: Int64) throws(DomainError) {
        guard since >= prunedThrough, since <= latest, since >= 0 else {
            throw DomainError(.conflict, "Events after \(since) are no longer available; reload the snapshot", field: "since", detail: "resync")
        }
    }
}
