import Foundation
import Logging
import SeminarCore

/// Turns Janus's recordings of a stage into files a browser plays. Janus writes one `.mjr` file per media line of each
/// publisher (`videoroom-<room>-user-<feed>-<time>-<audio|video>-<mindex>.mjr`) into the recording's folder;
/// `janus-pp-rec` (Debian's `janus-tools`) makes the video a `.webm` and the sound an `.opus`, and `ffmpeg`, when
/// installed, puts the two in one `.webm` (without it the replay has no sound, and the `.opus` stays beside it).
struct StageRecorder: Sendable {
    /// One publisher's recording, made playable.
    struct Output: Sendable, Equatable {
        let feedId: Int64
        /// Relative to ``root``.
        let file: String
        let mediaType: String
        let bytes: Int64
    }

    /// The recordings folder (absolute: Janus writes there too, so it must see the same path).
    let root: String
    let janusPpRec: String?
    let ffmpeg: String?
    let logger: Logger

    init(dataDirectory: String, logger: Logger) {
        root = URL(fileURLWithPath: dataDirectory).appendingPathComponent("recordings").standardizedFileURL.path
        janusPpRec = Self.tool("janus-pp-rec")
        ffmpeg = Self.tool("ffmpeg")
        self.logger = logger
    }

    /// Whether recordings can be made playable (no `janus-pp-rec`: the stage is not recorded at all).
    var available: Bool { janusPpRec != nil }

    /// A new, empty folder for one recording of `room`.
    func makeFolder(room: RoomID, at millis: Int64) throws -> String {
        let folder = "\(root)/room-\(room)-\(millis)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Makes each publisher's `.mjr` files in `folder` one playable file (a publisher whose files cannot be read is
    /// logged and left out). The `.mjr` files are removed once their publisher's file is made.
    func convert(folder: String) async -> [Output] {
        guard let janusPpRec else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var byFeed: [Int64: (audio: String?, video: String?)] = [:]
        for name in names.sorted() {
            guard let (feed, type) = Self.parse(name) else { continue }
            if type == "audio" { byFeed[feed, default: (nil, nil)].audio = byFeed[feed]?.audio ?? name }
            if type == "video" { byFeed[feed, default: (nil, nil)].video = byFeed[feed]?.video ?? name }
        }
        var outputs: [Output] = []
        for (feed, files) in byFeed.sorted(by: { $0.key < $1.key }) {
            let video = files.video.map { "\(folder)/\($0)" }, audio = files.audio.map { "\(folder)/\($0)" }
            let videoOut = "\(folder)/\(feed)-video.webm", audioOut = "\(folder)/\(feed)-audio.opus"
            var hasVideo = false, hasAudio = false
            if let video { hasVideo = await run(janusPpRec, [video, videoOut], in: folder) }
            if let audio { hasAudio = await run(janusPpRec, [audio, audioOut], in: folder) }
            var made: (path: String, type: String)?
            switch (hasVideo, hasAudio) {
            case (true, true):
                let both = "\(folder)/\(feed).webm"
                if let ffmpeg, await run(ffmpeg, ["-nostdin", "-loglevel", "error", "-y", "-i", videoOut, "-i", audioOut, "-map", "0:v", "-map", "1:a",
                                                  "-c", "copy", both], in: folder) {
                    made = (both, "video/webm")
                    try? FileManager.default.removeItem(atPath: videoOut)
                    try? FileManager.default.removeItem(atPath: audioOut)
                } else {
                    logger.warning("no ffmpeg to join a recording's sound to its video: the replay is silent", metadata: ["sound": "\(audioOut)"])
                    made = (videoOut, "video/webm")
                }
            case (true, false): made = (videoOut, "video/webm")
            case (false, true): made = (audioOut, "audio/ogg")
            case (false, false): made = nil
            }
            guard let made, let size = (try? FileManager.default.attributesOfItem(atPath: made.path))?[.size] as? NSNumber, size.int64Value > 0 else {
                logger.error("a stage recording could not be made playable", metadata: ["folder": "\(folder)", "feed": "\(feed)"])
                continue
            }
            for mjr in [video, audio].compactMap({ $0 }) { try? FileManager.default.removeItem(atPath: mjr) }
            outputs.append(Output(feedId: feed, file: String(made.path.dropFirst(root.count + 1)), mediaType: made.type, bytes: size.int64Value))
        }
        return outputs
    }

    /// The feed and media type (`audio`, `video`) of a Janus VideoRoom recording's file name.
    static func parse(_ name: String) -> (feed: Int64, type: String)? {
        guard name.hasPrefix("videoroom-"), name.hasSuffix(".mjr") else { return nil }
        let parts = name.dropFirst("videoroom-".count).dropLast(".mjr".count).split(separator: "-")
        guard parts.count == 6, parts[1] == "user", let feed = Int64(parts[2]), ["audio", "video"].contains(parts[4]) else { return nil }
        return (feed, String(parts[4]))
    }

    /// Runs a tool to its end, its output appended to `convert.log` in the recording's folder: whether it succeeded.
    private func run(_ tool: String, _ arguments: [String], in folder: String) async -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let log = "\(folder)/convert.log"
        if !FileManager.default.fileExists(atPath: log) { FileManager.default.createFile(atPath: log, contents: nil) }
        let output = FileHandle(forWritingAtPath: log)
        _ = try? output?.seekToEnd()
        defer { try? output?.close() }
        process.standardOutput = output ?? FileHandle.nullDevice
        process.standardError = output ?? FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let status: Int32? = await withCheckedContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(returning: nil)
            }
        }
        guard status == 0 else {
            logger.error("a recording tool failed", metadata: ["tool": "\(tool)", "arguments": "\(arguments)",
                                                              "status": "\(status.map(String.init) ?? "did not start")", "log": "\(log)"])
            return false
        }
        return true
    }

    /// The tool's path, from `PATH` (or Debian's `/usr/bin`); nil when it is not installed.
    private static func tool(_ name: String) -> String? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"]
        return folders.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
