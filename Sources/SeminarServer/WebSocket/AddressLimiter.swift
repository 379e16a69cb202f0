import Synchronization

/// Open WebSockets per peer address, so that one address cannot take every socket of the server.
final class AddressLimiter: Sendable {
    private let open = Mutex<[String: Int]>([:])
    let limit: Int

    init(limit: Int) { self.limit = limit }

    /// Takes a place for `address`; false when it already holds `limit` sockets.
    func take(_ address: String) -> Bool {
        open.withLock { open in
            guard open[address, default: 0] < limit else { return false }
            open[address, default: 0] += 1
            return true
        }
    }

    /// Gives the place back when the socket has closed.
    func give(_ address: String) {
        open.withLock { open in
            let left = open[address, default: 1] - 1
            open[address] = left > 0 ? left : nil
        }
    }

    func count(_ address: String) -> Int { open.withLock { $0[address, default: 0] } }
}
