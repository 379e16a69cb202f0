/// How fast one socket (and, for some classes, one person) may send a kind of request. Every request type has a
/// class: the switch in ``MessageType/rateClass`` is exhaustive, so a new type does not compile until it chooses one.
public enum RateClass: String, Sendable, CaseIterable {
    /// `hello` and `ping`: never limited (a ping must always answer, or the client thinks the link is down).
    case free
    /// Gets, lists, searches and histories: a generous bucket per socket.
    case read
    /// `subscribe`, `unsubscribe`, `room.enter`, `room.leave`: per socket (every page load subscribes to a handful).
    case subscribe
    /// Creating messages (chat, DMs, questions, posts, tickets, announcements…): per socket and per person.
    case write
    /// Changing state that is not a toggle (moderation, profiles, meetings, tickets, the console): per socket and per person.
    case update
    /// On/off switches anyone may flick again and again (hands, the lounge, bookmarks, votes, reactions on posts, blocks):
    /// a small bucket per socket and per person.
    case toggle
    /// Applause in a room (`reaction.send`): counted, sent out once a second per room; per socket.
    case reaction
    /// WebRTC signalling (`rtc.signal`, and the stage's offers and answers, each a call to Janus): per socket.
    case signal
}

/// A token bucket's setting: `rate` a second, at most `burst` saved up; `perPerson` adds a bucket shared by all of a
/// person's sockets to the socket's own.
public struct RateLimit: Sendable, Equatable {
    public let rate: Double
    public let burst: Int
    public let perPerson: Bool

    public init(rate: Double, burst: Int, perPerson: Bool) {
        self.rate = rate
        self.burst = max(1, burst)
        self.perPerson = perPerson
    }
}

extension RateClass {
    /// The class's bucket as configured; nil for `free`.
    public func limit(in settings: Settings) -> RateLimit? {
        switch self {
        case .free: nil
        case .read: RateLimit(rate: settings.readRate, burst: settings.readBurst, perPerson: false)
        case .subscribe: RateLimit(rate: settings.subscribeRate, burst: settings.subscribeBurst, perPerson: false)
        case .write: RateLimit(rate: settings.messageRate, burst: settings.messageBurst, perPerson: true)
        case .update: RateLimit(rate: settings.updateRate, burst: settings.updateBurst, perPerson: true)
        case .toggle: RateLimit(rate: settings.toggleRate, burst: settings.toggleBurst, perPerson: true)
        case .reaction: RateLimit(rate: settings.reactionRate, burst: Int(settings.reactionRate), perPerson: false)
        case .signal: RateLimit(rate: settings.signalRate, burst: settings.signalBurst, perPerson: false)
        }
    }

    /// The refusal's message.
    public var refusal: String {
        switch self {
        case .free: "Slow down"
        case .read: "Slow down: too many requests"
        case .subscribe: "Slow down: too many subscriptions"
        case .write: "Slow down: too many messages"
        case .update: "Slow down: too many changes"
        case .toggle: "Slow down: too many clicks"
        case .reaction: "Too many reactions"
        case .signal: "Slow down: too many signals"
        }
    }
}

extension MessageType {
    /// The rate class of this request type (see ``RateClass``).
    public var rateClass: RateClass {
        switch self {
        case .hello, .ping:
            .free
        case .programGet, .sessionGet, .sessionRevisions, .agendaGet, .chatHistory, .roomPeople, .profileGet, .interestsList, .peopleSearch,
             .dmHistory, .dmUnread, .dmConversations, .matchSuggestions, .gridGet, .meetingList, .schedulePreview, .guideNow, .faqList,
             .deskTicket, .deskQueue, .deskStats, .feedList, .feedGet, .feedSearch, .announceScheduled, .peopleList, .adminStats, .auditList, .hostingGet,
             .mediaConfig, .mailPrefsGet:
            .read
        case .subscribe, .unsubscribe, .roomEnter, .roomLeave:
            .subscribe
        case .announce, .chatSend, .questionAsk, .dmSend, .meetingRequest, .deskAsk, .deskMessage, .deskGuide, .feedPost, .feedComment:
            .write
        case .agendaAdd, .agendaRemove, .questionVote, .pollVote, .handRaise, .handLower, .loungeEnter, .loungeLeave, .blockSet, .feedReact,
             .mailPrefsSet:
            .toggle
        case .reactionSend:
            .reaction
        case .rtcSignal, .stagePublish, .stageUnpublish, .stageWatch, .stageAnswer:
            .signal
        case .localeSet, .sessionUpdate, .roomOpen, .roomStart, .roomEnd, .roomLock, .roomStreamSet, .roomPin, .roomMute, .roomRemove,
             .chatDelete, .questionAnswer, .questionHide, .pollCreate, .pollClose, .handGrant, .breakoutStart, .breakoutEnd, .profileUpdate,
             .interestsSet, .dmRead, .deskRead, .gridSet, .availabilitySet, .meetingAccept, .meetingDecline, .meetingWithdraw, .meetingCancel,
             .meetingCheckin, .schedulePublish, .faqUpsert, .faqDelete, .deskClaim, .deskRelease, .deskResolve, .announceCancel, .roleSet, .hostingRemove,
             .feedEdit, .feedDelete, .stageInvite, .stageRemove, .stageMute, .stageRecord:
            .update
        }
    }
}

/// One token bucket per rate class, made on first use: a socket's, or a person's. Time is passed in, so it is pure.
public struct RateBuckets: Sendable {
    private var buckets: [RateClass: TokenBucket] = [:]

    public init() {}

    /// Takes a token from `rateClass`'s bucket at `now` (seconds): nil when allowed (always with no limit), else the
    /// milliseconds until a token is due.
    public mutating func take(_ rateClass: RateClass, limit: RateLimit?, now: Double) -> Int? {
        guard let limit else { return nil }
        var bucket = buckets[rateClass] ?? TokenBucket(rate: limit.rate, burst: limit.burst, now: now)
        let wait = bucket.take(now: now)
        buckets[rateClass] = bucket
        return wait
    }
}
