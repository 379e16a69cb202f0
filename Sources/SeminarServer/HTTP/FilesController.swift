import Foundation
import HTTPTypes
import Hummingbird
import SeminarCore
import SeminarProtocol
import SeminarStore

/// Uploads for the knowledge hub: `POST /api/files` (the bytes, their type in `Content-Type`, their name in
/// `X-Filename`) and `GET /files/<id>`. Stored once per content (SHA-256); the declared type must match the bytes.
struct FilesController {
    let services: Services
    let accounts: AccountController
    /// The bytes: the node's disk (`FileStore`) or, in a cluster, PostgreSQL (any node serves any file).
    let store: any BlobStore

    static let filenameHeader = HTTPField.Name("X-Filename")!

    func addRoutes(api: RouterGroup<SeminarRequestContext>, router: Router<SeminarRequestContext>) {
        api.post("files", use: upload)
        router.get("files/:id", use: download)
        api.post("profile/photo", use: uploadPhoto)
        api.delete("profile/photo", use: removePhoto)
    }

    /// `POST /api/profile/photo`: the image's bytes (its type in `Content-Type`), checked (``ProfilePhoto``), kept as a
    /// `ProfilePhoto.width` WebP when libvips can make one (else as uploaded), and set on the person's profile.
    func uploadPhoto(_ request: Request, context: SeminarRequestContext) async throws -> Response {
        try services.origins.require(request)
        let user = try await accounts.authenticatedUser(request)
        let tooLarge = APIError(DomainError(.tooLarge, "A photo is limited to \(ProfilePhoto.maxBytes >> 20) MiB", field: "photo"))
        if let length = request.headers[.contentLength].flatMap(Int.init), length > ProfilePhoto.maxBytes { throw tooLarge }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: ProfilePhoto.maxBytes)
        } catch {
            throw tooLarge
        }
        let bytes = Array(body.readableBytesView)
        let type: String
        do {
            type = try ProfilePhoto.check(declared: request.headers[.contentType] ?? "", bytes: bytes)
        } catch {
            throw APIError(error, status: error.code == .tooLarge ? nil : .unsupportedMediaType)
        }
        let small = type == "image/gif" ? nil : await ImageRenditions.make(bytes, width: ProfilePhoto.width)
        let kept = small ?? bytes
        let sha = try await store.save(kept)
        let person = try await services.database.setProfilePhoto(user: user.id, file: (sha, small == nil ? type : "image/webp", Int64(kept.count)),
                                                                 now: services.clock())
        services.logger.info("profile photo set", metadata: ["user": "\(user.id.rawValue)", "bytes": "\(bytes.count)", "kept": "\(kept.count)"])
        return try JSONResponse.make(PersonView(person))
    }

    /// `DELETE /api/profile/photo`: the profile has no photo any more.
    func removePhoto(_ request: Request, context: SeminarRequestContext) async throws -> Response {
        try services.origins.require(request)
        let user = try await accounts.authenticatedUser(request)
        return try JSONResponse.make(PersonView(try await services.database.setProfilePhoto(user: user.id, file: nil, now: services.clock())))
    }

    func upload(_ request: Request, context: SeminarRequestContext) async throws -> Response {
        try services.origins.require(request)
        let user = try await accounts.authenticatedUser(request)
        let limit = services.settings.uploadLimitMiB << 20
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw APIError(DomainError(.tooLarge, "Files are limited to \(services.settings.uploadLimitMiB) MiB"))
        }
        guard let rawName = request.headers[Self.filenameHeader],
              let name = FileKind.cleanName(rawName.removingPercentEncoding ?? rawName) else {
            throw APIError(.invalid("X-Filename", "Send the file's name in X-Filename"))
        }
        let declared = request.headers[.contentType] ?? ""
        guard FileKind.family(declared) != nil else {
            throw APIError(DomainError(.invalid, "Only documents, images, sound and video can be uploaded", field: "Content-Type"),
                           status: .unsupportedMediaType)
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch {
            throw APIError(DomainError(.tooLarge, "Files are limited to \(services.settings.uploadLimitMiB) MiB"))
        }
        guard body.readableBytes > 0 else { throw APIError(.invalid("body", "The file is empty")) }
        let bytes = Array(body.readableBytesView)
        guard let type = FileKind.check(declared: declared, bytes: bytes) else {
            throw APIError(DomainError(.invalid, "The file's content is not a \(FileKind.normalize(declared)) file", field: "Content-Type"),
                           status: .unsupportedMediaType)
        }
        let sha = try await store.save(bytes)
        if FileKind.wantsRendition(type), try await !store.hasRendition(sha256: sha), let small = await ImageRenditions.make(bytes) {
            try await store.saveRendition(sha256: sha, bytes: small)
        }
        let file = try await services.database.recordFile(sha256: sha, name: name, type: type, size: Int64(bytes.count), uploader: user.id,
                                                          now: services.clock())
        services.logger.info("file uploaded", metadata: ["file": "\(file.id)", "type": "\(type)", "size": "\(bytes.count)"])
        return try JSONResponse.make(FileView(file), status: .created)
    }

    func download(_ request: Request, context: SeminarRequestContext) async throws -> Response {
        _ = try await accounts.authenticatedUser(request)
        guard let id = context.parameters.get("id").flatMap(Int64.init), id > 0,
              let file = try await services.database.file(id: FileID(id)) else {
            throw APIError(DomainError(.notFound, "No such file"))
        }
        // `?w=…` asks for the rendition that fits a screen: served when one was made, else the original. The bytes are
        // read only when the client does not have them already.
        let small = request.uri.queryParameters["w"] != nil ? try await store.hasRendition(sha256: file.sha256) : false
        let etag = small ? "\"\(file.sha256)-small\"" : "\"\(file.sha256)\""
        if request.headers[.ifNoneMatch] == etag {
            return Response(status: .notModified, headers: [.eTag: etag])
        }
        guard let data = try await small ? store.rendition(sha256: file.sha256) : store.bytes(sha256: file.sha256) else {
            throw APIError(DomainError(.notFound, "No such file"))
        }
        let inline = FileKind.family(file.type) != .document || file.type == "application/pdf"
        let encoded = file.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "file"
        let ascii = String(file.name.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        return Response(status: .ok, headers: [
            .contentType: small ? "image/webp" : file.type,
            .contentDisposition: "\(inline ? "inline" : "attachment"); filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)",
            HTTPField.Name("X-Content-Type-Options")!: "nosniff",
            .cacheControl: "private, max-age=31536000, immutable",
            .eTag: etag,
        ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
