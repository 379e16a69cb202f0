import Foundation
import SeminarCore
import SeminarProtocol
import Testing

/// Meetings, reminders and session edits on the wire: each domain event is written as clients (and the log's older rows) read it.
struct MeetingWireTests {
    static let at = Timestamp(milliseconds: 1_700_000_000_000)
    static let slot = MeetingSlot(id: SlotID(2), startsAt: at, endsAt: at.adding(seconds: 1_800), tables: 3)
    static let ana = Author(id: UserID(7), displayName: "Ana"), ben = Author(id: UserID(8), displayName: "Ben")
    static var slotJSON: String { #"{"id":2,"startsAt":"\#(at.iso8601)","endsAt":"\#(at.adding(seconds: 1_800).iso8601)"}"# }

    static func expect(_ event: DomainEvent, _ type: String, _ data: String) throws {
        let wire = try EventWire.seminar.encode(event, 1)
        #expect(wire.type == type)
        #expect(try RoomWireTests.object(wire.data) == RoomWireTests.object(data))
    }

    static func request(_ status: RequestStatus, reason: String? = nil) -> MeetingRequest {
        MeetingRequest(id: MeetingRequestID(5), from: ana, to: ben, slots: [slot], message: "Hello", status: status, reason: reason, createdAt: at,
                       expiresAt: at.adding(seconds: 48 * 3600))
    }

    static func requestJSON(_ status: String, reason: String? = nil) -> String {
        #"{"request":{"id":5,"from":{"id":7,"displayName":"Ana"},"to":{"id":8,"displayName":"Ben"},"slots":[\#(slotJSON)],"message":"Hello","# +
            #""status":"\#(status)",\#(reason.map { #""reason":"\#($0)","# } ?? "")"createdAt":"\#(at.iso8601)","# +
            #""expiresAt":"\#(at.adding(seconds: 48 * 3600).iso8601)"}}"#
    }

    @Test func aRequestIsNamedAfterWhatBecameOfIt() throws {
        try Self.expect(.meeting(.request(Self.request(.pending))), "meeting.requested", Self.requestJSON("pending"))
        try Self.expect(.meeting(.request(Self.request(.declined, reason: "Busy"))), "meeting.declined", Self.requestJSON("declined", reason: "Busy"))
        try Self.expect(.meeting(.request(Self.request(.cancelled))), "meeting.cancelled", Self.requestJSON("cancelled"))
        try Self.expect(.meeting(.request(Self.request(.expired))), "meeting.expired", Self.requestJSON("expired"))
    }

    @Test func theGridAndMeetingsKeepTheirTypesAndData() throws {
        try Self.expect(.meeting(.gridUpdated([Self.slot])), "grid.updated", #"{"slots":[\#(Self.slotJSON)]}"#)
        let meeting = Meeting(id: MeetingID(4), slot: Self.slot, table: 2, with: Self.ben, roomId: RoomID(11), status: "booked", checkedIn: true, otherCheckedIn: false)
        let meetingJSON = #"{"meeting":{"id":4,"slot":\#(Self.slotJSON),"table":2,"with":{"id":8,"displayName":"Ben"},"roomId":11,"# +
            #""status":"booked","checkedIn":true,"otherCheckedIn":false}}"#
        try Self.expect(.meeting(.booked(meeting)), "meeting.booked", meetingJSON)
        try Self.expect(.meeting(.reminder(meeting)), "meeting.reminder", meetingJSON)
        try Self.expect(.meeting(.cancelled(meetingId: MeetingID(4), by: 7)), "meeting.cancelled", #"{"meetingId":4,"by":7}"#)
        try Self.expect(.meeting(.checkedIn(meetingId: MeetingID(4), userId: 8)), "meeting.checkedin", #"{"meetingId":4,"userId":8}"#)
    }

    @Test func aSessionReminderKeepsItsTypeAndData() throws {
        let title = LocalizedText(fr: "Ouverture", en: "Opening", es: "Apertura")
        try Self.expect(.sessionReminder(SessionReminder(sessionId: SessionID(3), roomId: nil, title: title, startsAt: Self.at)), "reminder",
                        #"{"sessionId":3,"title":{"fr":"Ouverture","en":"Opening","es":"Apertura"},"startsAt":"\#(Self.at.iso8601)"}"#)
    }

    @Test func requestsNameRequestsSlotsAndMeetingsByTheirNumbers() throws {
        let accept = try JSONDecoder().decode(RequestIDRequest.self, from: Data(#"{"requestId":5,"slot":2}"#.utf8))
        #expect(accept.requestId == MeetingRequestID(5) && accept.slot == SlotID(2))
        #expect(try JSONDecoder().decode(MeetingIDRequest.self, from: Data(#"{"meetingId":4}"#.utf8)).meetingId == MeetingID(4))
        #expect(try JSONDecoder().decode(AvailabilityRequest.self, from: Data(#"{"slots":[2,3]}"#.utf8)).slots == [SlotID(2), SlotID(3)])
    }

    @Test func aSessionIsNamedByItsNumberInARequest() throws {
        #expect(try JSONDecoder().decode(SessionRequest.self, from: Data(#"{"sessionId":3}"#.utf8)).sessionId == SessionID(3))
    }

    @Test func aReplayGoesOutWithItsSessionAndItsAddress() throws {
        let replay = SessionReplay(id: ReplayID(5), roomId: RoomID(9), sessionId: SessionID(3), speaker: "Ana", kind: "camera", mediaType: "video/webm",
                                   startedAt: Self.at, endedAt: Self.at.adding(seconds: 60))
        try Self.expect(.replayAdded(replay), "replay.added",
                        #"{"sessionId":3,"replay":{"id":5,"url":"/replays/5","speaker":"Ana","kind":"camera","mediaType":"video/webm","# +
                        #""startedAt":"\#(Self.at.iso8601)","endedAt":"\#(Self.at.adding(seconds: 60).iso8601)"}}"#)
    }

    @Test func anEditedSessionGoesOutAsItsSummaryBookmarkedByNobody() throws {
        let content = SessionContent(title: LocalizedText(en: "Water"), description: LocalizedText(),
                                     details: SessionDetails(hostOrganisation: "UCLG Africa", room: "Hall B", languages: [.fr, .en]))
        let session = ProgramSession(id: SessionID(3), key: "water", trackId: TrackID(2), startsAt: Self.at, endsAt: Self.at.adding(seconds: 3_600), content: content,
                                     revision: 4, roomId: RoomID(9), roomState: .live)
        try Self.expect(.sessionUpdated(session), "session.updated",
                        #"{"id":3,"key":"water","trackId":2,"title":{"en":"Water"},"startsAt":"\#(Self.at.iso8601)","# +
                        #""endsAt":"\#(Self.at.adding(seconds: 3_600).iso8601)","roomId":9,"state":"live","hostOrganisation":"UCLG Africa","# +
                        #""room":"Hall B","languages":["fr","en"],"bookmarked":false}"#)
    }
}
