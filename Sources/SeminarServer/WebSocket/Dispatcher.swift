import Logging
import SeminarCore
import SeminarProtocol
import SeminarRealtime
import SeminarStore

/// The result of a handled request.
enum Outcome {
    /// Send this reply.
    case reply(any Encodable & Sendable)
    /// The handler has queued its reply itself (e.g. `subscribe`, to order it before the replay).
    case sent
}

/// One request being handled.
struct RequestInfo {
    let id: Int64
    let type: MessageType
    let key: String?
    let request: IncomingRequest
}

/// Turns a text frame into a reply: parse → permission table → rate class → handler → one reply.
struct Dispatcher {
    let services: Services

    func handle(_ text: String, session: inout SocketSession) async {
        let connection = session.connection
        let request: IncomingRequest
        do {
            request = try IncomingRequest(frame: text)
        } catch {
            connection.send(Outgoing.errorEvent(error))
            return
        }
        guard let id = request.header.id else {
            connection.send(Outgoing.errorEvent(DomainError(.invalid, "A request needs an integer id", field: "id")))
            return
        }
        let started = ContinuousClock.now
        let type = request.header.type.flatMap(MessageType.init(rawValue:))
        defer {
            let elapsed = ContinuousClock.now - started
            services.metrics.request(type, nanoseconds: elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
        }
        // An organiser may have changed this person's role since the socket signed in.
        if let user = session.user, let role = connection.role, role != user.role { session.update(user.with(role: role)) }
        do {
            guard let typeName = request.header.type else { throw DomainError.invalid("type", "A request needs a type") }
            guard let type else { throw DomainError(.invalid, "Unknown type '\(typeName.prefix(64))'", field: "type") }
            try Permissions.check(type, role: session.user?.role).get()
            try await limit(type.rateClass, session)
            let info = RequestInfo(id: id, type: type, key: request.header.key, request: request)
            switch try await route(info, session: &session) {
            case .reply(let payload):
                connection.send(try Outgoing.reply(to: id, payload))
            case .sent:
                break
            }
            if type.isAudited, let actor = session.user, actor.role != .participant {
                await audit(type, request: request, actor: actor, logger: session.logger)
            }
        } catch let error as DomainError {
            if error.code == .rateLimited { services.metrics.refusedForRate() }
            connection.send(Outgoing.reply(to: id, error: error))
        } catch {
            session.logger.error("request failed", metadata: ["type": "\(request.header.type ?? "?")", "error": "\(error)"])
            connection.send(Outgoing.reply(to: id, error: DomainError(.internal, "Something went wrong on the server")))
        }
    }

    private func route(_ info: RequestInfo, session: inout SocketSession) async throws -> Outcome {
        switch info.type {
        case .hello: try await SessionHandlers(services: services).hello(info, session: &session)
        case .ping: SessionHandlers(services: services).ping()
        case .localeSet: try await SessionHandlers(services: services).setLocale(info, session: &session)
        case .subscribe: try await TopicHandlers(services: services).subscribe(info, session: &session)
        case .unsubscribe: try await TopicHandlers(services: services).unsubscribe(info, session: &session)
        case .announce: try await AnnouncementHandlers(services: services).announce(info, session: session)
        case .programGet: try await ProgramHandlers(services: services).program(session: session)
        case .sessionGet: try await ProgramHandlers(services: services).session(info, session: session)
        case .sessionUpdate: try await ProgramHandlers(services: services).update(info, session: session)
        case .sessionRevisions: try await ProgramHandlers(services: services).revisions(info)
        case .agendaAdd: try await AgendaHandlers(services: services).add(info, session: session)
        case .agendaRemove: try await AgendaHandlers(services: services).remove(info, session: session)
        case .agendaGet: try await AgendaHandlers(services: services).get(session: session)
        case .roomEnter: try await RoomHandlers(services: services).enter(info, session: &session)
        case .roomLeave: try await RoomHandlers(services: services).leave(info, session: &session)
        case .roomOpen: try await RoomHandlers(services: services).move(info, .open, session: session)
        case .roomStart: try await RoomHandlers(services: services).move(info, .start, session: session)
        case .roomEnd: try await RoomHandlers(services: services).move(info, .end, session: session)
        case .roomLock: try await RoomHandlers(services: services).lock(info, session: session)
        case .roomStreamSet: try await RoomHandlers(services: services).stream(info, session: session)
        case .roomPin: try await RoomHandlers(services: services).pin(info, session: session)
        case .roomMute: try await RoomHandlers(services: services).mute(info, session: session)
        case .roomRemove: try await RoomHandlers(services: services).remove(info, session: session)
        case .chatSend: try await RoomActivityHandlers(services: services).chatSend(info, session: session)
        case .chatDelete: try await RoomActivityHandlers(services: services).chatDelete(info, session: session)
        case .chatHistory: try await RoomActivityHandlers(services: services).chatHistory(info, session: session)
        case .roomPeople: try await RoomHandlers(services: services).people(info, session: session)
        case .questionAsk: try await RoomActivityHandlers(services: services).questionAsk(info, session: session)
        case .questionVote: try await RoomActivityHandlers(services: services).questionVote(info, session: session)
        case .questionAnswer: try await RoomActivityHandlers(services: services).questionMark(info, answered: true, session: session)
        case .questionHide: try await RoomActivityHandlers(services: services).questionMark(info, answered: false, session: session)
        case .pollCreate: try await RoomActivityHandlers(services: services).pollCreate(info, session: session)
        case .pollVote: try await RoomActivityHandlers(services: services).pollVote(info, session: session)
        case .pollClose: try await RoomActivityHandlers(services: services).pollClose(info, session: session)
        case .handRaise: try await RoomActivityHandlers(services: services).handRaise(info, session: session)
        case .handLower: try await RoomActivityHandlers(services: services).handLower(info, session: session)
        case .handGrant: try await RoomActivityHandlers(services: services).handGrant(info, session: session)
        case .reactionSend: try await RoomActivityHandlers(services: services).reaction(info, session: session)
        case .breakoutStart: try await BreakoutHandlers(services: services).start(info, session: session)
        case .breakoutEnd: try await BreakoutHandlers(services: services).end(info, session: session)
        case .profileUpdate: try await PeopleHandlers(services: services).profileUpdate(info, session: &session)
        case .profileGet: try await PeopleHandlers(services: services).profileGet(info, session: session)
        case .interestsList: try await PeopleHandlers(services: services).interests()
        case .interestsSet: try await PeopleHandlers(services: services).setInterests(info)
        case .loungeEnter: try await LoungeHandlers(services: services).enter(info, session: session)
        case .loungeLeave: try await LoungeHandlers(services: services).leave(session: session)
        case .peopleSearch: try await PeopleHandlers(services: services).search(info, session: session)
        case .blockSet: try await PeopleHandlers(services: services).block(info, session: session)
        case .matchSuggestions: try await PeopleHandlers(services: services).suggestions(info, session: session)
        case .dmSend: try await DirectMessageHandlers(services: services).send(info, session: session)
        case .dmHistory: try await DirectMessageHandlers(services: services).history(info, session: session)
        case .dmRead: try await DirectMessageHandlers(services: services).read(info, session: session)
        case .dmUnread: try await DirectMessageHandlers(services: services).unread(session: session)
        case .dmConversations: try await DirectMessageHandlers(services: services).conversations(session: session)
        case .gridGet: try await MeetingHandlers(services: services).grid(session: session)
        case .gridSet: try await MeetingHandlers(services: services).setGrid(info, session: session)
        case .availabilitySet: try await MeetingHandlers(services: services).setAvailability(info, session: session)
        case .meetingRequest: try await MeetingHandlers(services: services).request(info, session: session)
        case .meetingAccept: try await MeetingHandlers(services: services).accept(info, session: session)
        case .meetingDecline, .meetingWithdraw: try await MeetingHandlers(services: services).close(info, session: session)
        case .meetingCancel: try await MeetingHandlers(services: services).cancel(info, session: session)
        case .meetingList: try await MeetingHandlers(services: services).list(session: session)
        case .meetingCheckin: try await MeetingHandlers(services: services).checkIn(info, session: session)
        case .rtcSignal: try await MeetingHandlers(services: services).signal(info, session: session)
        case .mediaConfig: try MediaHandlers(services: services).config(session: session)
        case .stagePublish: try await StageHandlers(services: services).publish(info, session: session)
        case .stageUnpublish: try await StageHandlers(services: services).unpublish(info, session: session)
        case .stageWatch: try await StageHandlers(services: services).watch(info, session: session)
        case .stageAnswer: try await StageHandlers(services: services).answer(info, session: session)
        case .stageInvite: try await StageHandlers(services: services).invite(info, session: session)
        case .stageRemove: try await StageHandlers(services: services).remove(info, session: session)
        case .stageMute: try await StageHandlers(services: services).mute(info, session: session)
        case .stageRecord: try await StageHandlers(services: services).record(info, session: session)
        case .mailPrefsGet: try await MailHandlers(services: services).get(session: session)
        case .mailPrefsSet: try await MailHandlers(services: services).set(info, session: session)
        case .schedulePreview: try await ScheduleHandlers(services: services).preview(info, session: session)
        case .schedulePublish: try await ScheduleHandlers(services: services).publish(info)
        case .guideNow: try await DeskHandlers(services: services).guide(session: session)
        case .faqList: try await DeskHandlers(services: services).faqList(info)
        case .faqUpsert: try await DeskHandlers(services: services).faqUpsert(info)
        case .faqDelete: try await DeskHandlers(services: services).faqDelete(info)
        case .deskAsk: try await DeskHandlers(services: services).ask(info, session: session)
        case .deskMessage: try await DeskHandlers(services: services).message(info, session: session)
        case .deskTicket: try await DeskHandlers(services: services).ticket(info, session: session)
        case .deskQueue: try await DeskHandlers(services: services).queue()
        case .deskClaim: try await DeskHandlers(services: services).move(info, .claim, session: session)
        case .deskRelease: try await DeskHandlers(services: services).move(info, .release, session: session)
        case .deskResolve: try await DeskHandlers(services: services).move(info, .resolve, session: session)
        case .deskRead: try await DeskHandlers(services: services).read(info, session: session)
        case .deskGuide: try await DeskHandlers(services: services).guideTo(info, session: session)
        case .deskStats: try await DeskHandlers(services: services).stats()
        case .feedList: try await FeedHandlers(services: services).list(info)
        case .feedGet: try await FeedHandlers(services: services).get(info, session: session)
        case .feedPost: try await FeedHandlers(services: services).post(info, session: session)
        case .feedComment: try await FeedHandlers(services: services).comment(info, session: session)
        case .feedReact: try await FeedHandlers(services: services).react(info, session: session)
        case .feedEdit: try await FeedHandlers(services: services).edit(info, session: session)
        case .feedDelete: try await FeedHandlers(services: services).delete(info, session: session)
        case .feedSearch: try await FeedHandlers(services: services).search(info)
        case .announceScheduled: try await AnnouncementHandlers(services: services).scheduled()
        case .announceCancel: try await AnnouncementHandlers(services: services).cancel(info)
        case .roleSet: try await ConsoleHandlers(services: services).setRole(info, session: session)
        case .peopleList: try await ConsoleHandlers(services: services).people(info)
        case .adminStats: try await ConsoleHandlers(services: services).stats()
        case .auditList: try await ConsoleHandlers(services: services).audit(info, session: session)
        case .hostingRemove: try await ConsoleHandlers(services: services).removeHosting(info, session: session)
        case .hostingGet: try await HostingHandlers(services: services).get(session: session)
        }
    }

    /// Writes a successful moderation or admin action to the audit log: its target (the ids it names) and its data.
    private func audit(_ type: MessageType, request: IncomingRequest, actor: UserRecord, logger: Logger) async {
        let detail = request.dataJSON
        let target = AuditTarget.describe(detail)
        do {
            try await services.database.audit(actor: actor.id, action: type.rawValue, target: target, detail: detail, now: services.clock())
        } catch {
            logger.error("audit failed", metadata: ["type": "\(type.rawValue)", "error": "\(error)"])
        }
    }

    /// Every request counts against its rate class's bucket on this connection and, for the classes that say so, the
    /// person's (see `RateClass`); a refusal says when to try again. The connection's bucket is in memory and checked
    /// first: a request it refuses costs the person's bucket (the cluster's database, on PostgreSQL) nothing.
    private func limit(_ rateClass: RateClass, _ session: SocketSession) async throws {
        guard let limit = rateClass.limit(in: services.settings) else { return }
        let now = services.seconds
        if let wait = session.connection.takeToken(rateClass, limit: limit, now: now) {
            throw DomainError(.rateLimited, rateClass.refusal, retryAfterMs: wait)
        }
        guard limit.perPerson, let user = session.user else { return }
        if let wait = await services.personLimits.take(rateClass, user: user.id, now: now) {
            throw DomainError(.rateLimited, rateClass.refusal, retryAfterMs: wait)
        }
    }
}
