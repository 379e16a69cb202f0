/// Who may send a message type.
public enum Rule: Sendable, Equatable {
    /// Anyone, even before `hello`.
    case anyone
    /// Any signed-in person.
    case signedIn
    /// Signed-in people holding at least one of these roles.
    case roles(Set<Role>)
}

/// The one permission table of the seminar: which role may send which message type.
public enum Permissions {
    public static func rule(for type: MessageType) -> Rule {
        switch type {
        case .hello, .ping: .anyone
        case .localeSet, .subscribe, .unsubscribe, .programGet, .sessionGet, .sessionRevisions,
             .agendaAdd, .agendaRemove, .agendaGet: .signedIn
        // The sessions one hosts (none for most people).
        case .hostingGet: .signedIn
        case .announce: .roles([.organiser])
        // Hosts only of the sessions they are assigned to: checked against the session by its handler.
        case .sessionUpdate: .roles([.host, .organiser])
        case .roomEnter, .roomLeave, .chatSend, .chatHistory, .roomPeople, .questionAsk, .questionVote, .pollVote, .handRaise, .reactionSend:
            .signedIn
        // The author may delete their own message and anyone may lower their own hand: checked by the handler.
        case .chatDelete, .handLower: .signedIn
        case .profileUpdate, .profileGet, .interestsList, .loungeEnter, .loungeLeave, .peopleSearch, .blockSet, .dmSend, .dmHistory,
             .dmRead, .dmUnread, .dmConversations, .matchSuggestions:
            .signedIn
        case .interestsSet, .gridSet, .schedulePreview, .schedulePublish: .roles([.organiser])
        // Only the two people of a request or meeting: checked against it by the store.
        case .gridGet, .availabilitySet, .meetingRequest, .meetingAccept, .meetingDecline, .meetingWithdraw, .meetingCancel,
             .meetingList, .meetingCheckin, .rtcSignal:
            .signedIn
        // Relay credentials are for anyone signed in, each their own (the username names them).
        case .mediaConfig: .signedIn
        // The stage: hosts and the people they invited go live, people in the room watch (StageRules, on the room).
        case .stagePublish, .stageUnpublish, .stageWatch, .stageAnswer: .signedIn
        // Hosts of the room's session, or organisers: checked against the room by StageRules.
        case .stageInvite, .stageRemove, .stageMute, .stageRecord: .roles([.host, .organiser])
        // A person's own mail preferences.
        case .mailPrefsGet, .mailPrefsSet: .signedIn
        case .guideNow, .faqList, .feedList, .feedGet, .feedComment, .feedReact, .feedSearch: .signedIn
        // The post's author (and, to delete, organisers): checked against the post by PostRules.decide.
        case .feedEdit, .feedDelete: .signedIn
        case .faqUpsert, .faqDelete, .deskStats, .announceScheduled, .announceCancel, .roleSet, .hostingRemove, .peopleList, .adminStats,
             .auditList:
            .roles([.organiser])
        // The asker, the ticket's agent or an organiser: checked against the ticket by the store.
        case .deskAsk, .deskMessage, .deskTicket, .deskResolve, .deskRead: .signedIn
        case .deskQueue, .deskClaim, .deskRelease, .deskGuide: .roles([.agent, .organiser])
        // Which roles may post which kind is configuration (hubPostRoles, hubLearningRoles): checked by the handler.
        case .feedPost: .signedIn
        // Hosts of the room's session, or organisers: checked against the room by the store.
        case .roomOpen, .roomStart, .roomEnd, .roomLock, .roomStreamSet, .roomPin, .roomMute, .roomRemove,
             .questionAnswer, .questionHide, .pollCreate, .pollClose, .handGrant, .breakoutStart, .breakoutEnd:
            .roles([.host, .organiser])
        }
    }

    /// Decides whether a person with `role` (nil: not signed in) may send `type`.
    public static func check(_ type: MessageType, role: Role?) -> Result<Void, DomainError> {
        switch rule(for: type) {
        case .anyone:
            return .success(())
        case .signedIn:
            return role == nil ? .failure(.init(.unauthenticated, "Send hello first")) : .success(())
        case .roles(let allowed):
            guard let role else { return .failure(.init(.unauthenticated, "Send hello first")) }
            return allowed.contains(role)
                ? .success(())
                : .failure(.init(.forbidden, "Only \(allowed.map(\.rawValue).sorted().joined(separator: ", ")) may send \(type.rawValue)"))
        }
    }
}
