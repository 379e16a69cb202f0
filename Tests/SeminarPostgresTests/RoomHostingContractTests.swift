import Foundation
import SeminarCore
import SeminarPostgres
import SeminarStore
import Testing

/// A room's hosts at work, its polls, what a person finds on entering it, its stage and its replays (`RoomStore`,
/// `StageStore`), held against every store: the embedded SQLite one and the cluster's PostgreSQL one.
@Suite("room hosting contract: SQLite and PostgreSQL")
struct RoomHostingContractTests {
    typealias Subject = RoomContractTests.Subject & StageStore
    static let now = ProgramContractTests.now
    static let anyone = RoomContractTests.anyone

    /// A fresh store with the contract program; the first session's room, its host, and a participant in it.
    static func make(_ kind: String) async throws -> (store: any Subject, room: RoomID, host: UserRecord, ana: UserRecord, close: @Sendable () async -> Void) {
        let (store, close) = try await StoreKinds.node(kind, as: { $0 as any Subject }, sqlite: { try AppDatabase.inMemory(wire: .seminar) })
        try await store.loadProgram(try ProgramContractTests.program(), liveNow: nil)
        let host = try await ProgramContractTests.person(store, "Host", role: .host)
        let ana = try await ProgramContractTests.person(store, "Ana")
        let first = try #require(try await store.program(for: ana.id).sessions.first)
        try await store.addHost(user: host.id, session: first.id)
        return (store, try #require(first.roomId), host, ana, close)
    }

    @Test("host acts: lock, capacity, streams, pin, mute, remove and marks; the same again tells nobody; others are refused",
          arguments: StoreKinds.all)
    func hostActs(kind: String) async throws {
        let (store, room, host, ana, close) = try await Self.make(kind)
        let start = try await heads(store, [.room(room)])
        #expect(await refusal { try await store.setAccess(room, locked: true, capacity: nil, by: ana, now: Self.now) } == .forbidden)
        #expect(await refusal { try await store.mute(room, user: host.id, minutes: 5, by: ana, now: Self.now) } == .forbidden)
        #expect(await refusal { try await store.mute(room, user: UserID(999_999), minutes: 5, by: host, now: Self.now) } == .notFound)
        #expect(await refusal { try await store.pin(room, message: ChatMessageID(999_999), by: host, now: Self.now) } == .notFound)
        #expect(try await heads(store, [.room(room)]) == start)

        let locked = try await store.setAccess(room, locked: true, capacity: 30, by: host, now: Self.now)
        #expect(locked.locked && locked.capacity == 30)
        #expect(try await store.setAccess(room, locked: true, capacity: 30, by: host, now: Self.now) == locked)
        #expect(try await store.setAccess(room, locked: nil, capacity: 0, by: host, now: Self.now).capacity == nil)
        #expect(try await store.setStream(room, language: "fr", url: "https://example.org/fr.m3u8", by: host, now: Self.now).streams
                == ["fr": "https://example.org/fr.m3u8"])
        let message = ChatMessageID(try await store.sendChat(room: room, text: "Hi", replyTo: nil, by: ana, key: nil, now: Self.now, check: Self.anyone).id)
        #expect(try await store.pin(room, message: message, by: host, now: Self.now).pinnedMessageId == message)
        let told = try await store.events(topic: .room(room), since: start[0]).events.map(\.type)
        #expect(told == ["room.updated", "room.updated", "room.updated", "chat.message", "room.updated"])

        let until = try await store.mute(room, user: ana.id, minutes: 10, by: host, now: Self.now)
        #expect(until == Self.now.adding(seconds: 600))
        #expect(try await store.roomFacts(room: room, for: ana).facts.standing.mutedUntil == until)
        #expect(try await store.mute(room, user: ana.id, minutes: 0, by: host, now: Self.now) == nil)
        try await store.removeFromRoom(room, user: ana.id, by: host, now: Self.now)
        let removed = try await heads(store, [.room(room)])
        try await store.removeFromRoom(room, user: ana.id, by: host, now: Self.now)
        #expect(try await heads(store, [.room(room)]) == removed, "removed already: nobody is told again")
        #expect(try await store.roomFacts(room: room, for: ana).facts.standing.removed)
        // Entering reads the room rule's facts with the snapshot: the same facts, for a person and for a host.
        for person in [ana, host] {
            let facts = try await store.roomFacts(room: room, for: person).facts
            #expect(try await store.roomSnapshot(room: room, for: person, since: nil, now: Self.now).facts == facts)
        }

        let question = QuestionID(try await store.askQuestion(room: room, text: "Why?", by: host, key: nil, now: Self.now, check: Self.anyone).id)
        #expect(await refusal { try await store.markQuestion(question, answered: true, by: ana, now: Self.now) } == .forbidden)
        try await store.markQuestion(question, answered: false, by: host, now: Self.now)
        try await store.markQuestion(question, answered: false, by: host, now: Self.now)
        let marked = try await store.events(topic: .room(room), since: removed[0]).events.map(\.type)
        #expect(marked == ["question.asked", "question.hidden"])
        #expect(try await store.roomSnapshot(room: room, for: ana, since: nil, now: Self.now).entry.questions.isEmpty, "hidden from people")
        #expect(try await store.roomSnapshot(room: room, for: host, since: nil, now: Self.now).entry.questions.map(\.hidden) == [true])
        await close()
    }

