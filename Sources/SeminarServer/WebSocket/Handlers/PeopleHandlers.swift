import NIOCore
import SeminarCore
import SeminarProtocol
import SeminarStore

/// Profiles, the interests list, people search, blocks, matchmaking suggestions and lounge presence.
struct PeopleHandlers {
    let services: Services

    func profileUpdate(_ info: RequestInfo, session: inout SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let p = try info.request.payload(ProfileUpdateRequest.self)
        let edit = ProfileEdit(displayName: p.displayName, organisation: p.organisation, title: p.title, city: p.city, country: p.country,
                               region: p.region, bio: p.bio, interests: p.interests, offers: p.offers, seeks: p.seeks,
                               languages: p.languages, acceptsMeetings: p.acceptsMeetings)
        let person = try await services.database.updateProfile(user: user.id, edit: edit)
        if let updated = try await services.database.user(id: user.id) { session.update(updated) }
        return .reply(PersonView(person))
    }

    func profileGet(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let id = try info.request.payload(UserRequest.self).userId ?? user.id.rawValue
        return .reply(PersonView(try await services.database.person(id, viewer: user.id, online: services.hub.isOnline(UserID(id)))))
    }

    func interests() async throws -> Outcome {
        .reply(InterestsReply(interests: try await services.database.interests().map(InterestView.init)))
    }

    func setInterests(_ info: RequestInfo) async throws -> Outcome {
        guard let list = try info.request.payload(InterestsSetRequest.self).interests else {
            throw DomainError.invalid("interests", "interests is required")
        }
        var keys = Set<String>()
        for (index, interest) in list.enumerated() {
            guard !interest.key.isEmpty, interest.key.count <= 60, keys.insert(interest.key).inserted else {
                throw DomainError.invalid("interests[\(index)].key", "keys are 1 to 60 characters and distinct")
            }
            if interest.name.isEmpty { throw DomainError.invalid("interests[\(index)].name", "an interest needs a name") }
        }
        try await services.database.setInterests(list.map(Interest.init))
        return .reply(InterestsReply(interests: list))
    }

    func search(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let p = try info.request.payload(PeopleSearchRequest.self)
        let hub = services.hub
        let filter = PeopleFilter(text: p.q, region: p.region, interest: p.interest, language: p.language,
                                  among: p.onlineOnly == true ? hub.onlineUsers() : nil, limit: min(max(p.limit ?? 50, 1), 100))
        let people = try await services.database.searchPeople(viewer: user.id, filter: filter) { hub.isOnline($0) }
        return .reply(PeopleReply(people: people.map(PersonView.init)))
    }

    func block(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let p = try info.request.payload(BlockRequest.self)
        guard let target = p.userId else { throw DomainError.invalid("userId", "userId is required") }
        try await services.database.setBlock(blocker: user.id, blocked: UserID(target), on: p.blocked ?? true)
        return .reply(EmptyPayload())
    }

    func suggestions(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let limit = min(max(try info.request.payload(SuggestionsRequest.self).limit ?? 10, 1), 50)
        let (me, candidates, excluded) = try await services.database.matchCandidates(for: user.id)
        let names = Dictionary(uniqueKeysWithValues: try await services.database.interests().map { ($0.key, $0.name) })
        let language = user.locale
        var result: [SuggestionView] = []
        for match in Matchmaking.suggestions(for: user.id, profile: me, candidates: candidates, excluded: excluded, limit: limit) {
            let person = try await services.database.person(match.user.rawValue, viewer: user.id, online: services.hub.isOnline(match.user))
            let reasons = match.reasons.map { reason in
                Matchmaking.text(reason, in: language) { subject in
                    switch reason.kind {
                    case .sharedLanguage: Matchmaking.languageName(subject, in: language)
                    case .otherRegion: Region(rawValue: subject)?.name(in: language) ?? subject
                    default: names[subject]?.resolved(language)?.text ?? subject
                    }
                }
            }
            result.append(SuggestionView(person: PersonView(person), score: match.score, reasons: reasons))
        }
        return .reply(SuggestionsReply(suggestions: result))
    }

