import SeminarClientBuilder
import Testing

@Suite("static asset rules")
struct StaticAssetRulesTests {
    @Test("versioned URLs map to the file and are immutable only under the current version")
    func lookup() {
        #expect(StaticAssetRules.lookup(path: "/", version: "abc") == .init(path: "/index.html", versioned: false))
        #expect(StaticAssetRules.lookup(path: "/v/abc/js/app.js", version: "abc") == .init(path: "/js/app.js", versioned: true))
        #expect(StaticAssetRules.lookup(path: "/v/old/js/app.js", version: "abc") == .init(path: "/js/app.js", versioned: false))
        #expect(StaticAssetRules.lookup(path: "/js/app.js", version: "abc") == .init(path: "/js/app.js", versioned: false))
        #expect(StaticAssetRules.lookup(path: "/v/abc", version: "abc") == .init(path: "/v/abc", versioned: false))
    }

    @Test("index.html's links go under the version; in-page routes and outside links do not")
    func index() {
        let html = #"<link href="/css/app.css"><script src="/js/app.js"></script><a href="/#/desk">d</a><a href="https://x.org/">x</a>"#
        let out = StaticAssetRules.versionedIndex(html, version: "v1")
        #expect(out == #"<link href="/v/v1/css/app.css"><script src="/v/v1/js/app.js"></script><a href="/#/desk">d</a><a href="https://x.org/">x</a>"#)
    }

    @Test("Accept-Encoding: gzip accepted, refused by q=0, accepted by *")
    func gzip() {
        #expect(StaticAssetRules.acceptsGzip("gzip, deflate, br"))
        #expect(StaticAssetRules.acceptsGzip("br;q=1.0, GZIP;q=0.5"))
        #expect(!StaticAssetRules.acceptsGzip("gzip;q=0, br"))
        #expect(!StaticAssetRules.acceptsGzip("identity"))
        #expect(!StaticAssetRules.acceptsGzip(nil))
        #expect(StaticAssetRules.acceptsGzip("*"))
        #expect(!StaticAssetRules.acceptsGzip("*;q=0"))
    }

    @Test("types, compressibility and If-None-Match")
    func types() {
        #expect(StaticAssetRules.contentType(path: "/js/app.js") == "text/javascript; charset=utf-8")
        #expect(StaticAssetRules.contentType(path: "/favicon.svg") == "image/svg+xml")
        #expect(StaticAssetRules.contentType(path: "/media/uclg-tv.webm") == "video/webm")
        #expect(StaticAssetRules.contentType(path: "/x.bin") == "application/octet-stream")
        #expect(StaticAssetRules.compressible(path: "/css/app.css") && !StaticAssetRules.compressible(path: "/a.png"))
        #expect(StaticAssetRules.matches(ifNoneMatch: #""a", "b""#, etags: [#""b""#]))
        #expect(StaticAssetRules.matches(ifNoneMatch: #"W/"b""#, etags: [#""b""#]))
        #expect(StaticAssetRules.matches(ifNoneMatch: "*", etags: [#""b""#]))
        #expect(!StaticAssetRules.matches(ifNoneMatch: #""c""#, etags: [#""b""#]))
        #expect(!StaticAssetRules.matches(ifNoneMatch: nil, etags: [#""b""#]))
    }
}
