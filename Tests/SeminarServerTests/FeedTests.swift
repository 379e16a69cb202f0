import Foundation
import SeminarCore
import Testing

@Suite("the knowledge hub")
struct FeedTests {
    static let pdf = Data("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8)

    @Test("a post reaches the feed live; comments and reactions too; who may post is checked")
    func feed() async throws {
        let server = try await TestServer.start()
        let (org, _, _) = try await server.signedInSocket("Org", role: .organiser)
        let (ana, _, _) = try await server.signedInSocket("Ana")
        let subscribed = try await ana.request("subscribe", ["topic": "feed"])
        #expect(subscribed.ok)
        let report: [String: Any] = ["kind": "report", "title": "Compte-rendu du 12 juin", "body": "La **coopération** décentralisée.",
                                     "lang": "fr", "tags": ["Compte-rendu", "#commissions"]]
        let posted = try await org.request("feed.post", report, key: "post-1")
        #expect(posted.ok)
        let id = try #require(posted.data["id"] as? Int64)
        #expect(try await org.request("feed.post", report, key: "post-1").data["id"] as? Int64 == id)
        let created = try await event(ana, "post.created", topic: "feed")
        let summary = try #require(created.data["post"] as? [String: any Sendable])
        #expect(summary["title"] as? String == "Compte-rendu du 12 juin" && summary["excerpt"] as? String == "La coopération décentralisée.")
        #expect(summary["tags"] as? [String] == ["compte-rendu", "commissions"])

        // Participants post learning experiences only; bad fields are named.
        #expect(try await ana.request("feed.post", report.merging(["kind": "report"]) { $1 }).errorCode == "forbidden")
        #expect(try await ana.request("feed.post", report.merging(["kind": "learning"]) { $1 }).ok)
        #expect(try await ana.request("feed.post", report.merging(["kind": "gossip"]) { $1 }).error["field"] as? String == "kind")
        #expect(try await ana.request("feed.post", report.merging(["kind": "learning", "lang": "de"]) { $1 }).error["field"] as? String == "lang")
        #expect(try await ana.request("feed.post", report.merging(["kind": "learning", "body": ""]) { $1 }).error["field"] as? String == "body")
        #expect(try await ana.request("feed.post", report.merging(["kind": "learning", "attachmentIds": [999]]) { $1 }).errorCode == "not_found")

        #expect(try await ana.request("feed.comment", ["postId": id, "text": "Merci !"]).ok)
        let commented = try await event(ana, "post.commented")
        #expect(commented.data["comments"] as? Int64 == 1)
        let reacted = try await ana.request("feed.react", ["postId": id, "emoji": "💡"])
        #expect((reacted.data["reactions"] as? [String: any Sendable])?["💡"] as? Int64 == 1 && reacted.data["yourReactions"] as? [String] == ["💡"])
        #expect(try await ana.request("feed.react", ["postId": id, "emoji": "💩"]).errorCode == "invalid")
        let undone = try await ana.request("feed.react", ["postId": id, "emoji": "💡"])
        #expect((undone.data["reactions"] as? [String: any Sendable])?.isEmpty == true)

        let post = try await ana.request("feed.get", ["postId": id])
        let whole = try #require(post.data["post"] as? [String: any Sendable])
        let blocks = try #require(whole["blocks"] as? [[String: any Sendable]])
        #expect(blocks.first?["type"] as? String == "paragraph")
        #expect((whole["comments"] as? [any Sendable])?.count == 1)
        #expect(try await ana.request("feed.get", ["postId": 12_345]).errorCode == "not_found")
        let page = try await ana.request("feed.list", ["kind": "report"])
        #expect((page.data["posts"] as? [any Sendable])?.count == 1)
        #expect(try await ana.request("feed.list", ["kind": "nope"]).errorCode == "invalid")
        await server.stop()
    }

    @Test("authors edit and delete their own posts, live and in search; others are refused; organisers may delete")
    func editAndDelete() async throws {
        let server = try await TestServer.start()
        let (org, _, _) = try await server.signedInSocket("Org", role: .organiser)
        let (ana, _, _) = try await server.signedInSocket("Ana")
        let (ben, _, _) = try await server.signedInSocket("Ben")
        #expect(try await ben.request("subscribe", ["topic": "feed"]).ok)
        let learning: [String: Any] = ["kind": "learning", "title": "Our mobility pilot", "body": "Buses on demand.", "lang": "en", "tags": ["mobility"]]
        let id = try #require(try await ana.request("feed.post", learning).data["id"] as? Int64)

        // Someone else (an organiser included) may not edit it; a refused edit changes nothing.
        for other in [ben, org] {
            #expect(try await other.request("feed.edit", ["postId": id, "title": "Mine now", "body": "x"]).errorCode == "forbidden")
        }
        #expect(try await ana.request("feed.edit", ["postId": id, "title": "", "body": "x"]).error["field"] as? String == "title")
        #expect(try await ana.request("feed.edit", ["postId": 99_999, "title": "T", "body": "x"]).errorCode == "not_found")
        #expect(((try await org.request("feed.search", ["q": "buses"])).data["results"] as? [any Sendable])?.count == 1)

        let edited = try await ana.request("feed.edit", ["postId": id, "title": "Our tram pilot", "body": "Trams on demand.", "tags": ["Tram"]])
        let post = try #require(edited.data["post"] as? [String: any Sendable])
        #expect(post["title"] as? String == "Our tram pilot" && post["body"] as? String == "Trams on demand." && post["tags"] as? [String] == ["tram"])
        var told = try await event(ben, "post.updated", topic: "feed")
        while ((told.data["post"] as? [String: any Sendable])?["id"] as? Int64) != id { told = try await event(ben, "post.updated", topic: "feed") }
        #expect((told.data["post"] as? [String: any Sendable])?["excerpt"] as? String == "Trams on demand.")
        #expect(((try await org.request("feed.search", ["q": "buses"])).data["results"] as? [any Sendable])?.isEmpty == true)
        #expect(((try await org.request("feed.search", ["q": "trams"])).data["results"] as? [any Sendable])?.count == 1)
        #expect(((try await org.request("feed.list", ["tag": "tram"])).data["posts"] as? [any Sendable])?.count == 1)
        #expect(((try await org.request("feed.list", ["tag": "mobility"])).data["posts"] as? [any Sendable])?.isEmpty == true)

        // Deleting: not by another participant; by the author, with its comments; live; gone from search.
        #expect(try await ben.request("feed.comment", ["postId": id, "text": "Nice"]).ok)
        #expect(try await ben.request("feed.delete", ["postId": id]).errorCode == "forbidden")
        #expect(try await ana.request("feed.delete", ["postId": id]).ok)
        let deleted = try await event(ben, "post.deleted", topic: "feed")
        #expect(deleted.data["postId"] as? Int64 == id)
        #expect(try await ben.request("feed.get", ["postId": id]).errorCode == "not_found")
        #expect(((try await org.request("feed.search", ["q": "trams"])).data["results"] as? [any Sendable])?.isEmpty == true)
        #expect(try await ana.request("feed.delete", ["postId": id]).errorCode == "not_found")

        // An organiser may delete anyone's post (moderation).
        let other = try #require(try await ben.request("feed.post", learning).data["id"] as? Int64)
        #expect(try await org.request("feed.delete", ["postId": other]).ok)
        await server.stop()
    }

    @Test("search: accent-insensitive, ranked, with marked snippets; hostile syntax is words, never an error")
    func search() async throws {
        let server = try await TestServer.start()
        let (org, _, _) = try await server.signedInSocket("Org", role: .organiser)
        for (title, body) in [("La coopération décentralisée", "Un panorama."), ("Compte-rendu", "Il fut question de coopération.")] {
            #expect(try await org.request("feed.post", ["kind": "report", "title": title, "body": body, "lang": "fr"]).ok)
        }
        let found = try await org.request("feed.search", ["q": "cooperation"])
        let results = try #require(found.data["results"] as? [[String: any Sendable]])
        #expect(results.compactMap { ($0["post"] as? [String: any Sendable])?["title"] as? String } == ["La coopération décentralisée", "Compte-rendu"])
        let snippet = try #require(results.last?["snippet"] as? [[String: any Sendable]])
        #expect(snippet.contains { ($0["hit"] as? Bool) == true && $0["text"] as? String == "coopération" })
        for hostile in ["NEAR(coop", "\"cooperation", "coop*", "a OR NOT", "title:x", "'); DROP TABLE posts; --", "\u{0}", "()"] {
            #expect(try await org.request("feed.search", ["q": hostile]).ok, "\(hostile)")
        }
        #expect(try await org.request("feed.search", ["q": ""]).errorCode == "invalid")
        await server.stop()
    }

    @Test("uploads: accepted and downloaded byte for byte; too large 413; wrong type 415; strangers and other origins refused")
    func uploads() async throws {
        let server = try await TestServer.start { $0.uploadLimitMiB = 1 }
        let (_, token) = try await server.makeUser("Org", role: .organiser)
        let auth = ["Authorization": "Bearer \(token)"]
        let upload = try await HTTP.send("POST", server.http + "/api/files", body: Self.pdf,
                                         headers: auth.merging(["Content-Type": "application/pdf", "X-Filename": "note%20conceptuelle.pdf"]) { $1 })
        #expect(upload.status == 201)
        let id = try #require(upload.json["id"] as? Int)
        #expect(upload.json["name"] as? String == "note conceptuelle.pdf" && upload.json["url"] as? String == "/files/\(id)")
        let download = try await HTTP.send("GET", server.http + "/files/\(id)", headers: auth)
        #expect(download.status == 200 && download.body == Self.pdf)
        #expect(download.header("Content-Type") == "application/pdf" && download.header("X-Content-Type-Options") == "nosniff")
        #expect(download.header("Content-Disposition")?.contains("note conceptuelle.pdf") == true)
        #expect(try await HTTP.send("GET", server.http + "/files/\(id)").status == 401)
        for path in ["/files/999", "/files/..%2F..%2Fseminar.sqlite", "/files/-1", "/files/abc"] {
            let status = try await HTTP.send("GET", server.http + path, headers: auth).status
            #expect(status == 404 || status == 400, "\(path)")
        }

        let big = Data("%PDF-1.4\n".utf8) + Data(count: (1 << 20) + 10)
        #expect(try await HTTP.send("POST", server.http + "/api/files", body: big,
                                    headers: auth.merging(["Content-Type": "application/pdf", "X-Filename": "big.pdf"]) { $1 }).status == 413)
        #expect(try await HTTP.send("POST", server.http + "/api/files", body: Self.pdf,
                                    headers: auth.merging(["Content-Type": "image/png", "X-Filename": "fake.png"]) { $1 }).status == 415)
        #expect(try await HTTP.send("POST", server.http + "/api/files", body: Data("<script>".utf8),
                                    headers: auth.merging(["Content-Type": "text/html", "X-Filename": "x.html"]) { $1 }).status == 415)
        #expect(try await HTTP.send("POST", server.http + "/api/files", body: Self.pdf,
                                    headers: auth.merging(["Content-Type": "application/pdf"]) { $1 }).status == 400)
        #expect(try await HTTP.send("POST", server.http + "/api/files", body: Self.pdf,
                                    headers: ["Content-Type": "application/pdf", "X-Filename": "a.pdf"]).status == 401)
        #expect(try await HTTP.send("POST", server.http + "/api/files", body: Self.pdf,
                                    headers: auth.merging(["Content-Type": "application/pdf", "X-Filename": "a.pdf", "Origin": "https://evil.example"]) { $1 }).status == 403)

        // An image too small for a smaller rendition: `smallUrl` still answers, with the original.
        let dot = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")!
        let image = try await HTTP.send("POST", server.http + "/api/files", body: dot,
                                        headers: auth.merging(["Content-Type": "image/png", "X-Filename": "dot.png"]) { $1 })
        #expect(image.status == 201)
        let small = try #require(image.json["smallUrl"] as? String)
        #expect(small.hasSuffix("?w=800") && upload.json["smallUrl"] == nil)
        let served = try await HTTP.send("GET", server.http + small, headers: auth)
        #expect(served.status == 200 && served.body == dot && served.header("Content-Type") == "image/png")

        // The upload attaches to a post; another person's upload does not.
        let (socket, _, _) = try await server.signedInSocket("Hoa", role: .host)
        #expect(try await socket.request("feed.post", ["kind": "report", "title": "T", "body": "B", "lang": "en", "attachmentIds": [id]]).errorCode == "forbidden")
        await server.stop()
    }
}