    // MARK: lounge

    /// Enters the lounge: the people there now, then their comings and goings. Others are told only when the person was
    /// not there yet (on another tab); entering again answers the snapshot and changes nothing.
    func loungeEnter(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let hub = services.hub
        let topic = Topic.lounge.description
        let wasPresent = hub.isFollowing(topic, user: user.id)
        let already = session.connection.isSubscribed(topic)
        // Hold live events first, then read: nobody who comes in between is missed.
        if !already { hub.beginSubscription(session.connection, topic: topic) }
        let reply: String, me: PersonView, hidden: Set<UserID>
        do {
            let present = Set(hub.subscribers(topic).compactMap(\.user)).subtracting([user.id])
            let people = try await services.database.searchPeople(viewer: user.id, filter: PeopleFilter(among: present, limit: 500)) { hub.isOnline($0) }
            reply = try Outgoing.reply(to: info.id, SubscribeReply(topic: topic, seq: 0, snapshot: PeopleReply(people: people.map(PersonView.init))))
            me = PersonView(try await services.database.person(user.id.rawValue, viewer: user.id, online: true))
            hidden = try await services.database.blockedAround(user.id).union([user.id])
        } catch {
            if !already { hub.unsubscribe(session.connection, topic: topic) }
            throw error
        }
        if already {
            session.connection.send(reply)
            return .sent
        }
        hub.finishSubscription(session.connection, topic: topic, reply: ByteBuffer(string: reply), replay: [], startAfter: 0)
        if Presence.change(wasPresent: wasPresent, isPresent: true) == .joined {
            try announcePresence(type: "lounge.joined", data: ["person": me], hidden: hidden)
        }
        return .sent
    }

    /// Leaves the lounge; others are told when the person's last tab there has left. Not being in it changes nothing.
    func loungeLeave(session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let hub = services.hub
        let topic = Topic.lounge.description
        guard session.connection.isSubscribed(topic) else { return .reply(EmptyPayload()) }
        let hidden = try await services.database.blockedAround(user.id).union([user.id])
        hub.unsubscribe(session.connection, topic: topic)
        if Presence.change(wasPresent: true, isPresent: hub.isFollowing(topic, user: user.id)) == .left {
            try announcePresence(type: "lounge.left", data: ["userId": user.id.rawValue], hidden: hidden)
        }
        return .reply(EmptyPayload())
    }

    /// Presence goes to everyone in the lounge but the people blocked either way.
    private func announcePresence(type: String, data: some Encodable, hidden: Set<UserID>) throws {
        let frame = Outgoing.event(topic: "lounge", seq: nil, type: type, at: services.clock(), dataJSON: try Outgoing.json(data))
        services.hub.publish(topic: "lounge", frame: ByteBuffer(string: frame), skipping: hidden)
    }
}

/// Direct messages.
struct DirectMessageHandlers {
    let services: Services

    func send(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let p = try info.request.payload(DMSendRequest.self)
        guard let to = p.to else { throw DomainError.invalid("to", "to is required") }
        let text = try Validate.text(p.text, field: "text", max: TextLimits.chat)
        return .reply(CreatedReply(try await services.database.sendDM(from: user, to: to, text: text, key: info.key, now: services.clock())))
    }

    func history(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let p = try info.request.payload(DMHistoryRequest.self)
        guard let other = p.with else { throw DomainError.invalid("with", "with is required") }
        return .reply(DMHistoryReply(try await services.database.dmHistory(user: user.id, with: other, before: p.before)))
    }

    func read(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        guard let other = try info.request.payload(DMReadRequest.self).with else { throw DomainError.invalid("with", "with is required") }
        try await services.database.markDMsRead(user: user.id, from: other, now: services.clock())
        return .reply(UnreadReply(counts: try await services.database.unreadDMs(user: user.id)))
    }

    func conversations(session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        return .reply(ConversationsReply(conversations: try await services.database.conversations(user: user.id).map(ConversationView.init)))
    }

    func unread(session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        return .reply(UnreadReply(counts: try await services.database.unreadDMs(user: user.id)))
    }
}
