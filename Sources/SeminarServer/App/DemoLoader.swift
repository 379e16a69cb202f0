import Foundation
import Logging
import SeminarCore
import SeminarStore

/// Loads `Config/demo/seminar.json` into a fresh database, its week placed around `now`.
struct DemoLoader {
    let directory: String
    let logger: Logger

    func load(into database: AppDatabase, now: Timestamp) async throws {
        let path = (directory as NSString).appendingPathComponent("seminar.json")
        guard let data = FileManager.default.contents(atPath: path) else {
            logger.warning("no demo seminar found", metadata: ["path": "\(path)"])
            return
        }
        let file: ProgramFile
        do {
            file = try JSONDecoder().decode(ProgramFile.self, from: data)
        } catch {
            throw DomainError(.invalid, "\(path) is not a valid program file: \(error)")
        }
        guard let zone = TimeZone(identifier: file.timeZone) else {
            throw DomainError.invalid("timeZone", "\(path): unknown time zone '\(file.timeZone)'")
        }
        let program = try file.resolve(offset: { local in Self.offset(of: zone, atLocal: local) }, now: now)
        try await database.loadProgram(program)
        logger.info("demo seminar loaded", metadata: ["sessions": "\(program.sessions.count)"])
    }

    /// Seconds east of UTC in `zone` at a wall-clock time given as if it were UTC.
    static func offset(of zone: TimeZone, atLocal local: Timestamp) -> Int64 {
        let guess = Date(timeIntervalSince1970: TimeInterval(local.seconds))
        let first = zone.secondsFromGMT(for: guess)
        return Int64(zone.secondsFromGMT(for: guess.addingTimeInterval(TimeInterval(-first))))
    }
}
