import NIOCore
import SeminarCore
import Synchronization

/// What an HTTP connection may take before it has become a WebSocket: time for a request head, time between
/// requests, and a place among the connections of its address (see docs/operations.md).
struct HTTPLimits: Sendable {
    /// From accepting the connection, or from the first byte of a following request, to the request's whole head;
    /// also how long the rest of an answered request is read and dropped before the close.
    let requestHead: TimeAmount
    /// Between requests (keep-alive), and between two reads of a request's body.
    let keepAlive: TimeAmount
    /// Open connections not upgraded to a WebSocket, per peer address.
    let perAddress: AddressLimiter
    /// Connections from these come for many clients (a reverse proxy) and take no place.
    let trustedProxies: [AddressRange]

    init(settings: Settings) {
        requestHead = .seconds(Int64(settings.requestHeadSeconds))
        keepAlive = .seconds(Int64(settings.keepAliveSeconds))
        perAddress = AddressLimiter(limit: settings.httpConnectionsPerAddress)
        trustedProxies = settings.trustedProxies
    }

    /// A place for `channel` among its address's connections, given back when it closes or becomes a WebSocket
    /// (which the socket limit counts then); nil when the address already holds `httpConnectionsPerAddress`.
    func admit(_ channel: any Channel) -> AddressPlace? {
        let peer = channel.remoteAddress?.ipAddress ?? "unknown"
        if let address = IPAddress(peer), trustedProxies.contains(where: { $0.contains(address) }) {
            return AddressPlace(limiter: nil, address: peer)
        }
        guard perAddress.take(peer) else { return nil }
        let place = AddressPlace(limiter: perAddress, address: peer)
        channel.closeFuture.whenComplete { _ in place.giveBack() }
        return place
    }
}

/// One connection's place in an ``AddressLimiter``, given back once.
final class AddressPlace: Sendable {
    private let limiter: AddressLimiter?
    let address: String
    private let held = Atomic<Bool>(true)

    init(limiter: AddressLimiter?, address: String) {
        self.limiter = limiter
        self.address = address
    }

    func giveBack() {
        guard held.exchange(false, ordering: .relaxed) else { return }
        limiter?.give(address)
    }
}