    @Test("polls: one answer each, counted when many answer at once; a closed poll takes none", arguments: StoreKinds.all)
    func polls(kind: String) async throws {
        let (store, room, host, ana, close) = try await Self.make(kind)
        let choice = try NewPoll(question: "Which?", options: ["A", "B"], kind: "choice")
        #expect(await refusal { try await store.createPoll(room: room, poll: choice, by: ana, now: Self.now) } == .forbidden)
        let poll = PollID(try await store.createPoll(room: room, poll: choice, by: host, now: Self.now).id)
        let mine = try await store.votePoll(poll, option: 1, words: nil, by: ana, now: Self.now, check: Self.anyone)
        #expect(mine.counts == [0, 1] && mine.yourVote == 1)
        #expect(await refusal { try await store.votePoll(poll, option: 0, words: nil, by: ana, now: Self.now, check: Self.anyone) } == .conflict)
        #expect(await refusal { try await store.votePoll(poll, option: 5, words: nil, by: host, now: Self.now, check: Self.anyone) } == .invalid)
        var voters: [UserRecord] = []
        for index in 0..<6 { voters.append(try await ProgramContractTests.person(store, "Voter\(index)")) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for voter in voters { group.addTask { _ = try await store.votePoll(poll, option: 0, words: nil, by: voter, now: Self.now, check: Self.anyone) } }
            try await group.waitForAll()
        }
        let seen = try await store.roomSnapshot(room: room, for: ana, since: nil, now: Self.now).entry.polls
        #expect(seen.map(\.counts) == [[6, 1]] && seen.map(\.yourVote) == [1])

        let words = PollID(try await store.createPoll(room: room, poll: try NewPoll(question: "One word?", options: nil, kind: "words"), by: host,
                                                      now: Self.now).id)
        #expect(try await store.votePoll(words, option: nil, words: ["Water", "cities"], by: ana, now: Self.now, check: Self.anyone).yourWords.count == 2)
        try await store.closePoll(words, by: host, now: Self.now)
        let closed = try await heads(store, [.room(room)])
        try await store.closePoll(words, by: host, now: Self.now)
        #expect(try await heads(store, [.room(room)]) == closed)
        #expect(await refusal { try await store.votePoll(words, option: nil, words: ["late"], by: host, now: Self.now, check: Self.anyone) } == .conflict)
        await close()
    }

    @Test("entering: the snapshot and the events after `since` are read together; attendance is kept", arguments: StoreKinds.all)
    func entering(kind: String) async throws {
        let (store, room, host, ana, close) = try await Self.make(kind)
        let first = try await store.sendChat(room: room, text: "One", replyTo: nil, by: ana, key: nil, now: Self.now, check: Self.anyone)
        _ = try await store.sendChat(room: room, text: "Two", replyTo: nil, by: host, key: nil, now: Self.now, check: Self.anyone)
        let (_, entry, replay) = try await store.roomSnapshot(room: room, for: ana, since: first.seq, now: Self.now)
        #expect(entry.chat.map(\.text) == ["One", "Two"] && !entry.isHost && entry.breakout == nil && entry.room.id == room)
        #expect(replay.events.map(\.type) == ["chat.message"] && replay.latestSeq == first.seq + 1)
        #expect(try await store.roomSnapshot(room: room, for: host, since: nil, now: Self.now).entry.isHost)
        #expect(await refusal { try await store.roomSnapshot(room: RoomID(999_999), for: ana, since: nil, now: Self.now) } == .notFound)

        let joined = try await store.recordJoin(room: room, user: ana.id, now: Self.now)
        try await store.recordLeave(attendance: joined, now: Self.now.adding(seconds: 60))
        let rows = try await store.attendance(room: room)
        #expect(rows.map(\.user) == [ana.id.rawValue] && rows.first?.left == Self.now.adding(seconds: 60))
        await close()
    }

