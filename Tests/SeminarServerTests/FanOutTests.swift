import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOEmbedded
import NIOWebSocket
@testable import SeminarRealtime
import Testing

/// Counts the flushes that reach the socket end of a pipeline.
final class FlushCounter: ChannelOutboundHandler, @unchecked Sendable {
    typealias OutboundIn = Any
    var flushes = 0

    func flush(context: ChannelHandlerContext) {
        flushes += 1
        context.flush()
    }
}

@Suite("fan-out: each event once, in order, one write per socket")
struct FanOutTests {
    struct Socket {
        let channel: EmbeddedChannel
        let counter: FlushCounter
        let connection: Connection
    }

    /// Sockets on one event loop, live on `topic` from seq `startAfter`, their ids from `firstID` on. With `encoded`, the
    /// pipeline has a WebSocket encoder and frames are written below it as encoded once.
    static func sockets(_ count: Int, on loop: EmbeddedEventLoop, hub: Hub, topic: String, encoded: Bool,
                        firstID: Int = 1, startAfter: Int64 = 0) throws -> [Socket] {
        try (0..<count).map { index in
            let counter = FlushCounter()
            let channel = EmbeddedChannel(loop: loop)
            try channel.pipeline.syncOperations.addHandler(counter)
            if encoded { try channel.pipeline.syncOperations.addHandler(WebSocketFrameEncoder()) }
            let connection = Connection(id: UInt64(firstID + index), channel: channel, outboxLimit: 100, framesAsEncoded: encoded)
            hub.register(connection)
            hub.beginSubscription(connection, topic: topic)
            hub.finishSubscription(connection, topic: topic, reply: ByteBuffer(string: "subscribed"), replay: [], startAfter: startAfter)
            return Socket(channel: channel, counter: counter, connection: connection)
        }
    }

    /// A loop, its hub, and `count` sockets live on `room:1` (encoded frames), their subscribe replies already read.
    static func room(_ count: Int) throws -> (EmbeddedEventLoop, Hub, [Socket]) {
        let loop = EmbeddedEventLoop()
        let hub = Hub(logger: Logger(label: "test"))
        let sockets = try Self.sockets(count, on: loop, hub: hub, topic: "room:1", encoded: true)
        loop.run()
        for socket in sockets { _ = try Self.texts(socket, encoded: true) }
        return (loop, hub, sockets)
    }

    /// Runs the loop until every fan-out is through: the fan-out pauses between slices on the loop's clock.
    static func drain(_ loop: EmbeddedEventLoop) {
        loop.advanceTime(by: .seconds(1))
    }

    /// The texts a socket was sent, in order.
    static func texts(_ socket: Socket, encoded: Bool) throws -> [String] {
        var texts: [String] = []
        if encoded {
            var bytes = ByteBuffer()
            while var buffer = try socket.channel.readOutbound(as: ByteBuffer.self) { bytes.writeBuffer(&buffer) }
            let decoder = EmbeddedChannel(handler: ByteToMessageHandler(WebSocketFrameDecoder(maxFrameSize: 1 << 20)))
            try decoder.writeInbound(bytes)
            while let frame = try decoder.readInbound(as: WebSocketFrame.self) { texts.append(String(buffer: frame.data)) }
            _ = try decoder.finish()
        } else {
            while let frame = try socket.channel.readOutbound(as: WebSocketFrame.self) { texts.append(String(buffer: frame.data)) }
        }
        return texts
    }

