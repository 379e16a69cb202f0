import NIOCore
import SeminarCore
import SeminarProtocol
import SeminarStore

/// Profiles, the interests list, people search, blocks and matchmaking suggestions.
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
        return .reply(PersonView(try await services.database.person(id, viewer: user.id, online: services.here.isOnline(UserID(id)))))
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
        let here = services.here
        let filter = PeopleFilter(text: p.q, region: p.region, interest: p.interest, language: p.language,
                                  among: p.onlineOnly == true ? here.onlineUsers() : nil, limit: min(max(p.limit ?? 50, 1), 100))
        let people = try await services.database.searchPeople(viewer: user.id, filter: filter) { here.isOnline($0) }
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
            let person = try await services.database.person(match.user.rawValue, viewer: user.id, online: services.here.isOnline(match.user))
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
}