    @Test("breakouts whose time is up end once, however many clocks end them at once; the snapshot tells your group", arguments: StoreKinds.all)
    func expiredBreakouts(kind: String) async throws {
        let (store, room, host, ana, close) = try await Self.make(kind)
        let groups = try await store.startBreakouts(parent: room, groups: [[ana.id], [host.id]], minutes: 5, by: host, now: Self.now)
        #expect(try await store.roomSnapshot(room: room, for: ana, since: nil, now: Self.now).entry.breakout?.yourRoomId == groups[0].roomId)
        #expect(try await store.endExpiredBreakouts(now: Self.now.adding(seconds: 299)).isEmpty)
        let ended = try await withThrowingTaskGroup(of: [RoomID].self) { group in
            for _ in 0..<3 { group.addTask { try await store.endExpiredBreakouts(now: Self.now.adding(seconds: 300)) } }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(ended.sorted() == groups.map(\.roomId).sorted())
        #expect(try await store.events(topic: .user(ana.id), since: 0).events.map(\.type) == ["breakout.assigned", "breakout.ended"])
        #expect(try await store.roomSnapshot(room: room, for: ana, since: nil, now: Self.now).entry.breakout == nil)
        await close()
    }

    @Test("the stage: invitations in order, decided on the count read with them; replays kept and told", arguments: StoreKinds.all)
    func stage(kind: String) async throws {
        let (store, room, host, ana, close) = try await Self.make(kind)
        let ben = try await ProgramContractTests.person(store, "Ben")
        let atMostOne: @Sendable (RoomFacts, Int, Bool) throws -> Void = { facts, invited, already in
            try RoomHosting.require(isHost: facts.isHost)
            if !already, invited >= 1 { throw DomainError(.conflict, "full") }
        }
        #expect(await refusal { try await store.inviteToStage(room: room, user: ben.id, by: ana, now: Self.now, decide: atMostOne) } == .forbidden)
        try await store.inviteToStage(room: room, user: ana.id, by: host, now: Self.now, decide: atMostOne)
        try await store.inviteToStage(room: room, user: ana.id, by: host, now: Self.now, decide: atMostOne)
        #expect(await refusal { try await store.inviteToStage(room: room, user: ben.id, by: host, now: Self.now, decide: atMostOne) } == .conflict)
        #expect(try await store.stageSpeakers(room: room) == [StageSpeaker(userId: ana.id, displayName: "Ana")])
        #expect(try await store.stageFacts(room: room, for: ana).invited)
        try await store.removeFromStage(room: room, user: ana.id, by: host) { try RoomHosting.require(isHost: $0.isHost) }
        #expect(try await store.stageSpeakers(room: room).isEmpty)

        let feed = RecordedFeed(speakerId: ana.id, speaker: "Ana", kind: "camera", file: "r1/ana.webm", mediaType: "video/webm", bytes: 10,
                                startedAt: Self.now, endedAt: Self.now.adding(seconds: 60))
        let replays = try await store.addReplays(room: room, feeds: [feed], recordedBy: host.id, now: Self.now)
        #expect(replays.map(\.speaker) == ["Ana"] && replays.first?.roomId == room)
        #expect(try await store.events(topic: .seminar, since: 0).events.map(\.type).last == "replay.added")
        let file = try await store.replayFile(id: try #require(replays.first?.id))
        #expect(file?.file == "r1/ana.webm" && file?.mediaType == "video/webm")
        #expect(try await store.replayFile(id: ReplayID(999_999)) == nil)
        await close()
    }
}
