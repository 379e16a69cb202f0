/// An ICE server as WebRTC's `RTCPeerConnection` takes it (an `RTCIceServer`): `{urls: [...]}`, so a client passes
/// `meeting.list`'s `iceServers` to it unchanged.
public struct IceServer: Sendable, Equatable, Codable {
    public let urls: [String]

    public init(urls: [String]) {
        self.urls = urls
    }

    /// The configured `stun:`/`turn:` addresses, one server each, in their order (the settings hold no credentials,
    /// so nothing says two addresses are the same server).
    public static func servers(_ addresses: [String]) -> [IceServer] {
        addresses.map { IceServer(urls: [$0]) }
    }
}
