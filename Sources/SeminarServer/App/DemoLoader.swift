import Foundation
import Logging
import SeminarCore
import SeminarStore

/// Loads `Config/demo/seminar.json` into a fresh database, its week placed around `now`.
struct DemoLoader {
    let directory: String
    let logger: Logger

    func load(into database: any ServerStore, now: Timestamp) async throws {
        let path = (directory as NSString).appendingPathComponent("seminar.json")
        guard let data = FileManager.default.contents(atPath: path) else {
            logger.warning("no demo seminar found", metadata: ["path": "\(path)"])
            return
        }
        let program: ResolvedProgram
        do {
            program = try ProgramImport.parse(data, now: now)
        } catch {
            throw DomainError(.invalid, "\(path): \(error.field.map { "\($0): " } ?? "")\(error.message)")
        }
        try await database.loadProgram(program, liveNow: now)
        logger.info("demo seminar loaded", metadata: ["sessions": "\(program.sessions.count)"])
    }

    /// Seconds east of UTC in `zone` at a wall-clock time given as if it were UTC.
    static func offset(of zone: TimeZone, atLocal local: Timestamp) -> Int64 {
        let guess = Date(timeIntervalSince1970: TimeInterval(local.seconds))
        let first = zone.secondsFromGMT(for: guess)
        return Int64(zone.secondsFromGMT(for: guess.addingTimeInterval(TimeInterval(-first))))
    }
}
