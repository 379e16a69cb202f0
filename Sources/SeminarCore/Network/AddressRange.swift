/// A block of addresses in CIDR notation (`10.0.0.0/8`, `2001:db8::/32`), or one address (`192.0.2.7`, `::1`).
public struct AddressRange: Sendable, Hashable, CustomStringConvertible {
    public let network: IPAddress
    /// Leading bits that must match, counted in the 128 bits of ``IPAddress/bytes`` (an IPv4 `/8` is 104).
    public let prefixBits: Int

    /// Parses `a.b.c.d`, `a.b.c.d/n` (n 0–32), an IPv6 address and `v6/n` (n 0–128); nil for anything else.
    /// Bits after the prefix are ignored (`10.1.2.3/8` is `10.0.0.0/8`).
    public init?(_ text: some StringProtocol) {
        let parts = String(text).trimmingWhitespace().split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(parts[0]) else { return nil }
        let width = address.isIPv4 ? 32 : 128
        var bits = width
        if parts.count == 2 {
            guard (1...3).contains(parts[1].count), parts[1].allSatisfy(\.isASCIIDigit),
                  let value = Int(parts[1]), value <= width else { return nil }
            bits = value
        }
        let prefix = bits + (128 - width)
        prefixBits = prefix
        network = IPAddress(bytes: address.bytes.enumerated().map { index, byte in
            let left = prefix - 8 * index
            return left >= 8 ? byte : left <= 0 ? 0 : byte & ~(0xff >> UInt8(left))
        })
    }

    /// True when `address` is in this block.
    public func contains(_ address: IPAddress) -> Bool {
        var left = prefixBits
        for index in 0..<16 where left > 0 {
            let mask: UInt8 = left >= 8 ? 0xff : ~(0xff >> UInt8(left))
            if address.bytes[index] & mask != network.bytes[index] & mask { return false }
            left -= 8
        }
        return true
    }

    public var description: String {
        let width = network.isIPv4 ? 32 : 128
        let bits = prefixBits - (128 - width)
        return bits == width ? network.description : "\(network)/\(bits)"
    }
}
