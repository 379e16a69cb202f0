import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket

/// A WebSocket client with no Swift task per socket: its frames are handled by a channel handler on the event
/// loop that read them. Thousands of simulated people each woken for every delivery (a task resumed per frame, as
/// an async iterator does) cost the load generator more CPU than the server spends sending the frames; on a
/// machine where both share two cores, that would be measuring the generator.
enum LeanSocket {
    /// Sent through the pipeline once the upgrade is complete: from then on the handler may write frames.
    struct Upgraded: Sendable {}

    /// Connects to `target`'s `/ws`, upgrades, and puts `handler` first in the pipeline. Fails when the
    /// connection or the upgrade does.
    static func connect(_ target: BenchTarget, handler: @escaping @Sendable () -> any ChannelHandler) -> EventLoopFuture<any Channel> {
        let url = URL(string: target.http)!
        let host = url.host ?? "127.0.0.1", port = url.port ?? 80
        // One loop, taken once: asking the group twice per socket (once for the promise, once in `connect`) walks its
        // round robin by two, which on a two-loop group put every socket on the same loop and left the other idle.
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let upgraded = loop.makePromise(of: (any Channel).self)
        let bootstrap = ClientBootstrap(group: loop)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let upgrader = NIOTypedWebSocketClientUpgrader<Bool>(maxFrameSize: 1 << 22) { channel, _ in
                        channel.eventLoop.makeCompletedFuture {
                            // First: it reads the socket's bytes itself, before NIO's frame decoder (which then sees none).
                            try channel.pipeline.syncOperations.addHandler(handler(), position: .first)
                            return true
                        }
                    }
                    var headers = HTTPHeaders()
                    headers.add(name: "Host", value: "\(host):\(port)")
                    let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: "/ws", headers: headers)
                    let configuration = NIOTypedHTTPClientUpgradeConfiguration<Bool>(
                        upgradeRequestHead: head, upgraders: [upgrader],
                        notUpgradingCompletionHandler: { channel in channel.eventLoop.makeSucceededFuture(false) })
                    let result = try channel.pipeline.syncOperations.configureUpgradableHTTPClientPipeline(
                        configuration: .init(upgradeConfiguration: configuration))
                    result.whenComplete { outcome in
                        switch outcome {
                        case .success(true):
                            // The HTTP handlers are gone now: the handler may speak.
                            channel.pipeline.fireUserInboundEventTriggered(Upgraded())
                            upgraded.succeed(channel)
                        case .success(false): upgraded.fail(BenchError("the server refused the WebSocket upgrade"))
                        case .failure(let error): upgraded.fail(error)
                        }
                    }
                }
            }
        bootstrap.connect(host: host, port: port).whenFailure { upgraded.fail($0) }
        return upgraded.futureResult
    }

    /// The `re` of a reply frame and whether it says ok, or nil for events. The server writes a reply's `re` and `ok`
    /// first (`{"re":N,"ok":true…`): those are read from the bytes; any other frame is parsed as JSON.
    static func reply(_ frame: ByteBuffer) -> (re: Int, ok: Bool)? {
        if let quick = frame.withUnsafeReadableBytes({ quickReply($0) }) { return quick }
        guard let object = try? JSONSerialization.jsonObject(with: Data(frame.readableBytesView)) as? [String: Any],
              let re = object["re"] as? Int else { return nil }
        return (re, object["ok"] as? Bool == true)
    }

    private static let rePrefix = Array(#"{"re":"#.utf8), okTrue = Array(#","ok":true"#.utf8), okFalse = Array(#","ok":false"#.utf8)

    private static func quickReply(_ bytes: UnsafeRawBufferPointer) -> (re: Int, ok: Bool)? {
        guard bytes.starts(with: rePrefix) else { return nil }
        var index = rePrefix.count, re = 0
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]), index < rePrefix.count + 15 {
            re = re * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            index += 1
        }
        guard index > rePrefix.count else { return nil }
        let rest = bytes[index...]
        if rest.starts(with: okTrue) { return (re, true) }
        if rest.starts(with: okFalse) { return (re, false) }
        return nil
    }
}
