import SeminarCore

/// Every event type a client can receive, as it appears in an event's `type` (`docs/protocol.md` lists each with its
/// topic and data). Durable events are kept in the topic's log (they have a `seq`); ephemeral ones (`seq` left out)
/// are live state, sent to whoever follows the topic now.
public enum EventType: String, CaseIterable, Sendable {
    // Topic `seminar`.
    /// An organiser's announcement.
    case announcement
    /// An announcement taken down before its time.
    case announcementExpired = "announcement.expired"
    /// A session's text changed.
    case sessionUpdated = "session.updated"
    /// A stage recording became a replay.
    case replayAdded = "replay.added"

    // A room's topic (`room:<id>`), and `seminar` for a room's state.
    /// The room opened, went live, ended.
    case roomState = "room.state"
    /// A host changed the room's settings.
    case roomUpdated = "room.updated"
    /// A host muted someone (or lifted it).
    case roomMuted = "room.muted"
    /// A host removed someone.
    case roomRemoved = "room.removed"
    case chatMessage = "chat.message"
    case chatDeleted = "chat.deleted"
    case questionAsked = "question.asked"
    case questionVoted = "question.voted"
    case questionAnswered = "question.answered"
    case questionHidden = "question.hidden"
    case pollCreated = "poll.created"
    case pollResults = "poll.results"
    case pollClosed = "poll.closed"
    /// The host split the room into breakout groups.
    case breakoutStarted = "breakout.started"
    /// A person's breakout group (on their own topic).
    case breakoutAssigned = "breakout.assigned"
    /// The groups ended: everyone goes back.
    case breakoutEnded = "breakout.ended"
    /// One of a meeting's two people checked in at its table (on the table's room).
    case meetingCheckedIn = "meeting.checkedin"
    /// Ephemeral: the raised hands and who has the floor.
    case hands
    /// Ephemeral: reactions of the last moments, counted.
    case reactions
    /// Ephemeral: how many people are in the room.
    case presence
    /// Ephemeral: who is live on the stage.
    case stageFeeds = "stage.feeds"
    /// Ephemeral: whether the stage is being recorded (and, for hosts, why a recording gave no replay).
    case stageRecording = "stage.recording"

    // A person's own topic (`user:<id>`).
    /// A bookmarked session starts soon.
    case reminder
    /// A meeting request was made.
    case meetingRequested = "meeting.requested"
    /// A request was declined.
    case meetingDeclined = "meeting.declined"
    /// A request was withdrawn (`{request}`), or a booked meeting cancelled (`{meetingId, by}`).
    case meetingCancelled = "meeting.cancelled"
    /// An unanswered request expired.
    case meetingExpired = "meeting.expired"
    case meetingBooked = "meeting.booked"
    /// A booked meeting starts soon.
    case meetingReminder = "meeting.reminder"
    case dmMessage = "dm.message"
    /// The person read a conversation (their other tabs clear the count).
    case dmRead = "dm.read"
    case roleChanged = "role.changed"
    case hostingChanged = "hosting.changed"
    /// A help ticket changed (also on `desk`).
    case ticketUpdated = "ticket.updated"
    case deskMessage = "desk.message"
    case deskRead = "desk.read"
    /// Ephemeral: the person's place in the desk's queue.
    case deskPosition = "desk.position"
    /// Ephemeral: WebRTC signalling from the other person of a meeting.
    case rtcSignal = "rtc.signal"
    /// Ephemeral: a topic this socket followed is no longer open to it (its role changed).
    case subscriptionEnded = "subscription.ended"

    // Topic `lounge`.
    /// The meeting grid changed.
    case gridUpdated = "grid.updated"
    /// Ephemeral: someone came into the lounge.
    case loungeJoined = "lounge.joined"
    /// Ephemeral: someone's last tab left the lounge.
    case loungeLeft = "lounge.left"

    // Topic `feed` (the knowledge hub).
    case postCreated = "post.created"
    case postUpdated = "post.updated"
    case postDeleted = "post.deleted"
    case postCommented = "post.commented"
    case postReacted = "post.reacted"

    /// The event's type with its data as JSON (what a wire mapping gives the log).
    public func with(_ data: some Encodable) throws -> (type: String, data: String) {
        (rawValue, try Outgoing.json(data))
    }
}

extension Outgoing {
    /// An event frame of `type`.
    public static func event(topic: String, seq: Int64?, type: EventType, at: Timestamp, dataJSON: String) -> String {
        event(topic: topic, seq: seq, type: type.rawValue, at: at, dataJSON: dataJSON)
    }
}
