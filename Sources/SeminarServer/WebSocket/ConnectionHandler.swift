import Logging
import NIOCore
import NIOWebSocket
import SeminarCore
import SeminarProtocol
import SeminarRealtime
import SeminarStore
import WSCore

/// Runs one WebSocket: registers it with the hub, reads requests in order, and closes it when the hub asks
/// (1013 too slow, 1001 shutdown, 4001 signed out).
struct ConnectionHandler {
    let services: Services

    func run(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, channel: any Channel,
             logger baseLogger: Logger, framesAsEncoded: Bool, signedIn: (UserRecord, [UInt8])?) async throws {
        let hub = services.hub
        let connection = Connection(id: hub.makeConnectionID(), channel: channel, outboxLimit: services.settings.outboxSize,
                                    framesAsEncoded: framesAsEncoded)
        var logger = baseLogger
        logger[metadataKey: "conn"] = "\(connection.id)"
        hub.register(connection)
        defer {
            hub.unregister(connection)
            if let user = connection.user, connection.role == .agent || connection.role == .organiser, !hub.isOnline(user) {
                DeskDuty(services: services).workerLeft(user)
            }
            logger.debug("socket closed", metadata: [
                "reason": "\(connection.closeReason.map { "\($0.code)" } ?? "client")",
                "outbox": "\(connection.overflowDescription ?? "-")",
            ])
        }
        var session = SocketSession(connection: connection, logger: logger)
        if let (user, hash) = signedIn { session.signIn(user, sessionHash: hash, hub: hub) }
        logger.debug("socket open", metadata: ["user": "\(signedIn?.0.id.description ?? "-")"])
        let dispatcher = Dispatcher(services: services)
        let frameLimit = services.settings.frameLimit

        // The hub's close requests (1013, 1001, 4001) write the close frame themselves (`Connection.requestClose`);
        // the client's answer, or the cut-off 5 s later, ends this loop.
        defer {
            // Leave the rooms this socket was in (attendance, presence, hands).
            let rooms = session.attendance.keys
            if !rooms.isEmpty {
                let left = session
                Task {
                    var session = left
                    for room in rooms { try? await RoomHandlers(services: dispatcher.services).leave(room: room, session: &session) }
                }
            }
        }
        for try await message in inbound.messages(maxSize: frameLimit) {
            switch message {
            case .text(let text):
                // swift-websocket checks the size of fragmented messages only; check whole frames here.
                guard text.utf8.count <= frameLimit else {
                    try await outbound.close(.messageTooLarge, reason: "message larger than \(frameLimit) bytes")
                    return
                }
                session = await Self.handleApart(text, session: session, dispatcher: dispatcher)
            case .binary:
                connection.send(Outgoing.errorEvent(DomainError(.invalid, "Binary frames are not accepted; send JSON text")))
            }
        }
    }
}

extension ConnectionHandler {
    /// Runs one request in a child task of its own; the session as the request left it. A task keeps the memory its
    /// async frames once reached (its allocator's slabs) until it ends: run on the socket's own task, the deepest
    /// request a socket ever made (entering a room, whose snapshot is the deepest path) stayed with the socket for its
    /// whole life, for each of 18,000 sockets (docs/benchmarks.md, "the memory of a socket's task"). A child task gives
    /// it back once it has answered. Requests still run one at a time, in order.
    static func handleApart(_ text: String, session: SocketSession, dispatcher: Dispatcher) async -> SocketSession {
        await withTaskGroup(of: SocketSession.self) { group in
            group.addTask {
                var session = session
                await dispatcher.handle(text, session: &session)
                return session
            }
            return await group.next() ?? session
        }
    }
}

/// What the server knows of one socket while it reads its requests.
struct SocketSession: Sendable {
    let connection: Connection
    var logger: Logger
    private(set) var user: UserRecord?
    /// Rooms entered on this socket, with their attendance record.
    var attendance: [RoomID: Int64] = [:]

    init(connection: Connection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    mutating func signIn(_ user: UserRecord, sessionHash: [UInt8], hub: Hub) {
        let first = self.user == nil
        self.user = user
        connection.signIn(user: user.id, role: user.role, sessionHash: sessionHash)
        logger[metadataKey: "user"] = "\(user.id)"
        if first { hub.signedIn(connection, user: user.id) }
    }

    mutating func update(_ user: UserRecord) {
        self.user = user
    }
}
