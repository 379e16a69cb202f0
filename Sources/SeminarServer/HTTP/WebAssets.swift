import CompressNIO
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SeminarCore
import SeminarClientBuilder

/// The web client, read once at start-up: each file with its ETag and, for text, a gzip copy made once.
/// index.html points at `/v/<version>/…` (see `StaticAssetRules`), so modules are cached for a year and a release
/// changes every URL; index.html itself and unversioned paths are revalidated by ETag.
struct WebAssets: Sendable {
    struct Asset: Sendable {
        let body: ByteBuffer
        let gzipped: ByteBuffer?
        let contentType: String
        let etag: String
        var gzipETag: String { "\"\(etag.dropFirst().dropLast())-gz\"" }
    }

    let version: String
    let assets: [String: Asset]

    /// Reads every file under `directory` (hidden files skipped) and makes the served client from it (see
    /// `ServedClient`: string tables split by language, code minified unless `minify` is off); the version and the
    /// ETags come from the served bytes. A missing folder gives an empty client; a string table that cannot be split
    /// throws, so the server does not start with a client missing its texts.
    static func load(directory: String, minify: Bool = true, logger: Logger) throws -> WebAssets {
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        var sources: [ServedClient.File] = []
        if let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey],
                                                       options: [.skipsHiddenFiles]) {
            for case let url as URL in walker {
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                      let data = try? Data(contentsOf: url) else { continue }
                let relative = url.standardizedFileURL.path.dropFirst(root.path.count)
                sources.append(.init(path: relative.hasPrefix("/") ? String(relative) : "/" + relative, bytes: Array(data)))
            }
        }
        let (files, warnings) = try ServedClient.build(sources, minify: minify)
        for warning in warnings { logger.warning("web client served as written in part", metadata: ["problem": "\(warning)"]) }
        var all = SHA256()
        for file in files {
            all.update(data: Data(file.path.utf8))
            all.update(data: Data(SHA256.hash(data: file.bytes)))
        }
        let version = String(all.finalize().map { String(format: "%02x", $0) }.joined().prefix(12))
        var assets: [String: Asset] = [:]
        var plain = 0, compressed = 0
        for var file in files {
            if file.path == "/index.html" {
                file.bytes = Array(StaticAssetRules.versionedIndex(String(decoding: file.bytes, as: UTF8.self), version: version).utf8)
            }
            let digest = SHA256.hash(data: file.bytes).prefix(10).map { String(format: "%02x", $0) }.joined()
            let body = ByteBuffer(bytes: file.bytes)
            var gzipped: ByteBuffer?
            if StaticAssetRules.compressible(path: file.path) {
                var input = body
                gzipped = try? input.compress(with: .gzip(configuration: .init(windowSize: 15, compressionLevel: 9)))
            }
            plain += body.readableBytes
            compressed += gzipped?.readableBytes ?? body.readableBytes
            assets[file.path] = Asset(body: body, gzipped: gzipped, contentType: StaticAssetRules.contentType(path: file.path),
                                      etag: "\"\(digest)\"")
        }
        logger.info("web client loaded", metadata: [
            "files": "\(assets.count)", "bytes": "\(plain)", "gzipBytes": "\(compressed)", "version": "\(version)",
            "sourceBytes": "\(sources.reduce(0) { $0 + $1.bytes.count })", "minified": "\(minify)",
        ])
        return WebAssets(version: version, assets: assets)
    }
}

/// Serves `WebAssets` for GET: versioned URLs immutable, others revalidated (304 on a matching ETag), gzip when
/// the browser accepts it. Requests for anything else go on to the routes.
struct WebAssetsMiddleware<Context: RequestContext>: RouterMiddleware {
    let web: WebAssets

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get || request.method == .head else { return try await next(request, context) }
        let lookup = StaticAssetRules.lookup(path: request.uri.path, version: web.version)
        guard let asset = web.assets[lookup.path] else { return try await next(request, context) }
        let gzip = asset.gzipped != nil && StaticAssetRules.acceptsGzip(request.headers[.acceptEncoding])
        var headers = HTTPFields()
        headers[.contentType] = asset.contentType
        headers[.cacheControl] = lookup.versioned ? StaticAssetRules.immutable : StaticAssetRules.revalidate
        headers[.eTag] = gzip ? asset.gzipETag : asset.etag
        if asset.gzipped != nil { headers[.vary] = "Accept-Encoding" }
        if StaticAssetRules.matches(ifNoneMatch: request.headers[.ifNoneMatch], etags: [asset.etag, asset.gzipETag]) {
            return Response(status: .notModified, headers: headers)
        }
        var body = asset.body
        if gzip, let compressed = asset.gzipped {
            headers[.contentEncoding] = "gzip"
            body = compressed
        }
        if request.method == .head {
            headers[.contentLength] = "\(body.readableBytes)"
            return Response(status: .ok, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
}
