/// A person's agenda as calendar events: their booked meetings, then their bookmarked sessions. UIDs are stable
/// (`meeting-<id>@seminar`, `session-<key>@seminar`) and a session's SEQUENCE follows its revision, so a calendar that
/// subscribed updates an entry in place; links lead to the meeting's table or the session's room.
public enum AgendaFeed {
    public static func events(sessions: [ProgramSession], meetings: [Meeting], language: Language, baseURL: String) -> [CalendarEvent] {
        let meetingWord = ["fr": "Rencontre avec", "en": "Meeting with", "es": "Reunión con"][language.rawValue] ?? "Meeting with"
        let meetingEvents = meetings.map { meeting in
            CalendarEvent(uid: "meeting-\(meeting.id)@seminar", start: meeting.slot.startsAt, end: meeting.slot.endsAt,
                          summary: "\(meetingWord) \(meeting.with.displayName)", description: "", url: "\(baseURL)/#/table/\(meeting.id)")
        }
        return meetingEvents + sessions.map { session in
            CalendarEvent(
                uid: "session-\(session.key)@seminar", start: session.startsAt, end: session.endsAt,
                summary: session.content.title.resolved(language)?.text ?? session.key,
                description: session.content.description.resolved(language)?.text ?? "",
                url: session.roomId.map { "\(baseURL)/#/room/\($0)" } ?? "\(baseURL)/#/sessions/\(session.id)",
                sequence: Int(session.revision))
        }
    }
}
