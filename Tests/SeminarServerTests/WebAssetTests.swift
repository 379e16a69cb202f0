import Foundation
import Testing

@Suite("web client files")
struct WebAssetTests {
    @Test("index.html is revalidated and points at versioned files, which are immutable, gzipped and 304 on a match")
    func caching() async throws {
        let server = try await TestServer.start()
        let index = try await HTTP.send("GET", server.http + "/")
        #expect(index.status == 200 && index.header("Cache-Control") == "no-cache")
        let html = String(decoding: index.body, as: UTF8.self)
        let script = try #require(html.firstMatch(of: #/src="(/v/[0-9a-f]{12}/js/app\.js)"/#)?.output.1)
        let file = try await HTTP.send("GET", server.http + script, headers: ["Accept-Encoding": "identity"])
        #expect(file.status == 200)
        #expect(file.header("Cache-Control") == "public, max-age=31536000, immutable")
        #expect(file.header("Content-Type") == "text/javascript; charset=utf-8")
        let onDisk = try Data(contentsOf: URL(fileURLWithPath: "Web/js/app.js"))
        #expect(file.body == onDisk)
        let etag = try #require(file.header("ETag"))
        let again = try await HTTP.send("GET", server.http + script, headers: ["If-None-Match": etag, "Accept-Encoding": "identity"])
        #expect(again.status == 304 && again.body.isEmpty)
        let zipped = try await HTTP.send("GET", server.http + script, headers: ["Accept-Encoding": "gzip"])
        #expect(zipped.header("ETag")?.hasSuffix("-gz\"") == true)
        #expect(zipped.header("Vary") == "Accept-Encoding")
        // An unversioned or old-version path still gets the file, revalidated rather than cached for a year.
        let old = try await HTTP.send("GET", server.http + "/v/000000000000/js/app.js")
        #expect(old.status == 200 && old.header("Cache-Control") == "no-cache")
        await server.stop()
    }
}
