import SeminarCore
import SeminarProtocol
import SeminarStore

/// A person's own mail preferences: `mail.prefs.get`, `mail.prefs.set {topic, on}`.
struct MailHandlers {
    let services: Services

    func get(session: SocketSession) async throws -> Outcome {
        .reply(Self.view(try await services.database.mailPreferences(of: try session.requireUser().id)))
    }

    func set(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let p = try info.request.payload(MailPrefsSetRequest.self)
        let topic = try MailPreferences.topic(p.topic)
        guard let on = p.on else { throw DomainError.invalid("on", "on is true or false") }
        guard let preferences = try await services.database.setMailTopic(topic, on: on, for: user.id) else {
            throw DomainError(.unauthenticated, "Your account no longer exists")
        }
        return .reply(Self.view(preferences))
    }

    static func view(_ preferences: MailPreferences) -> MailPrefsReply {
        MailPrefsReply(topics: MailTopic.allCases.map { .init(topic: $0.rawValue, on: preferences.isOn($0)) })
    }
}
