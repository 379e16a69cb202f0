import HTTPTypes
import SeminarCore

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
    static let xForwardedProto = HTTPField.Name("X-Forwarded-Proto")!
}

extension Services {
    /// The client of a request from `peer` (the TCP peer's address): the forwarding headers count only from a trusted
    /// proxy (``ForwardedClient``).
    func client(of fields: HTTPFields, peer: String) -> ForwardedClient {
        ForwardedClient.resolve(peer: peer, forwardedFor: fields[values: .xForwardedFor], forwardedProto: fields[values: .xForwardedProto],
                                trustedProxies: settings.trustedProxies)
    }

    /// Whether the session cookie must be `Secure`: the seminar's public address is `https://`, or a trusted proxy
    /// says this request came over HTTPS.
    func cookieIsSecure(_ fields: HTTPFields, peer: String) -> Bool {
        settings.publicURLIsHTTPS || client(of: fields, peer: peer).viaHTTPS
    }
}
