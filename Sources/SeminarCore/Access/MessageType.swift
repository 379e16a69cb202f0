/// Every request type a client may send over the WebSocket, by its wire name.
///
/// Adding a case forces a rule in ``Permissions/rule(for:)``: the switch there is exhaustive.
public enum MessageType: String, Sendable, CaseIterable {
    case hello
    case ping
    case localeSet = "locale.set"
    case subscribe
    case unsubscribe
    case announce
    case programGet = "program.get"
    case sessionGet = "session.get"
    case sessionUpdate = "session.update"
    case sessionRevisions = "session.revisions"
    case agendaAdd = "agenda.add"
    case agendaRemove = "agenda.remove"
    case agendaGet = "agenda.get"
    case roomEnter = "room.enter"
    case roomLeave = "room.leave"
    case roomOpen = "room.open"
    case roomStart = "room.start"
    case roomEnd = "room.end"
    case roomLock = "room.lock"
    case roomStreamSet = "room.stream.set"
    case roomPin = "room.pin"
    case roomMute = "room.mute"
    case roomRemove = "room.remove"
    case chatSend = "chat.send"
    case chatDelete = "chat.delete"
    case chatHistory = "chat.history"
    case roomPeople = "room.people"
    case questionAsk = "question.ask"
    case questionVote = "question.vote"
    case questionAnswer = "question.answer"
    case questionHide = "question.hide"
    case pollCreate = "poll.create"
    case pollVote = "poll.vote"
    case pollClose = "poll.close"
    case handRaise = "hand.raise"
    case handLower = "hand.lower"
    case handGrant = "hand.grant"
    case reactionSend = "reaction.send"
    case breakoutStart = "breakout.start"
    case breakoutEnd = "breakout.end"
    case profileUpdate = "profile.update"
    case profileGet = "profile.get"
    case interestsList = "interests.list"
    case interestsSet = "interests.set"
    case loungeEnter = "lounge.enter"
    case loungeLeave = "lounge.leave"
    case peopleSearch = "people.search"
    case blockSet = "block.set"
    case dmSend = "dm.send"
    case dmHistory = "dm.history"
    case dmRead = "dm.read"
    case dmUnread = "dm.unread"
    case dmConversations = "dm.conversations"
    case matchSuggestions = "match.suggestions"
    case gridGet = "grid.get"
    case gridSet = "grid.set"
    case availabilitySet = "availability.set"
    case meetingRequest = "meeting.request"
    case meetingAccept = "meeting.accept"
    case meetingDecline = "meeting.decline"
    case meetingWithdraw = "meeting.withdraw"
    case meetingCancel = "meeting.cancel"
    case meetingList = "meeting.list"
    case meetingCheckin = "meeting.checkin"
    case rtcSignal = "rtc.signal"
    case mediaConfig = "media.config"
    case stagePublish = "stage.publish"
    case stageUnpublish = "stage.unpublish"
    case stageInvite = "stage.invite"
    case stageRemove = "stage.remove"
    case stageMute = "stage.mute"
    case stageWatch = "stage.watch"
    case stageAnswer = "stage.answer"
    case stageRecord = "stage.record"
    case mailPrefsGet = "mail.prefs.get"
    case mailPrefsSet = "mail.prefs.set"
    case schedulePreview = "schedule.preview"
    case schedulePublish = "schedule.publish"
    case guideNow = "guide.now"
    case faqList = "faq.list"
    case faqUpsert = "faq.upsert"
    case faqDelete = "faq.delete"
    case deskAsk = "desk.ask"
    case deskMessage = "desk.message"
    case deskTicket = "desk.ticket"
    case deskQueue = "desk.queue"
    case deskClaim = "desk.claim"
    case deskRelease = "desk.release"
    case deskResolve = "desk.resolve"
    case deskRead = "desk.read"
    case deskGuide = "desk.guide"
    case deskStats = "desk.stats"
    case feedList = "feed.list"
    case feedGet = "feed.get"
    case feedPost = "feed.post"
    case feedComment = "feed.comment"
    case feedReact = "feed.react"
    case feedEdit = "feed.edit"
    case feedDelete = "feed.delete"
    case feedSearch = "feed.search"
    case announceScheduled = "announce.scheduled"
    case announceCancel = "announce.cancel"
    case roleSet = "role.set"
    case peopleList = "people.list"
    case adminStats = "admin.stats"
    case auditList = "audit.list"
    case hostingGet = "hosting.get"
    case hostingRemove = "hosting.remove"

    /// Moderation and admin actions: written to the audit log when they succeed (`chat.delete`, `hand.lower` and the
    /// desk's moves only when done by staff on someone else's behalf: see the dispatcher).
    public var isAudited: Bool {
        switch self {
        case .announce, .announceCancel, .roleSet, .hostingRemove, .roomOpen, .roomStart, .roomEnd, .roomLock, .roomStreamSet, .roomPin, .roomMute,
             .roomRemove, .chatDelete, .questionAnswer, .questionHide, .pollCreate, .pollClose, .handGrant, .breakoutStart, .breakoutEnd,
             .stageInvite, .stageRemove, .stageMute, .stageRecord, .faqUpsert, .faqDelete, .interestsSet, .gridSet, .schedulePublish, .deskClaim,
             .deskRelease, .deskResolve, .deskGuide, .sessionUpdate, .feedDelete:
            true
        default:
            false
        }
    }

    /// Types that create something and so may carry an idempotency `key` and are rate limited as messages.
    public var isCreating: Bool {
        switch self {
        case .announce, .chatSend, .questionAsk, .dmSend, .meetingRequest, .deskAsk, .deskMessage, .deskGuide, .feedPost, .feedComment: true
        default: false
        }
    }
}
