import Foundation
import SeminarCore

/// A PostgreSQL server of a test's own (scripts/test-postgres.sh), for what must not touch the shared one: a restart
/// under live nodes. `stop` ends it and removes its folder.
public struct OwnPostgres: Sendable {
    public let url: DatabaseURL
    let folder: String

    static var script: String { FileManager.default.currentDirectoryPath + "/scripts/test-postgres.sh" }

    public static func start() throws -> OwnPostgres {
        let folder = NSTemporaryDirectory() + "seminar-own-pg-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let output = try run(["start", folder + "/pg"])
        return OwnPostgres(url: try DatabaseURL(output.trimmingCharacters(in: .whitespacesAndNewlines)), folder: folder)
    }

    /// Stops the server and starts it again on the same port: every connection to it ends.
    public func restart() throws {
        try Self.run(["restart", folder + "/pg"])
    }

    public func stop() {
        _ = try? Self.run(["stop", folder + "/pg"])
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Runs the script to its end. Its output goes through files, not pipes: the server it starts keeps what it
    /// inherited open, and a pipe would never reach its end.
    @discardableResult
    private static func run(_ arguments: [String]) throws -> String {
        let outputs = NSTemporaryDirectory() + "seminar-own-pg-run-\(UUID().uuidString.prefix(8))"
        FileManager.default.createFile(atPath: outputs + ".out", contents: nil)
        FileManager.default.createFile(atPath: outputs + ".err", contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: outputs + ".out")
            try? FileManager.default.removeItem(atPath: outputs + ".err")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script] + arguments
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputs + ".out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: outputs + ".err"))
        try process.run()
        process.waitUntilExit()
        let output = (try? String(contentsOfFile: outputs + ".out", encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            let error = (try? String(contentsOfFile: outputs + ".err", encoding: .utf8)) ?? ""
            throw PostgresTestSetup("test-postgres.sh \(arguments.first ?? "") failed: \(error)")
        }
        return output
    }
}
