import Foundation
import NIOCore
import NIOPosix
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The `seminar` executable driven from outside, as an operator would: its commands run to the end, and a throwaway
/// server on a free loopback port over a data folder of the scenario's own.
struct SeminarProcess {
    /// The `seminar` executable: `path`, or the one built beside this generator.
    let executable: URL
    let dataFolder: String
    /// Settings for every command and the server, added to this process's environment (`SEMINAR_*`).
    let environment: [String: String]

    init(path: String?, dataFolder: String, environment: [String: String]) throws {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("seminar")
        executable = path.map { URL(fileURLWithPath: $0) } ?? beside
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw BenchError("no seminar executable at \(executable.path): build it (swift build --product seminar) or give --seminar")
        }
        self.dataFolder = dataFolder
        self.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }

    /// Runs `seminar <arguments> --data <folder>` to the end; its output, or its error output as the failure.
    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments + ["--data", dataFolder]
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError("seminar \(arguments.prefix(2).joined(separator: " ")) failed: \(String(decoding: error, as: UTF8.self))")
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// A server on a free loopback port (its log in the data folder), answering `/healthz`; stop it with ``Server/stop()``.
    /// With `databaseURL` it is a node of a cluster on that PostgreSQL database; with `demo` a fresh database gets the
    /// demo seminar (the first of several nodes loads it, the others wait for it).
    func serve(databaseURL: String? = nil, demo: Bool = false) async throws -> Server {
        let probe = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        guard let port = probe.localAddress?.port else { throw BenchError("no free port") }
        try await probe.close()
        let process = Process()
        process.executableURL = executable
        process.arguments = ["serve", "--port", String(port), "--data", dataFolder] + (demo ? [] : ["--no-demo"])
            + (databaseURL.map { ["--database-url", $0] } ?? [])
        process.environment = environment
        guard FileManager.default.createFile(atPath: dataFolder + "/server.log", contents: nil) else { throw BenchError("cannot write \(dataFolder)/server.log") }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: dataFolder + "/server.log"))
        process.standardOutput = log
        process.standardError = log
        try process.run()
        let server = Server(process: process, url: "http://127.0.0.1:\(port)", dataFolder: dataFolder)
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            guard process.isRunning else { throw BenchError("the server stopped at start: see \(dataFolder)/server.log") }
            if let (_, response) = try? await URLSession.shared.data(from: URL(string: server.url + "/healthz")!),
               (response as? HTTPURLResponse)?.statusCode == 200 { return server }
            try await Task.sleep(for: .milliseconds(200))
        }
        server.stop()
        throw BenchError("the server did not answer /healthz within 60 s: see \(dataFolder)/server.log")
    }

    struct Server {
        let process: Process
        let url: String
        /// Its data folder, with its log (`server.log`).
        let dataFolder: String

        /// SIGTERM, and waits for it to end.
        func stop() {
            guard process.isRunning else { return }
            process.terminate()
            process.waitUntilExit()
        }
    }
}
