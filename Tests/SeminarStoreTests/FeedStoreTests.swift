import Crypto
import Foundation
import SeminarCore
import SeminarProtocol
import SeminarStore
import Testing

/// The hub's files on disk (the database side of the hub is in `Contract/FeedContractTests`).
@Suite("the hub's files")
struct FeedStoreTests {
    @Test("files are stored once per content, by SHA-256, and read back byte for byte")
    func files() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("files-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = FileStore(dataDirectory: directory)
        let bytes = Array("%PDF-1.4 compte-rendu".utf8)
        let sha = try store.save(bytes)
        #expect(sha == SHA.hex(bytes))
        #expect(try store.save(bytes) == sha)
        let path = try #require(store.path(sha256: sha))
        #expect(path.hasSuffix("/files/\(sha.prefix(2))/\(sha)"))
        #expect(FileManager.default.contents(atPath: path).map(Array.init) == bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent) == [sha])
        for bad in ["../../etc/passwd", String(repeating: "g", count: 64), sha.uppercased(), ""] { #expect(store.path(sha256: bad) == nil) }
    }
}

enum SHA {
    static func hex(_ bytes: [UInt8]) -> String { SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined() }
}
