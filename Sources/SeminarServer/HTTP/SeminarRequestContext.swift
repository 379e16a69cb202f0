import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// The request context of every HTTP route; it remembers the peer's address for rate limiting.
struct SeminarRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: String

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }
}
