import Foundation
import SeminarCore
import Testing

@Suite("security headers")
struct SecurityHeaderTests {
    @Test("every response carries the CSP (no inline script, only the configured outside hosts), nosniff, no framing")
    func headers() async throws {
        let server = try await TestServer.start { $0.mediaHosts = ["cdn.example.org"]; $0.embedHosts = ["player.vimeo.com"] }
        for (path, status) in [("/", 200), ("/js/app.js", 200), ("/api/me", 401), ("/healthz", 200), ("/nowhere", 404), ("/files/1", 401)] {
            let response = try await HTTP.send("GET", server.http + path)
            #expect(response.status == status, "\(path)")
            let csp = try #require(response.header("Content-Security-Policy"), "\(path)")
            #expect(csp.contains("default-src 'self'") && csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"))
            #expect(csp.contains("frame-ancestors 'none'"))
            #expect(csp.contains("media-src 'self' blob: https://cdn.example.org") && csp.contains("frame-src https://player.vimeo.com"))
            #expect(response.header("X-Content-Type-Options") == "nosniff", "\(path)")
            #expect(response.header("Referrer-Policy") == "same-origin", "\(path)")
        }
        await server.stop()
    }

    @Test("streams play only from the configured media and embed hosts")
    func streams() throws {
        let media = ["cdn.example.org"], embed = ["player.vimeo.com"]
        #expect(try StreamRules.validate(url: "https://cdn.example.org/live.m3u8", language: "fr", embedHosts: embed, mediaHosts: media).url != nil)
        #expect(try StreamRules.validate(url: "https://player.vimeo.com/video/1", language: "en", embedHosts: embed, mediaHosts: media).url != nil)
        #expect(throws: DomainError.self) { try StreamRules.validate(url: "https://evil.example/live.m3u8", language: "fr", embedHosts: embed, mediaHosts: media) }
        #expect(throws: DomainError.self) { try StreamRules.validate(url: "https://evil.example/page", language: "fr", embedHosts: embed, mediaHosts: media) }
    }
}
