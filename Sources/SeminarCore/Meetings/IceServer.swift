/// An ICE server as WebRTC's `RTCPeerConnection` takes it (an `RTCIceServer`): `{urls: [...]}`, and for a TURN relay
/// `{urls, username, credential}`, so a client passes `media.config`'s (or `meeting.list`'s) `iceServers` to it
/// unchanged. Absent fields are left out of the JSON.
public struct IceServer: Sendable, Equatable, Codable {
    public let urls: [String]
    public let username: String?
    public let credential: String?

    public init(urls: [String], username: String? = nil, credential: String? = nil) {
        self.urls = urls
        self.username = username
        self.credential = credential
    }

    /// The configured `stun:`/`turn:` addresses, one server each, in their order (the settings hold no credentials,
    /// so nothing says two addresses are the same server).
    public static func servers(_ addresses: [String]) -> [IceServer] {
        addresses.map { IceServer(urls: [$0]) }
    }
}
