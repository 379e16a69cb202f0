import SeminarCore
import Testing

@Suite("addresses, CIDR blocks and the client behind a proxy")
struct ForwardedClientTests {
    @Test("addresses parse in their usual spellings and print canonically", arguments: [
        ("192.0.2.1", "192.0.2.1"), ("::1", "::1"), ("2001:DB8:0:0:0:0:0:1", "2001:db8::1"), ("[2001:db8::1]", "2001:db8::1"),
        ("::ffff:192.0.2.1", "192.0.2.1"), ("fe80::1%eth0", "fe80::1"), ("2001:db8:0:1:0:0:0:0", "2001:db8:0:1::"),
        ("1:0:0:2:0:0:0:3", "1:0:0:2::3"), ("0:0:0:0:0:0:0:0", "::"), ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
    ])
    func addresses(text: String, canonical: String) throws {
        #expect(try #require(IPAddress(text)).description == canonical)
    }

    @Test("what is not an address is refused", arguments: [
        "", "localhost", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.-4", "1.2.3.4:80", ":::", "1::2::3",
        "1:2:3:4:5:6:7:8:9", "12345::1", "g::1", "1.2.3.4/8", " 1.2.3.4",
    ])
    func notAddresses(text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test("CIDR blocks: IPv4, IPv6, single addresses; both spellings of an IPv4 address match")
    func ranges() throws {
        let private10 = try #require(AddressRange("10.0.0.0/8"))
        #expect(private10.contains(IPAddress("10.255.1.2")!) && !private10.contains(IPAddress("11.0.0.1")!))
        #expect(private10.contains(IPAddress("::ffff:10.1.1.1")!))
        #expect(!private10.contains(IPAddress("::1")!))
        let odd = try #require(AddressRange("192.168.1.128/25"))
        #expect(odd.contains(IPAddress("192.168.1.200")!) && !odd.contains(IPAddress("192.168.1.127")!))
        let v6 = try #require(AddressRange("2001:db8::/32"))
        #expect(v6.contains(IPAddress("2001:db8:ffff::1")!) && !v6.contains(IPAddress("2001:db9::1")!))
        let one = try #require(AddressRange("127.0.0.1"))
        #expect(one.contains(IPAddress("127.0.0.1")!) && !one.contains(IPAddress("127.0.0.2")!))
        #expect(AddressRange("0.0.0.0/0")!.contains(IPAddress("203.0.113.9")!))
        #expect(AddressRange("10.1.2.3/8")!.contains(IPAddress("10.9.9.9")!) && AddressRange("10.1.2.3/8")!.description == "10.0.0.0/8")
        for bad in ["10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8/8", "example.org/8", "10.0.0.0/0x8"] {
            #expect(AddressRange(bad) == nil, "\(bad)")
        }
    }

    static let proxies = [AddressRange("10.0.0.0/8")!, AddressRange("127.0.0.1")!]

    func resolve(_ peer: String, _ forwardedFor: [String] = [], _ proto: [String] = [], trusted: [AddressRange] = proxies) -> ForwardedClient {
        ForwardedClient.resolve(peer: peer, forwardedFor: forwardedFor, forwardedProto: proto, trustedProxies: trusted)
    }

    @Test("from a peer that is not a trusted proxy the headers are ignored")
    func untrustedPeer() {
        #expect(resolve("203.0.113.5", ["198.51.100.1"], ["https"]) == ForwardedClient(address: "203.0.113.5", viaHTTPS: false))
        // With no trusted proxies at all, nobody is believed.
        #expect(resolve("127.0.0.1", ["198.51.100.1"], ["https"], trusted: []) == ForwardedClient(address: "127.0.0.1", viaHTTPS: false))
    }

    @Test("from a trusted proxy the client is the right-most untrusted address")
    func trustedPeer() {
        #expect(resolve("127.0.0.1", ["198.51.100.1"], ["https"]) == ForwardedClient(address: "198.51.100.1", viaHTTPS: true))
        // What the client wrote itself sits to the left of what the proxy appended: it is never believed.
        #expect(resolve("127.0.0.1", ["6.6.6.6, 198.51.100.1"]).address == "198.51.100.1")
        // Through two trusted proxies (10.x appended the client, 127.0.0.1 appended 10.x).
        #expect(resolve("127.0.0.1", ["6.6.6.6, 198.51.100.1, 10.0.0.2"]).address == "198.51.100.1")
        // The header given twice counts as one list.
        #expect(resolve("127.0.0.1", ["6.6.6.6", "198.51.100.1, 10.0.0.2"]).address == "198.51.100.1")
        // Every hop trusted: the left-most is the client.
        #expect(resolve("127.0.0.1", ["10.0.0.3, 10.0.0.2"]).address == "10.0.0.3")
        // No header: the proxy itself.
        #expect(resolve("127.0.0.1").address == "127.0.0.1")
        // Garbage ends the walk at the last address before it.
        #expect(resolve("127.0.0.1", ["198.51.100.1, unknown, 10.0.0.2"]).address == "10.0.0.2")
        // Ports and brackets some proxies write; spellings made canonical.
        #expect(resolve("127.0.0.1", ["198.51.100.1:4711"]).address == "198.51.100.1")
        #expect(resolve("127.0.0.1", ["[2001:DB8::1]:4711"]).address == "2001:db8::1")
        #expect(resolve("::ffff:127.0.0.1", ["198.51.100.1"]).address == "198.51.100.1")
    }

    @Test("X-Forwarded-Proto: the right-most value (the nearest proxy's), only from a trusted proxy")
    func forwardedProto() {
        #expect(resolve("127.0.0.1", [], ["HTTPS"]).viaHTTPS)
        #expect(!resolve("127.0.0.1", [], ["http"]).viaHTTPS)
        #expect(!resolve("127.0.0.1", [], ["https, http"]).viaHTTPS)
        #expect(resolve("127.0.0.1", [], ["http", "https"]).viaHTTPS)
        #expect(!resolve("192.0.2.1", [], ["https"]).viaHTTPS)
    }
}
