@testable import SeminarServer
import SeminarCore
import Testing

@Suite("signed one-click unsubscribe links")
struct MailLinksTests {
    let links = MailLinks(baseURL: "https://s.example.org", key: Array(repeating: 7, count: 32))

    @Test("a link names its person and topic under the base address, and verifies; List-Unsubscribe and its One-Click post")
    func roundTrip() throws {
        let url = links.unsubscribe(UserID(42), .meetings)
        #expect(url.hasPrefix("https://s.example.org/api/mail/unsubscribe/42.meetings."))
        let token = String(url.dropFirst("https://s.example.org/api/mail/unsubscribe/".count))
        let (user, topic) = try #require(links.verify(token))
        #expect(user == UserID(42) && topic == .meetings)
        #expect(links.headers(UserID(42), .meetings) == [MailHeader(name: "List-Unsubscribe", value: "<\(url)>"),
                                                         MailHeader(name: "List-Unsubscribe-Post", value: "List-Unsubscribe=One-Click")])
    }

    @Test("another person, another topic, another key, a cut or changed signature: refused")
    func forged() {
        let token = String(links.unsubscribe(UserID(42), .meetings).split(separator: "/").last ?? "")
        let mac = token.split(separator: ".")[2]
        #expect(links.verify("43.meetings.\(mac)") == nil)
        #expect(links.verify("42.digest.\(mac)") == nil)
        #expect(links.verify("42.meetings.\(mac.dropLast())") == nil)
        #expect(links.verify("42.meetings.\(mac.dropLast())A") == nil || mac.last == "A")
        #expect(links.verify("42.meetings") == nil && links.verify("") == nil && links.verify("x.meetings.\(mac)") == nil)
        let other = MailLinks(baseURL: "https://s.example.org", key: Array(repeating: 8, count: 32))
        #expect(other.verify(token) == nil)
    }
}
