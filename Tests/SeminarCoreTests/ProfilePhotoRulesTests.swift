import SeminarCore
import Testing

@Suite("profile photo rules")
struct ProfilePhotoRulesTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]

    @Test("an image a browser shows is accepted, by its bytes as well as its declared type")
    func accepted() throws {
        #expect(try ProfilePhoto.check(declared: "image/png", bytes: Self.png) == "image/png")
        #expect(try ProfilePhoto.check(declared: "Image/JPEG; x=y", bytes: [0xFF, 0xD8, 0xFF, 0xE0]) == "image/jpeg")
    }

    @Test("refused: empty, too large, not an image, an image type its bytes deny, a document")
    func refused() {
        let cases: [(String, [UInt8], ErrorCode)] = [
            ("image/png", [], .invalid),
            ("image/png", Self.png + [UInt8](repeating: 0, count: ProfilePhoto.maxBytes), .tooLarge),
            ("text/plain", Array("hello".utf8), .invalid),
            ("image/png", Array("%PDF-1.4".utf8), .invalid),
            ("application/pdf", Array("%PDF-1.4".utf8), .invalid),
            ("image/svg+xml", Array("<svg/>".utf8), .invalid),
        ]
        for (declared, bytes, code) in cases {
            #expect(throws: DomainError.self, "\(declared) \(bytes.count)") { try ProfilePhoto.check(declared: declared, bytes: bytes) }
            do { _ = try ProfilePhoto.check(declared: declared, bytes: bytes) } catch { #expect(error.code == code && error.field == "photo") }
        }
    }
}
