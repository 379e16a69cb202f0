import Foundation
import SeminarCore
import SeminarProtocol
import Testing

/// Every event type a client can receive is one case of `EventType`, and docs/protocol.md says what each carries.
struct EventTypeTests {
    @Test func everyEventTypeIsDocumented() throws {
        let doc = try String(contentsOf: URL(fileURLWithPath: "docs/protocol.md"), encoding: .utf8)
        for type in EventType.allCases {
            let named = ["`\(type.rawValue)`", "`\(type.rawValue) ", "`\(type.rawValue)/"].contains { doc.contains($0) }
            #expect(named, "docs/protocol.md does not name the event \(type.rawValue)")
        }
    }

    @Test func aClosedRequestIsToldAsHowItClosed() throws {
        let at = Timestamp(milliseconds: 1_700_000_000_000)
        let types = [RequestStatus.pending, .declined, .cancelled, .expired].map { status in
            MeetingEvent.request(MeetingRequest(id: MeetingRequestID(1), from: Author(id: UserID(1), displayName: "A"), to: Author(id: UserID(2), displayName: "B"), slots: [],
                                                message: "", status: status, reason: nil, createdAt: at, expiresAt: at))
        }.map { try? $0.wire().type }
        #expect(types == ["meeting.requested", "meeting.declined", "meeting.cancelled", "meeting.expired"])
    }
}
