/// Where a flood's time went, to find a tail: how long each person took to join (the WebSocket open to the
/// `room.enter` reply), how many were still joining when the chat began, and the delivery times of the messages sent in
/// each `window` seconds of the chat (a tail at the start of the chat is the ramp's backlog; one spread over all of
/// it is the chat's own path).
final class FloodTimeline: @unchecked Sendable {
    let joins = Samples()
    let windowMs: Double
    private let chatStart: Double
    private let windows: [Samples]
    private let late = Tally()

    init(chatStart: Double, end: Double, window seconds: Double = 10) {
        self.chatStart = chatStart
        self.windowMs = seconds * 1000
        windows = (0..<max(1, Int(((end - chatStart) / windowMs).rounded(.up)))).map { _ in Samples() }
    }

    /// One person joined at `at` (wall-clock ms) after `milliseconds`.
    func joined(after milliseconds: Double, at: Double) {
        joins.add(milliseconds)
        if at > chatStart { late.add("late") }
    }

    /// A message sent at `sent` (wall-clock ms) arrived after `milliseconds`.
    func delivered(_ milliseconds: Double, sent: Double) {
        let index = Int((sent - chatStart) / windowMs)
        windows[min(max(0, index), windows.count - 1)].add(milliseconds)
    }

    /// People who joined after the chat had begun.
    var lateJoins: Int { late["late"] }

    /// The JSON of it: join times, late joins, and each window's delivery summary with its count.
    func json() -> [String: Any] {
        ["join": joins.summary(), "joinedAfterChatStart": lateJoins, "windowS": windowMs / 1000,
         "deliveryByWindow": windows.map { samples -> [String: Any] in
             var summary: [String: Any] = samples.summary()
             summary["count"] = samples.count
             return summary
         }]
    }
}
