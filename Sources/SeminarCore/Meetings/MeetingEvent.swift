/// What happens to the meeting grid, requests and meetings, told on the lounge's topic, each person's own, or the
/// meeting table's room.
public enum MeetingEvent: Sendable, Equatable {
    /// The grid changed (organisers added slots): the whole grid, in time order (on the lounge's topic).
    case gridUpdated([MeetingSlot])
    /// A request was made, or became accepted/declined/cancelled/expired (its status says which), told to both people.
    case request(MeetingRequest)
    /// A meeting was booked, as the person told sees it.
    case booked(Meeting)
    /// `by` cancelled a booked meeting (told to both people).
    case cancelled(meetingId: MeetingID, by: Int64)
    /// One of the two checked in at the table (on the table's room).
    case checkedIn(meetingId: MeetingID, userId: Int64)
    /// The meeting starts soon (told to each of its people once, as they see it).
    case reminder(Meeting)
}
