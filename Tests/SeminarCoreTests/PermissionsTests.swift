import SeminarCore
import Testing

@Suite("the permission table")
struct PermissionsTests {
    /// The expected answer for every message type × every role (nil = not signed in).
    static func expected(_ type: MessageType, _ role: Role?) -> Bool {
        switch type {
        case .hello, .ping: true
        case .localeSet, .subscribe, .unsubscribe, .programGet, .sessionGet, .sessionRevisions, .agendaAdd, .agendaRemove, .agendaGet,
             .hostingGet:
            role != nil
        case .announce: role == .organiser
        case .roomEnter, .roomLeave, .chatSend, .chatHistory, .roomPeople, .questionAsk, .questionVote, .pollVote, .handRaise, .reactionSend,
             .chatDelete, .handLower, .profileUpdate, .profileGet, .interestsList, .loungeEnter, .loungeLeave, .peopleSearch, .blockSet,
             .dmSend, .dmHistory, .dmRead, .dmUnread, .dmConversations, .matchSuggestions:
            role != nil
        case .interestsSet, .gridSet, .schedulePreview, .schedulePublish: role == .organiser
        case .gridGet, .availabilitySet, .meetingRequest, .meetingAccept, .meetingDecline, .meetingWithdraw, .meetingCancel,
             .meetingList, .meetingCheckin, .rtcSignal, .mediaConfig, .stagePublish, .stageUnpublish, .stageWatch, .stageAnswer,
             .mailPrefsGet, .mailPrefsSet:
            role != nil
        case .sessionUpdate, .roomOpen, .roomStart, .roomEnd, .roomLock, .roomStreamSet, .roomPin, .roomMute, .roomRemove,
             .questionAnswer, .questionHide, .pollCreate, .pollClose, .handGrant, .breakoutStart, .breakoutEnd,
             .stageInvite, .stageRemove, .stageMute, .stageRecord:
            role == .host || role == .organiser
        case .guideNow, .faqList, .deskAsk, .deskMessage, .deskTicket, .deskResolve, .deskRead,
             .feedList, .feedGet, .feedPost, .feedComment, .feedReact, .feedSearch, .feedEdit, .feedDelete:
            role != nil
        case .faqUpsert, .faqDelete, .deskStats, .announceScheduled, .announceCancel, .roleSet, .hostingRemove, .peopleList, .adminStats,
             .auditList:
            role == .organiser
        case .deskQueue, .deskClaim, .deskRelease, .deskGuide: role == .agent || role == .organiser
        }
    }

    @Test("every type × every role", arguments: MessageType.allCases)
    func matrix(type: MessageType) {
        for role in [nil] + Role.allCases.map(Optional.some) {
            let allowed = (try? Permissions.check(type, role: role).get()) != nil
            #expect(allowed == Self.expected(type, role), "\(type.rawValue) as \(role?.rawValue ?? "anonymous")")
        }
    }

    @Test("refusals say why: unauthenticated before hello, forbidden for a wrong role")
    func refusalCodes() {
        #expect(throws: DomainError.self) { try Permissions.check(.subscribe, role: nil).get() }
        if case .failure(let error) = Permissions.check(.announce, role: nil) { #expect(error.code == .unauthenticated) }
        if case .failure(let error) = Permissions.check(.announce, role: .host) { #expect(error.code == .forbidden) }
    }

    @Test("topics: own user topic only, desk for agents and organisers")
    func topicAccess() {
        let me = UserID(7)
        #expect((try? Topic.user(me).canSubscribe(user: me, role: .participant).get()) != nil)
        #expect((try? Topic.user(UserID(8)).canSubscribe(user: me, role: .organiser).get()) == nil)
        #expect((try? Topic.desk.canSubscribe(user: me, role: .participant).get()) == nil)
        #expect((try? Topic.desk.canSubscribe(user: me, role: .agent).get()) != nil)
        #expect((try? Topic.seminar.canSubscribe(user: me, role: .participant).get()) != nil)
    }

    @Test("topic names parse and print back", arguments: ["seminar", "lounge", "desk", "feed", "room:4", "user:12"])
    func topicNames(name: String) {
        #expect(Topic(name)?.description == name)
    }

    @Test("bad topic names are refused", arguments: ["", "room:", "room:x", "room:-1", "user:0", "chat", "ROOM:1", "room:1:2"])
    func badTopics(name: String) {
        #expect(Topic(name) == nil)
    }
}
