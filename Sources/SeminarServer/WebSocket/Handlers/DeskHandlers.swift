import Foundation
import SeminarCore
import SeminarProtocol
import SeminarStore

/// The welcome desk: the guide, the FAQ, and help tickets from question to resolution.
struct DeskHandlers {
    let services: Services

    private var duty: DeskDuty { DeskDuty(services: services) }
    private var agents: Int { max(duty.agentsOnDuty, 1) }

    func guide(session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let now = services.clock()
        let read = try await services.database.guide(for: user.id, now: now)
        let hours = DeskHours(services.settings.deskHours) ?? DeskHours("08:00-20:00")!
        let desk = DeskStatus(open: hours.isOpen(atLocalMinute: Self.localMinute(now, timeZone: read.timeZone)),
                              opens: hours.opensText, closes: hours.closesText, timeZone: read.timeZone,
                              agentsOnline: duty.agentsOnDuty, waiting: read.waiting)
        let summary = { (session: ProgramSession) in SessionSummary(session, bookmarked: read.bookmarks.contains(session.id)) }
        return .reply(GuideReply(now: read.live.map(summary), next: read.next.map(summary),
                                 yours: GuideYours(session: read.yourSession.map(summary), meeting: read.yourMeeting.map(MeetingView.init)),
                                 channel: read.channel.map(ChannelView.init), desk: desk))
    }

    func faqList(_ info: RequestInfo) async throws -> Outcome {
        let query = try info.request.payload(FaqListRequest.self).q
        return .reply(FaqListReply(entries: try await services.database.faqList(query: query.map { String($0.prefix(200)) })))
    }

    func faqUpsert(_ info: RequestInfo) async throws -> Outcome {
        let p = try info.request.payload(FaqUpsertRequest.self)
        let question = try FaqEntry.validate(p.question, field: "question", limit: FaqEntry.questionLimit)
        let answer = try FaqEntry.validate(p.answer, field: "answer", limit: FaqEntry.answerLimit)
        if let position = p.position, !(0...10_000).contains(position) { throw DomainError.invalid("position", "position must be 0 to 10000") }
        return .reply(try await services.database.faqUpsert(id: p.id, question: question, answer: answer, position: p.position, now: services.clock()))
    }

    func faqDelete(_ info: RequestInfo) async throws -> Outcome {
        guard let id = try info.request.payload(FaqDeleteRequest.self).id else { throw DomainError.invalid("id", "id is required") }
        try await services.database.faqDelete(id: id)
        return .reply(EmptyPayload())
    }

    func ask(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let p = try info.request.payload(DeskAskRequest.self)
        let text = try Validate.text(p.text, field: "text", max: TextLimits.chat)
        let page = try Validate.text(p.page, field: "page", max: 200, required: false)
        if !page.isEmpty { try Self.checkRoute(page, field: "page") }
        let reply = try await services.database.askDesk(asker: user, text: text, page: page.isEmpty ? nil : page, roomId: p.roomId,
                                                       key: info.key, agents: agents, now: services.clock())
        await duty.publishPositions()
        return .reply(TicketReply(ticket: TicketView(reply)))
    }

    /// A desk reply by mail to a person with no page open (else they read it there).
    var mailIfAway: DeskReplyMail.Composer {
        let here = services.here
        let desk = MailComposers.deskReply(links: services.mailLinks)
        return { person, facts, seminar in here.isOnline(person.id) ? nil : desk(person, facts, seminar) }
    }

    func message(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let p = try info.request.payload(DeskMessageRequest.self)
        guard let ticket = p.ticketId else { throw DomainError.invalid("ticketId", "ticketId is required") }
        let text = try Validate.text(p.text, field: "text", max: TextLimits.chat)
        return .reply(CreatedReply(try await services.database.deskMessage(from: user, ticket: ticket, text: text, link: nil, key: info.key,
                                                                          now: services.clock(), mailAsker: mailIfAway)))
    }

