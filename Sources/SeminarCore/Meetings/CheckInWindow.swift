/// When a person may check in at a meeting's table: from a few minutes before the slot starts until it ends. Earlier
/// is refused with the time left (`conflict`, `detail: "too_early"`, `retryAfterMs`), later as over (`detail: "over"`).
public enum CheckInWindow {
    /// How long before its slot a table opens for check-in.
    public static let opensMinutesBefore = 10

    public static func check(startsAt: Timestamp, endsAt: Timestamp, now: Timestamp) throws(DomainError) {
        let opens = startsAt.milliseconds - Int64(opensMinutesBefore) * 60_000
        if now.milliseconds < opens {
            throw DomainError(.conflict, "Check-in opens \(opensMinutesBefore) minutes before the meeting", field: "meetingId",
                              retryAfterMs: Int(clamping: opens - now.milliseconds), detail: "too_early")
        }
        if now.milliseconds >= endsAt.milliseconds {
            throw DomainError(.conflict, "This meeting's time is over", field: "meetingId", detail: "over")
        }
    }
}
