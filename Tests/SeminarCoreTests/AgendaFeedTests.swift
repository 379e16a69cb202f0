import SeminarCore
import Testing

@Suite("a person's agenda as calendar events")
struct AgendaFeedTests {
    static let ten = Timestamp(milliseconds: 1_900_000_000_000)

    static func session(roomId: RoomID?) -> ProgramSession {
        ProgramSession(id: SessionID(7), key: "s7", trackId: nil, startsAt: ten, endsAt: ten.adding(seconds: 3600),
                       content: SessionContent(title: LocalizedText(fr: "Plénière", en: "Plenary"), description: LocalizedText(en: "All of us"),
                                               details: SessionDetails()),
                       revision: 3, roomId: roomId, roomState: .scheduled)
    }

    @Test("meetings first, then sessions; stable UIDs, the revision as SEQUENCE, links to the table, the room or the session")
    func events() {
        let meeting = Meeting(id: MeetingID(4), slot: MeetingSlot(id: SlotID(1), startsAt: Self.ten, endsAt: Self.ten.adding(seconds: 1800), tables: 2),
                              table: 1, with: Author(id: UserID(9), displayName: "Ben"), roomId: RoomID(12), status: "booked", checkedIn: false,
                              otherCheckedIn: false)
        let events = AgendaFeed.events(sessions: [Self.session(roomId: RoomID(5))], meetings: [meeting], language: .fr, baseURL: "https://s.example")
        #expect(events.map(\.uid) == ["meeting-4@seminar", "session-s7@seminar"])
        #expect(events[0].summary == "Rencontre avec Ben" && events[0].url == "https://s.example/#/table/4" && events[0].sequence == 0)
        #expect(events[1].summary == "Plénière" && events[1].url == "https://s.example/#/room/5" && events[1].sequence == 3)
        #expect(events[1].description == "All of us", "a missing language falls back")
        let roomless = AgendaFeed.events(sessions: [Self.session(roomId: nil)], meetings: [], language: .es, baseURL: "https://s.example")
        #expect(roomless.map(\.url) == ["https://s.example/#/sessions/7"])
        #expect(roomless[0].summary == "Plénière" || roomless[0].summary == "Plenary")
    }
}
