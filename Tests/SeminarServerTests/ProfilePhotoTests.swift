import Foundation
import SeminarCore
import SeminarServer
import Testing

@Suite("profile photos")
struct ProfilePhotoTests {
    /// A 1×1 PNG: too small for a smaller rendition, so it is kept as sent.
    static let dot = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")!

    @Test("set, shown to others, in a room's list and at the desk; refused when not an image or too large; removed")
    func setShowRefuseRemove() async throws {
        let server = try await TestServer.start()
        try await ProgramTests.load(server)
        let (socket, user, token) = try await server.signedInSocket("Amina")
        let auth = ["Authorization": "Bearer \(token)"]
        let url = server.http + "/api/profile/photo"

        // refused: nothing changes
        let text = try await HTTP.send("POST", url, body: Data("not a photo".utf8), headers: auth.merging(["Content-Type": "image/png"]) { $1 })
        #expect(text.status == 415 && text.errorCode == "invalid" && text.errorField == "photo")
        let pdf = try await HTTP.send("POST", url, body: Data("%PDF-1.4\n".utf8), headers: auth.merging(["Content-Type": "application/pdf"]) { $1 })
        #expect(pdf.status == 415)
        let big = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(count: ProfilePhoto.maxBytes)
        let large = try await HTTP.send("POST", url, body: big, headers: auth.merging(["Content-Type": "image/png"]) { $1 })
        #expect(large.status == 413 && large.errorCode == "too_large")
        #expect(try await HTTP.send("POST", url, body: Self.dot, headers: ["Content-Type": "image/png"]).status == 401)
        #expect(try await HTTP.send("POST", url, body: Self.dot,
                                    headers: auth.merging(["Content-Type": "image/png", "Origin": "https://evil.example"]) { $1 }).status == 403)
        #expect(try await socket.request("profile.get").data["profile"].flatMap { ($0 as? [String: any Sendable])?["photo"] } == nil)

        // set: the profile points at it, and the file is served
        let set = try await HTTP.send("POST", url, body: Self.dot, headers: auth.merging(["Content-Type": "image/png"]) { $1 })
        #expect(set.status == 200)
        let photo = try #require((set.json["profile"] as? [String: Any])?["photo"] as? Int)
        let file = try await HTTP.send("GET", server.http + "/files/\(photo)", headers: auth)
        #expect(file.status == 200 && file.body == Self.dot)

        // others see it: their page, a room's list of who is there, the desk
        let (other, _, _) = try await server.signedInSocket("Bruno")
        let seen = try await other.request("profile.get", ["userId": user.id.rawValue])
        #expect((seen.data["profile"] as? [String: any Sendable])?["photo"] as? Int64 == Int64(photo))
        #expect(try await socket.request("room.enter", ["roomId": 1]).ok)
        #expect(try await other.request("room.enter", ["roomId": 1]).ok)
        let people = try #require(try await other.request("room.people", ["roomId": 1]).data["people"] as? [any Sendable])
        let amina = people.compactMap { $0 as? [String: any Sendable] }.first { $0["id"] as? Int64 == user.id.rawValue }
        #expect(amina?["photo"] as? Int64 == Int64(photo))
        let asked = try await socket.request("desk.ask", ["text": "Where is the plenary?"])
        #expect(((asked.data["ticket"] as? [String: any Sendable])?["asker"] as? [String: any Sendable])?["photo"] as? Int64 == Int64(photo))

        // a profile edit keeps it; removing it
        #expect(try await socket.request("profile.update", ["city": "Dakar"]).ok)
        #expect((try await socket.request("profile.get").data["profile"] as? [String: any Sendable])?["photo"] as? Int64 == Int64(photo))
        let removed = try await HTTP.send("DELETE", url, headers: auth)
        #expect(removed.status == 200 && (removed.json["profile"] as? [String: Any])?["photo"] == nil)
        #expect((try await other.request("profile.get", ["userId": user.id.rawValue]).data["profile"] as? [String: any Sendable])?["photo"] == nil)
        await server.stop()
    }
}
