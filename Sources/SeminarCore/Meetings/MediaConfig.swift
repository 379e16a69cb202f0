/// Which ICE candidates a browser may use: `all` (direct paths first, the relay when they fail) or `relay` (always
/// through the TURN relay: hides the people's addresses from each other, and lets a test prove the relay works).
public enum IceTransportPolicy: String, Sendable, Equatable, Codable, CaseIterable {
    case all
    case relay
}

/// What a browser needs for a WebRTC call (`media.config`): the ICE servers as `RTCIceServer` objects and the
/// transport policy, both for `new RTCPeerConnection({iceServers, iceTransportPolicy})` as they are.
public struct MediaConfig: Sendable, Equatable, Encodable {
    public let iceServers: [IceServer]
    public let iceTransportPolicy: IceTransportPolicy

    public init(iceServers: [IceServer], iceTransportPolicy: IceTransportPolicy) {
        self.iceServers = iceServers
        self.iceTransportPolicy = iceTransportPolicy
    }

    /// The configured `iceServers` (STUN) as `{urls}` each, then, when a relay is configured, one server with every
    /// `turnURLs` address and `user`'s fresh credentials (`sign`: see ``TurnCredentials/issue(for:now:lifetimeHours:sign:)``).
    public static func make(settings: Settings, user: UserID, now: Timestamp, sign: (String) -> String) -> MediaConfig {
        var servers = IceServer.servers(settings.iceServers)
        if !settings.turnURLs.isEmpty {
            let relay = TurnCredentials.issue(for: user, now: now, lifetimeHours: settings.turnCredentialHours, sign: sign)
            servers.append(IceServer(urls: settings.turnURLs, username: relay.username, credential: relay.credential))
        }
        return MediaConfig(iceServers: servers, iceTransportPolicy: settings.iceTransportPolicy)
    }
}
