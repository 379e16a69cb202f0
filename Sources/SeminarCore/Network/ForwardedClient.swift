/// Who sent a request, and over what: `X-Forwarded-For` and `X-Forwarded-Proto` are believed only when the TCP peer
/// is one of the trusted proxies; from anyone else they are ignored (anyone can write them).
public struct ForwardedClient: Sendable, Equatable {
    /// The address the per-address limits count.
    public let address: String
    /// True when a trusted proxy says the client reached it over HTTPS.
    public let viaHTTPS: Bool

    public init(address: String, viaHTTPS: Bool) {
        self.address = address
        self.viaHTTPS = viaHTTPS
    }

    /// The rule. `peer` is the TCP peer's address; `forwardedFor` and `forwardedProto` are every value of those headers,
    /// in order (a header given twice counts as one list). Behind trusted proxies the client is the right-most address
    /// of `X-Forwarded-For` that is not itself a trusted proxy: each proxy appends the address it saw, so the entries to
    /// its left are whatever the client chose to write. When every entry is trusted the left-most one is the client;
    /// an entry that is not an address ends the walk at the last address before it.
    public static func resolve(peer: String, forwardedFor: [String], forwardedProto: [String],
                               trustedProxies: [AddressRange]) -> ForwardedClient {
        func trusted(_ address: IPAddress) -> Bool { trustedProxies.contains { $0.contains(address) } }
        guard !trustedProxies.isEmpty, let peerAddress = IPAddress(peer), trusted(peerAddress) else {
            return ForwardedClient(address: IPAddress(peer)?.description ?? peer, viaHTTPS: false)
        }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { String($0).trimmingWhitespace() }
        var client = peerAddress
        for hop in hops.reversed() {
            guard let address = IPAddress(withoutPort(hop)) else { break }
            client = address
            if !trusted(address) { break }
        }
        // The right-most value is the one the nearest (trusted) proxy wrote.
        let proto = forwardedProto.flatMap { $0.split(separator: ",") }.last.map { String($0).trimmingWhitespace().lowercased() }
        return ForwardedClient(address: client.description, viaHTTPS: proto == "https")
    }

    /// `192.0.2.1:4711` → `192.0.2.1`, `[2001:db8::1]:4711` → `2001:db8::1` (some proxies write the port).
    static func withoutPort(_ hop: String) -> Substring {
        if hop.hasPrefix("["), let close = hop.firstIndex(of: "]") {
            return hop[hop.index(after: hop.startIndex)..<close]
        }
        let colons = hop.filter { $0 == ":" }.count
        if colons == 1, let colon = hop.firstIndex(of: ":") { return hop[..<colon] }
        return hop[...]
    }
}
