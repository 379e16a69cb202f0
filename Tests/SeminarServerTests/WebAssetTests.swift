import Foundation
import SeminarCore
import SeminarClientBuilder
import Testing

@Suite("web client files")
struct WebAssetTests {
    @Test("index.html is revalidated and points at versioned files, which are immutable, gzipped and 304 on a match")
    func caching() async throws {
        let server = try await TestServer.start()
        let index = try await HTTP.send("GET", server.http + "/")
        #expect(index.status == 200 && index.header("Cache-Control") == "no-cache")
        let html = String(decoding: index.body, as: UTF8.self)
        // The first page's modules come as one file (ModuleBundler); app.js's own path runs it.
        let script = try #require(html.firstMatch(of: #/src="(/v/[0-9a-f]{12}/js/)shell\.js"/#)?.output.1.appending("shell.js"))
        let file = try await HTTP.send("GET", server.http + script, headers: ["Accept-Encoding": "identity"])
        #expect(file.status == 200)
        #expect(file.header("Cache-Control") == "public, max-age=31536000, immutable")
        #expect(file.header("Content-Type") == "text/javascript; charset=utf-8")
        #expect(String(decoding: file.body, as: UTF8.self).hasSuffix("};")) // …its modules' exports, at its end
        let facade = try await HTTP.send("GET", server.http + script.replacingOccurrences(of: "shell.js", with: "app.js"),
                                         headers: ["Accept-Encoding": "identity"])
        #expect(facade.status == 200 && String(decoding: facade.body, as: UTF8.self) == "import'./shell.js';")
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

    @Test("string tables are served one language at a time; minifyWebClient off serves the files as written")
    func servedClient() async throws {
        let minified = try await TestServer.start()
        let french = try await HTTP.send("GET", minified.http + "/js/strings/fr/base.js", headers: ["Accept-Encoding": "identity"])
        #expect(french.status == 200 && String(decoding: french.body, as: UTF8.self).contains("'app.title':'Séminaire'"))
        #expect(try await HTTP.send("GET", minified.http + "/js/strings/base.js").status == 404)
        let minifiedIndex = try await HTTP.send("GET", minified.http + "/")
        await minified.stop()

        let plain = try await TestServer.start { $0.minifyWebClient = false }
        let script = try await HTTP.send("GET", plain.http + "/js/app.js", headers: ["Accept-Encoding": "identity"])
        #expect(script.body == (try Data(contentsOf: URL(fileURLWithPath: "Web/js/app.js"))))
        // The version comes from the bytes served, so the two clients have different URLs.
        let plainIndex = try await HTTP.send("GET", plain.http + "/")
        let version = #/src="/v/([0-9a-f]{12})/js/(?:app|shell)\.js"/#
        let versions = [minifiedIndex, plainIndex].map { String(decoding: $0.body, as: UTF8.self).firstMatch(of: version)?.output.1 }
        #expect(versions[0] != nil && versions[1] != nil && versions[0] != versions[1])
        await plain.stop()
    }
}
