import SeminarCore

extension EventWire {
    /// Every domain event on the wire, each area's mapping in its own file (`RoomWire.swift`, …).
    public static let seminar = EventWire { event, _ in
        switch event {
        case .room(let event): try event.wire()
        case .replayAdded(let replay): ("replay.added", try Outgoing.json(ReplayAdded(sessionId: replay.sessionId, replay: ReplayView(replay))))
        }
    }
}

extension AuthorView {
    public init(_ author: Author) {
        self.init(id: author.id, displayName: author.displayName, badge: author.badge)
    }
}

extension CreatedReply {
    public init(_ created: Created) {
        self.init(id: created.id, seq: created.seq)
    }
}
