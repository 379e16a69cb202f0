import Foundation
import HTTPTypes
import Hummingbird
import SeminarCore
import SeminarStore

/// Organiser routes over HTTP: `POST /api/admin/program` (a program JSON file, validated whole before anything is written).
struct AdminController {
    let services: Services
    let accounts: AccountController

    struct ImportReply: Encodable {
        let tracks: Int
        let sessions: Int
    }

    func addRoutes(to api: RouterGroup<SeminarRequestContext>) {
        api.post("admin/program", use: importProgram)
    }

    func importProgram(_ request: Request, context: SeminarRequestContext) async throws -> Response {
        try services.origins.require(request)
        let user = try await accounts.authenticatedUser(request)
        guard user.role == .organiser else { throw APIError(DomainError(.forbidden, "Only organisers can import a program")) }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: 8 << 20)
        } catch {
            throw APIError(DomainError(.tooLarge, "A program file is limited to 8 MiB"))
        }
        do {
            let program = try ProgramImport.parse(Data(body.readableBytesView))
            try await services.database.loadProgram(program)
            services.logger.info("program imported", metadata: ["sessions": "\(program.sessions.count)", "user": "\(user.id)"])
            return try JSONResponse.make(ImportReply(tracks: program.tracks.count, sessions: program.sessions.count))
        } catch let error as DomainError {
            throw APIError(error)
        }
    }
}

/// Parses and checks a whole program file; the error names the entry and the field.
public enum ProgramImport {
    public static func parse(_ data: Data, now: Timestamp? = nil) throws(DomainError) -> ResolvedProgram {
        let file: ProgramFile
        do {
            file = try JSONDecoder().decode(ProgramFile.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw .invalid(path(context.codingPath + [key]), "\(key.stringValue) is required")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw .invalid(path(context.codingPath), "\(path(context.codingPath)) has the wrong type")
        } catch {
            throw DomainError(.invalid, "The file is not a JSON program")
        }
        guard let zone = TimeZone(identifier: file.timeZone) else {
            throw .invalid("timeZone", "unknown time zone '\(file.timeZone)'")
        }
        return try file.resolve(offset: { DemoLoader.offset(of: zone, atLocal: $0) }, now: now)
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingPrefix(".").description
    }
}

extension String {
    func trimmingPrefix(_ prefix: String) -> Substring {
        hasPrefix(prefix) ? dropFirst(prefix.count) : Substring(self)
    }
}
