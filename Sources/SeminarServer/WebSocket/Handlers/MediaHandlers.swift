import SeminarCore

/// `media.config`: the ICE servers and policy for a WebRTC call, with relay credentials made for this person now.
struct MediaHandlers {
    let services: Services

    func config(session: SocketSession) throws -> Outcome {
        .reply(Self.config(for: try session.requireUser().id, services: services))
    }

    /// Also in `meeting.list`'s `iceServers`, so a page that reads those gets the same relay.
    static func config(for user: UserID, services: Services) -> MediaConfig {
        let secret = services.settings.turnSecret
        return MediaConfig.make(settings: services.settings, user: user, now: services.clock()) { username in
            TurnPassword.make(username: username, secret: secret?.reveal ?? "")
        }
    }
}