    @Test("events published faster than the fan-out goes round reach each socket once, in order, in one write",
          arguments: [false, true])
    func burst(encoded: Bool) throws {
        let loop = EmbeddedEventLoop()
        let hub = Hub(logger: Logger(label: "test"))
        let sockets = try Self.sockets(150, on: loop, hub: hub, topic: "room:1", encoded: encoded)
        loop.run()  // the subscribe replies
        for socket in sockets { #expect(try Self.texts(socket, encoded: encoded) == ["subscribed"]) }
        let before = sockets.map(\.counter.flushes)

        // Three durable events and an ephemeral one, all published before the loop runs its fan-out.
        hub.publish(topic: "room:1", seq: 1, frame: ByteBuffer(string: "e1"))
        hub.publish(topic: "room:1", seq: nil, frame: ByteBuffer(string: "presence"))
        hub.publish(topic: "room:1", seq: 2, frame: ByteBuffer(string: "e2"))
        hub.publish(topic: "room:1", seq: 3, frame: ByteBuffer(string: "e3"))
        hub.publish(topic: "room:1", seq: 2, frame: ByteBuffer(string: "e2 again"))  // a seq already delivered
        Self.drain(loop)

        for (socket, flushes) in zip(sockets, before) {
            let texts = try Self.texts(socket, encoded: encoded)
            // The durable ones once each and in order; the ephemeral one in its own turn.
            #expect(texts.filter { $0 != "presence" } == ["e1", "e2", "e3"])
            #expect(texts.filter { $0 == "presence" }.count == 1)
            // e1, e2 and e3 went out together: two flushes in all (that one, and the ephemeral event's).
            #expect(socket.counter.flushes - flushes == 2)
        }
        for socket in sockets { _ = try socket.channel.finish(acceptAlreadyClosed: true) }
    }

    @Test("a big fan-out goes out in slices: the loop reads its sockets between them, and a message sent meanwhile joins the sockets not yet reached")
    func slices() throws {
        let (loop, hub, sockets) = try Self.room(LoopFanOut.slice * 2 + 10)
        let before = sockets.map(\.counter.flushes)

        hub.publish(topic: "room:1", seq: 1, frame: ByteBuffer(string: "e1"))
        let other = NIOLockedValueBox(false)
        loop.execute { other.withLockedValue { $0 = true } }  // the loop's other work, already waiting
        loop.run()
        // One slice went out, then the loop turned to its other work instead of writing the rest.
        #expect(other.withLockedValue { $0 })
        let first = try sockets.map { try Self.texts($0, encoded: true) }
        let reached = Set(first.indices.filter { first[$0] == ["e1"] })
        #expect(reached.count == LoopFanOut.slice)
        #expect(first.indices.filter { !reached.contains($0) }.allSatisfy { first[$0].isEmpty })

        // A message read between two slices: the sockets not yet reached get both in one write.
        hub.publish(topic: "room:1", seq: 2, frame: ByteBuffer(string: "e2"))
        Self.drain(loop)
        for (index, socket) in sockets.enumerated() {
            let texts = try Self.texts(socket, encoded: true)
            if reached.contains(index) {
                #expect(texts == ["e2"])
                #expect(socket.counter.flushes - before[index] == 2)
            } else {
                #expect(texts == ["e1", "e2"])
                #expect(socket.counter.flushes - before[index] == 1)
            }
        }
        for socket in sockets { _ = try socket.channel.finish(acceptAlreadyClosed: true) }
    }

    @Test("events waiting for their turn go round together: a socket that joined between two of them gets the later ones in that round, not after a round per event")
    func waitingEventsGoRoundTogether() throws {
        let count = LoopFanOut.slice + 10
        let (loop, hub, sockets) = try Self.room(count)

        // e1 to the room as it was; then someone joins (their snapshot has e1); then twenty more, all before the loop runs.
        hub.publish(topic: "room:1", seq: 1, frame: ByteBuffer(string: "e1"))
        let joiner = try Self.sockets(1, on: loop, hub: hub, topic: "room:1", encoded: true, firstID: count + 1, startAfter: 1)[0]
        for seq in 2...21 { hub.publish(topic: "room:1", seq: Int64(seq), frame: ByteBuffer(string: "e\(seq)")) }
        #expect(try Self.texts(joiner, encoded: true) == [])

        // One round of two slices: the first now, the second after the pause.
        loop.run()
        loop.advanceTime(by: LoopFanOut.pause)
        let later = (2...21).map { "e\($0)" }
        #expect(try Self.texts(joiner, encoded: true) == ["subscribed"] + later)
        for socket in sockets { #expect(try Self.texts(socket, encoded: true) == ["e1"] + later) }
        // Nothing is left to go round, and nobody gets anything twice.
        Self.drain(loop)
        for socket in sockets + [joiner] { #expect(try Self.texts(socket, encoded: true) == []) }
        for socket in sockets + [joiner] { _ = try socket.channel.finish(acceptAlreadyClosed: true) }
    }

    @Test("a socket that left between two waiting events gets the one published before it left, and not the later ones")
    func leftBetweenWaitingEvents() throws {
        let (loop, hub, sockets) = try Self.room(3)
        hub.publish(topic: "room:1", seq: 1, frame: ByteBuffer(string: "e1"))
        hub.unsubscribe(sockets[0].connection, topic: "room:1")
        hub.publish(topic: "room:1", seq: 2, frame: ByteBuffer(string: "e2"))
        hub.publish(topic: "room:1", seq: 3, frame: ByteBuffer(string: "e3"))
        Self.drain(loop)
        #expect(try Self.texts(sockets[0], encoded: true) == ["e1"])
        for socket in sockets.dropFirst() { #expect(try Self.texts(socket, encoded: true) == ["e1", "e2", "e3"]) }
        for socket in sockets { _ = try socket.channel.finish(acceptAlreadyClosed: true) }
    }

    @Test("a shutdown's 1001 goes out after the events handed to the fan-out before it, even when they wait behind another")
    func closeAfterWaitingEvents() throws {
        let loop = EmbeddedEventLoop()
        let hub = Hub(logger: Logger(label: "test"))
        let sockets = try Self.sockets(2, on: loop, hub: hub, topic: "room:1", encoded: false)
        loop.run()
        for socket in sockets { _ = try Self.texts(socket, encoded: false) }
        hub.publish(topic: "room:1", seq: nil, frame: ByteBuffer(string: "presence"))
        hub.publish(topic: "room:1", seq: 1, frame: ByteBuffer(string: "last words"))
        hub.closeAll(.goingAway)
        Self.drain(loop)
        for socket in sockets {
            var frames: [(WebSocketOpcode, ByteBuffer)] = []
            while let frame = try socket.channel.readOutbound(as: WebSocketFrame.self) { frames.append((frame.opcode, frame.data)) }
            #expect(frames.map(\.0) == [.text, .text, .connectionClose])
            #expect(frames.prefix(2).map { String(buffer: $0.1) } == ["presence", "last words"])
            #expect(frames.last?.1.getInteger(at: 0, as: UInt16.self) == 1001)
            _ = try socket.channel.finish(acceptAlreadyClosed: true)
        }
    }

    @Test("an event published after a fan-out went round goes out on its own")
    func apart() throws {
        let (loop, hub, sockets) = try Self.room(3)
        hub.publish(topic: "room:1", seq: 1, frame: ByteBuffer(string: "e1"))
        Self.drain(loop)
        hub.publish(topic: "room:2", seq: 2, frame: ByteBuffer(string: "other room"))  // nobody follows room:2
        hub.publish(topic: "room:1", seq: 2, frame: ByteBuffer(string: "e2"))
        Self.drain(loop)
        for socket in sockets { #expect(try Self.texts(socket, encoded: true) == ["e1", "e2"]) }
        for socket in sockets { _ = try socket.channel.finish(acceptAlreadyClosed: true) }
    }

    @Test("a socket whose write buffer is full gets its events queued, then all of them in order once it has room; past the outbox bound it is closed 1013")
    func writeBufferFull() throws {
        let (loop, hub, sockets) = try Self.room(2)
        for socket in sockets { try socket.channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 9)).wait() }
        let (slow, quick) = (sockets[0], sockets[1])
        slow.channel.isWritable = false

        for seq in 1...5 { hub.publish(topic: "room:1", seq: Int64(seq), frame: ByteBuffer(string: "e\(seq)")) }
        Self.drain(loop)
        #expect(try Self.texts(slow, encoded: true) == [], "nothing written to a full buffer")
        #expect(try Self.texts(quick, encoded: true) == ["e1", "e2", "e3", "e4", "e5"])

        // Room again: NIO's writability event sends what waited, in order, with one flush.
        let flushes = slow.counter.flushes
        slow.channel.isWritable = true
        slow.channel.pipeline.fireChannelWritabilityChanged()
        #expect(try Self.texts(slow, encoded: true) == ["e1", "e2", "e3", "e4", "e5"])
        #expect(slow.counter.flushes - flushes == 1)
        hub.publish(topic: "room:1", seq: 6, frame: ByteBuffer(string: "e6"))
        Self.drain(loop)
        #expect(try Self.texts(slow, encoded: true) == ["e6"])
        #expect(try Self.texts(quick, encoded: true) == ["e6"])

        // Full for longer than the outbox (100 here) holds: closed as too slow, the other socket untouched.
        slow.channel.isWritable = false
        for seq in 7...107 { hub.publish(topic: "room:1", seq: Int64(seq), frame: ByteBuffer(string: "e\(seq)")) }
        Self.drain(loop)
        #expect(slow.connection.closeReason == .tooSlow)
        #expect(slow.connection.overflowDescription == "100 queued")
        #expect(quick.connection.closeReason == nil)
        #expect(try Self.texts(quick, encoded: true) == (7...107).map { "e\($0)" })
        for socket in sockets { _ = try socket.channel.finish(acceptAlreadyClosed: true) }
    }

    @Test("an unsubscribe lets through the events published before it (a removal's own notice), and nothing after",
          arguments: [false, true])
    func unsubscribeAfterPublished(encoded: Bool) throws {
        let loop = EmbeddedEventLoop()
        let hub = Hub(logger: Logger(label: "test"))
        let sockets = try Self.sockets(2, on: loop, hub: hub, topic: "room:1", encoded: encoded)
        loop.run()
        for socket in sockets { _ = try Self.texts(socket, encoded: encoded) }

        // The removal's event is handed to the fan-out, then its handler unsubscribes the person before the loop ran.
        hub.publish(topic: "room:1", seq: 1, frame: ByteBuffer(string: "removed"))
        hub.unsubscribe(sockets[0].connection, topic: "room:1")
        #expect(!sockets[0].connection.isSubscribed("room:1"))
        hub.publish(topic: "room:1", seq: 2, frame: ByteBuffer(string: "after"))
        Self.drain(loop)
        #expect(try Self.texts(sockets[0], encoded: encoded) == ["removed"])
        #expect(try Self.texts(sockets[1], encoded: encoded) == ["removed", "after"])

        // Nothing pending at the unsubscribe: the subscription ends at once.
        hub.unsubscribe(sockets[1].connection, topic: "room:1")
        hub.publish(topic: "room:1", seq: 3, frame: ByteBuffer(string: "later"))
        Self.drain(loop)
        #expect(try Self.texts(sockets[1], encoded: encoded) == [])
        #expect(sockets[1].connection.topics.isEmpty)
    }
}
