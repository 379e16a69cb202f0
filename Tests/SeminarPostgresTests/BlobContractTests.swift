import Foundation
import SeminarCore
import SeminarPostgres
import SeminarStore
import Testing

/// Uploaded files' bytes (`BlobStore`), held against both stores: the node's disk (`FileStore`, in a temporary folder)
/// and the cluster's PostgreSQL (`PostgresBlobs`, a fresh database), where two nodes may save the same bytes at once.
@Suite("blob contract: disk and PostgreSQL")
struct BlobContractTests {
    static let kinds = ["disk", "postgres"]

    /// A fresh store of `kind`; how many contents it keeps (renditions aside), to see that a content is kept once; and
    /// how to end it.
    struct Subject {
        let store: any BlobStore
        let contents: @Sendable () async throws -> Int
        let close: @Sendable () async -> Void
    }

    static func make(_ kind: String) async throws -> Subject {
        guard kind == "postgres" else {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("blobs-\(UUID().uuidString)").path
            let store = FileStore(dataDirectory: directory)
            return Subject(store: store, contents: {
                // Every file but renditions, a half-written `.part` included: one content is one file.
                let files = FileManager.default.enumerator(atPath: store.directory)?.allObjects as? [String] ?? []
                return files.filter { ($0 as NSString).pathComponents.count == 2 && !$0.hasSuffix(".small.webp") }.count
            }, close: { try? FileManager.default.removeItem(atPath: directory) })
        }
        let url = try await TestPostgres.freshDatabase()
        let database = try await PostgresDatabase.open(url, logger: TestPostgres.logger)
        return Subject(store: PostgresBlobs(database: database), contents: {
            Int(try await TestPostgres.count("SELECT count(*) FROM blobs", on: url))
        }, close: {
            database.close()
            await TestPostgres.drop(url)
        })
    }

    /// Every byte value, then more than one page of PostgreSQL's TOAST chunks.
    static let bytes: [UInt8] = Array(0...255) + (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }

    /// Nothing is read under `name`, it has no rendition, and a rendition for it is refused.
    static func expectNothing(under name: String, in store: any BlobStore) async throws {
        #expect(try await store.bytes(sha256: name) == nil, "\(name)")
        #expect(try await store.rendition(sha256: name) == nil, "\(name)")
        #expect(try await !store.hasRendition(sha256: name), "\(name)")
        #expect(await refusal { try await store.saveRendition(sha256: name, bytes: [1, 2, 3]) } != nil, "\(name)")
    }

    @Test("bytes come back byte for byte under their SHA-256 in lowercase hex", arguments: kinds)
    func roundTrip(kind: String) async throws {
        let subject = try await Self.make(kind)
        let store = subject.store
        #expect(try await store.save(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(try await store.bytes(sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") == Array("abc".utf8))
        let sha = try await store.save(Self.bytes)
        #expect(sha == BlobName.of(Self.bytes) && BlobName.isValid(sha))
        #expect(try await store.bytes(sha256: sha) == Self.bytes)
        #expect(try await subject.contents() == 2)
        await subject.close()
    }

    @Test("saving bytes kept already keeps them once and names them the same", arguments: kinds)
    func idempotentSave(kind: String) async throws {
        let subject = try await Self.make(kind)
        let sha = try await subject.store.save(Self.bytes)
        #expect(try await subject.store.save(Self.bytes) == sha)
        #expect(try await subject.contents() == 1)
        #expect(try await subject.store.bytes(sha256: sha) == Self.bytes)
        await subject.close()
    }

    @Test("a name nothing is kept under reads nil, and has no rendition", arguments: kinds)
    func absent(kind: String) async throws {
        let subject = try await Self.make(kind)
        try await Self.expectNothing(under: BlobName.of(Array("never saved".utf8)), in: subject.store)
        #expect(try await subject.contents() == 0)
        await subject.close()
    }

    @Test("what is not 64 lowercase hex digits is no name: nil, no rendition, and refused", arguments: kinds)
    func badNames(kind: String) async throws {
        let subject = try await Self.make(kind)
        let store = subject.store
        let sha = try await store.save(Self.bytes)
        let bad = ["../../etc/passwd", String(repeating: "g", count: 64), sha.uppercased(), String(sha.dropLast()), sha + "0", "",
                   "\(sha.prefix(62))/a", String(repeating: "０", count: 64), "' OR '1'='1"]
        for name in bad {
            #expect(!BlobName.isValid(name))
            try await Self.expectNothing(under: name, in: store)
        }
        #expect(try await subject.contents() == 1)
        await subject.close()
    }

    @Test("an image's rendition comes back under its name, apart from the original; the first one made is kept", arguments: kinds)
    func rendition(kind: String) async throws {
        let subject = try await Self.make(kind)
        let store = subject.store
        let sha = try await store.save(Self.bytes)
        #expect(try await !store.hasRendition(sha256: sha))
        #expect(try await store.rendition(sha256: sha) == nil)
        let small = Array(Self.bytes.prefix(1000).reversed())
        try await store.saveRendition(sha256: sha, bytes: small)
        #expect(try await store.hasRendition(sha256: sha))
        #expect(try await store.rendition(sha256: sha) == small)
        #expect(try await store.bytes(sha256: sha) == Self.bytes)
        try await store.saveRendition(sha256: sha, bytes: [9, 9, 9])
        #expect(try await store.rendition(sha256: sha) == small)
        #expect(try await subject.contents() == 1)
        await subject.close()
    }

    @Test("saves of the same bytes at once (two nodes' uploads) all succeed and one copy is kept; so do their renditions", arguments: kinds)
    func concurrentSaves(kind: String) async throws {
        let subject = try await Self.make(kind)
        let store = subject.store
        let names = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<6 { group.addTask { try await store.save(Self.bytes) } }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(names.count == 6 && Set(names) == [BlobName.of(Self.bytes)])
        #expect(try await subject.contents() == 1)
        #expect(try await store.bytes(sha256: names[0]) == Self.bytes)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<4 { group.addTask { try await store.saveRendition(sha256: names[0], bytes: [UInt8](repeating: UInt8(n), count: 5000)) } }
            try await group.waitForAll()
        }
        let kept = try #require(try await store.rendition(sha256: names[0]))
        #expect(kept.count == 5000 && Set(kept).count == 1)
        #expect(try await subject.contents() == 1)
        await subject.close()
    }
}