    func ticket(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let id = try info.request.payload(TicketRequest.self).ticketId
        return .reply(TicketTranscript(try await services.database.ticketTranscript(for: user, ticket: id, agents: agents)))
    }

    func read(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let p = try info.request.payload(DeskReadRequest.self)
        guard let ticket = p.ticketId else { throw DomainError.invalid("ticketId", "ticketId is required") }
        return .reply(DeskReadMark(ticketId: ticket.rawValue, upTo: try await services.database.markDeskRead(ticket: ticket, upTo: p.upTo, by: user, now: services.clock()).rawValue))
    }

    func queue() async throws -> Outcome {
        .reply(DeskQueueView(try await services.database.deskQueue(agents: agents), agentsOnline: agents))
    }

    func move(_ info: RequestInfo, _ action: TicketAction, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        guard let id = try info.request.payload(TicketRequest.self).ticketId else { throw DomainError.invalid("ticketId", "ticketId is required") }
        let view = try await services.database.moveTicket(id, action, by: user, agents: agents, now: services.clock())
        session.logger.info("desk ticket", metadata: ["ticket": "\(id)", "action": "\(action.rawValue)"])
        await duty.publishPositions()
        return .reply(TicketReply(ticket: TicketView(view)))
    }

    /// "Take me there": a message with a link to a room or a page of the client.
    func guideTo(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let p = try info.request.payload(DeskGuideRequest.self)
        guard let ticket = p.ticketId else { throw DomainError.invalid("ticketId", "ticketId is required") }
        let link: DeskLink
        if let room = p.roomId {
            // The title in the language of the person who asked.
            let title = try await services.database.roomTitle(room, language: try await services.database.askerLocale(ticket: ticket))
            link = DeskLink(kind: "room", roomId: room, hash: "#/room/\(room)", title: title)
        } else if let hash = p.hash {
            try Self.checkRoute(hash, field: "hash")
            link = DeskLink(kind: "page", roomId: nil, hash: hash, title: hash)
        } else {
            throw DomainError.invalid("roomId", "roomId or hash is required")
        }
        let text = try Validate.text(p.text, field: "text", max: TextLimits.chat, required: false)
        return .reply(CreatedReply(try await services.database.deskMessage(from: user, ticket: ticket, text: text.isEmpty ? link.title : text,
                                                                          link: link, key: info.key, now: services.clock(), mailAsker: mailIfAway)))
    }

    func stats() async throws -> Outcome {
        let now = services.clock()
        let zone = try await services.database.seminarInfo()?.timeZone ?? "UTC"
        return .reply(DeskStatsReply(try await services.database.deskStats(dayStart: Self.dayStart(now, timeZone: zone))))
    }

    /// A route of the client (`#/room/3`, `#/hub?tag=x`): nothing else may become a link.
    static func checkRoute(_ route: String, field: String) throws(DomainError) {
        guard route.hasPrefix("#/"), route.count <= 200,
              route.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F && !"\"'<>\\`".unicodeScalars.contains($0) }) else {
            throw DomainError.invalid(field, "\(field) must be a page of the seminar such as #/hub")
        }
    }

    /// Local midnight of the day of `now` in `timeZone`.
    static func dayStart(_ now: Timestamp, timeZone: String) -> Timestamp {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? .gmt
        let midnight = calendar.startOfDay(for: Date(timeIntervalSince1970: Double(now.milliseconds) / 1000))
        return Timestamp(milliseconds: Int64(midnight.timeIntervalSince1970 * 1000))
    }

    /// Minutes after local midnight at `now` in `timeZone`.
    static func localMinute(_ now: Timestamp, timeZone: String) -> Int {
        let zone = TimeZone(identifier: timeZone) ?? .gmt
        let date = Date(timeIntervalSince1970: Double(now.milliseconds) / 1000)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
    }
}
