import Foundation
import SeminarCore
import SeminarProtocol
import Testing

/// The console's events and replies on the wire, as clients read them.
struct ConsoleWireTests {
    @Test func roleAndHostingChangesKeepTheirTypesAndData() throws {
        try MeetingWireTests.expect(.access(.roleChanged(role: .host, roomId: RoomID(4))), "role.changed", #"{"role":"host","roomId":4}"#)
        try MeetingWireTests.expect(.access(.roleChanged(role: .participant, roomId: nil)), "role.changed", #"{"role":"participant"}"#)
        try MeetingWireTests.expect(.access(.hostingChanged(roomId: RoomID(4), hosting: false)), "hosting.changed", #"{"roomId":4,"hosting":false}"#)
    }

    @Test func anAnnouncementIsNamedByItsNumberBothWays() throws {
        try MeetingWireTests.expect(.announcementExpired(id: AnnouncementID(4)), "announcement.expired", #"{"id":4}"#)
        #expect(try JSONDecoder().decode(AnnounceCancelRequest.self, from: Data(#"{"id":4}"#.utf8)).id == AnnouncementID(4))
    }

    @Test func anImportGivesANewAccountItsLinkOnTheServersAddressAndAnOldOneNone() throws {
        let expires = Timestamp(milliseconds: 1_700_000_000_000)
        let outcome = ImportOutcome(created: 1, updated: 1, invited: 0, accounts: [
            .init(line: 2, email: "ana@x.org", userId: 7, created: true, signInToken: "abc", expiresAt: expires),
            .init(line: 3, email: "bo@x.org", userId: 8, created: false, signInToken: nil, expiresAt: nil),
        ])
        let reply = ParticipantsImportReply(outcome, baseURL: "https://seminar.example")
        #expect(reply.people.map(\.signInUrl) == ["https://seminar.example/api/link/abc", nil])
        #expect(reply.people.map(\.expiresAt) == [expires.iso8601, nil])
        #expect(reply.created == 1 && reply.updated == 1)
    }

    @Test func theDashboardTakesWhoIsHereNowFromTheServer() throws {
        let figures = SeminarFigures(onlineToday: 5, registered: 9, rooms: [.init(roomId: RoomID(3), sessionId: SessionID(1), title: LocalizedText(en: "Water"), state: "live", peak: 4)],
                                     desk: .init(waiting: 1, claimed: 0, resolvedToday: 2),
                                     meetings: .init(requested: 3, accepted: 2, held: 1, cancelled: 0, noShow: 1),
                                     messagesPerMinute: [.init(start: Timestamp(milliseconds: 60_000), count: 6)])
        let reply = AdminStatsReply(figures, onlineNow: 2) { $0 == RoomID(3) ? 3 : 0 }
        #expect(reply.onlineNow == 2 && reply.rooms.map(\.present) == [3] && reply.rooms.map(\.peak) == [4])
        #expect(reply.messagesPerMinute == [MinuteCount(minute: Timestamp(milliseconds: 60_000).iso8601, count: 6)])
        #expect(reply.meetings == MeetingFigures(requested: 3, accepted: 2, held: 1, cancelled: 0, noShow: 1))
    }
}
