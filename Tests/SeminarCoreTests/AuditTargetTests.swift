import SeminarCore
import Testing

/// The audit log's target text: written from the ids a request named, read back to put names on them.
struct AuditTargetTests {
    @Test func theTargetListsIdsByKeyAndReadsBackTheSame() {
        let refs = [AuditTarget.Ref(key: "userId", id: 6), AuditTarget.Ref(key: "roomId", id: 29)]
        #expect(AuditTarget.text(refs) == "roomId=29 userId=6")
        #expect(AuditTarget.refs(in: "roomId=29 userId=6") == refs.reversed())
    }

    @Test func freeTextTargetsOfOlderEntriesNameNothing() {
        #expect(AuditTarget.refs(in: "12 people").isEmpty)
        #expect(AuditTarget.refs(in: "mail 5").isEmpty)
        #expect(AuditTarget.refs(in: "every failed mail").isEmpty)
        #expect(AuditTarget.refs(in: "roomId=x Id=4 name=5") == [])
    }

    @Test func peopleRoomsAndSessionsAreNamedOtherIdsAreNot() {
        #expect(AuditTarget.kind(of: "userId") == .person)
        #expect(AuditTarget.kind(of: "roomId") == .room)
        #expect(AuditTarget.kind(of: "parentRoomId") == .room)
        #expect(AuditTarget.kind(of: "sessionId") == .session)
        #expect(AuditTarget.kind(of: "questionId") == nil)
        #expect(AuditTarget.isIdKey("id") && AuditTarget.isIdKey("ticketId") && !AuditTarget.isIdKey("Id") && !AuditTarget.isIdKey("text"))
    }
}
