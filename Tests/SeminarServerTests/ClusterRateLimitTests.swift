import Foundation
import SeminarCore
import SeminarServer
import SeminarTestPostgres
import Testing

/// The limits counted per person and per sign-in are the cluster's, not one node's: tabs on two nodes, or sign-ins
/// spread over the nodes, draw on one allowance.
@Suite("rate limits across cluster nodes")
struct ClusterRateLimitTests {
    @Test("one person signed in on both nodes: their sends together are refused past one burst, with rate_limited and retryAfterMs")
    func writesAcrossNodes() async throws {
        // A burst of 4 refilled one every 20 s: nothing refills while the test runs. Each socket's own bucket holds 4
        // too, and each socket sends 4: only the person's bucket can refuse.
        let (a, b, end) = try await ClusterNodesTests.twoNodes(demo: false) {
            $0.messageRate = 0.05
            $0.messageBurst = 4
        }
        let (_, token) = try await a.makeUser("Olga", role: .organiser)
        var tabs: [TestSocket] = []
        for node in [a, b] {
            let tab = try await TestSocket.connect(node.ws)
            #expect(try await tab.request("hello", ["token": token]).ok)
            tabs.append(tab)
        }
        var codes: [String] = []
        for n in 0..<8 {
            let reply = try await tabs[n % 2].request("announce", ["text": "news \(n)"])
            codes.append(reply.ok ? "ok" : reply.errorCode ?? "?")
            if !reply.ok { #expect((reply.error["retryAfterMs"] as? Int64 ?? 0) > 0, "\(reply.raw)") }
        }
        #expect(codes == Array(repeating: "ok", count: 4) + Array(repeating: "rate_limited", count: 4), "\(codes)")
        await end()
    }

    @Test("sign-ins to one account spread over both nodes are refused past one allowance")
    func signInsAcrossNodes() async throws {
        let (a, b, end) = try await ClusterNodesTests.twoNodes(demo: false) { $0.loginPerMinute = 4 }
        var statuses: [Int] = []
        for n in 0..<6 {
            let node = n % 2 == 0 ? a : b
            statuses.append(try await HTTP.send("POST", node.http + "/api/login", json: ["email": "x@y.org", "password": "wrong password"]).status)
        }
        #expect(statuses == [401, 401, 401, 401, 429, 429], "\(statuses)")
        await end()
    }
}
