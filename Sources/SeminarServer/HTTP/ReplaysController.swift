import Foundation
import HTTPTypes
import Hummingbird
import SeminarCore
import SeminarStore

/// `GET /replays/<id>`: a recording of a session's stage, for the people who may see the session's page (the same
/// check as `session.get`), streamed from the recordings folder with byte ranges (a player seeks with them).
struct ReplaysController {
    let services: Services
    let accounts: AccountController

    func addRoutes(to router: Router<SeminarRequestContext>) {
        router.get("replays/:id", use: play)
    }

    func play(_ request: Request, context: SeminarRequestContext) async throws -> Response {
        let user = try await accounts.authenticatedUser(request)
        do {
            try Permissions.check(.sessionGet, role: user.role).get()
        } catch {
            throw APIError(error)
        }
        let notFound = APIError(DomainError(.notFound, "No such replay"))
        guard let id = context.parameters.get("id").flatMap(Int64.init), id > 0, let replay = try await services.database.replayFile(id: ReplayID(id)) else {
            throw notFound
        }
        let path = "\(services.stage.recorder.root)/\(replay.file)"
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber, size.intValue > 0 else { throw notFound }
        var headers: HTTPFields = [.contentType: replay.mediaType, .acceptRanges: "bytes", .cacheControl: "private, max-age=86400",
                                   HTTPField.Name("X-Content-Type-Options")!: "nosniff"]
        guard let asked = request.headers[.range] else {
            headers[.contentLength] = "\(size.intValue)"
            return Response(status: .ok, headers: headers, body: try await FileIO().loadFile(path: path, context: context))
        }
        guard let range = Self.range(asked, size: size.intValue) else {
            headers[.contentRange] = "bytes */\(size.intValue)"
            return Response(status: .rangeNotSatisfiable, headers: headers)
        }
        headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(size.intValue)"
        headers[.contentLength] = "\(range.count)"
        return Response(status: .partialContent, headers: headers, body: try await FileIO().loadFile(path: path, range: range, context: context))
    }

    /// One range of `Range: bytes=a-b`, `bytes=a-` or `bytes=-n` (the last n bytes), within a file of `size` bytes;
    /// nil when it asks for nothing there (several ranges: only the first is served).
    static func range(_ header: String, size: Int) -> ClosedRange<Int>? {
        guard header.hasPrefix("bytes="), size > 0 else { return nil }
        let first = header.dropFirst("bytes=".count).split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let ends = first.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard ends.count == 2 else { return nil }
        if ends[0].isEmpty {
            guard let last = Int(ends[1]), last > 0 else { return nil }
            return max(0, size - last)...(size - 1)
        }
        guard let lower = Int(ends[0]), lower < size else { return nil }
        let upper = ends[1].isEmpty ? size - 1 : Int(ends[1]).map { min($0, size - 1) }
        guard let upper, upper >= lower else { return nil }
        return lower...upper
    }
}
