import Foundation
import SeminarCore
import SeminarPostgres
import SeminarStore
import Testing

/// The organiser console (`ConsoleStore`: figures, the desk's report, the people list, the audit log, exports, imports and
/// their one-time sign-in links, last visits, live sessions), held against every store: the embedded SQLite one and the
/// cluster's PostgreSQL one. A link tried at once on two nodes signs in once.
@Suite("console contract: SQLite and PostgreSQL")
struct ConsoleContractTests {
    typealias Subject = AccountStore & ProgramStore & RoomStore & DeskStore & ConsoleStore & EventLogStore & MailOutboxStore
    static let now = ProgramContractTests.now
    static let anyone: RoomCheck = { _ in }

    static func make(_ kind: String) async throws -> (store: any Subject, close: @Sendable () async -> Void) {
        try await StoreKinds.node(kind, as: { $0 as any Subject }, sqlite: { try AppDatabase.inMemory(wire: .seminar) })
    }

    static let compose: InvitationMail.Composer = { invitee, _ in
        OutboxMail(kind: .invitation, recipient: invitee.email, userID: invitee.userID, language: invitee.language, fromName: "Seminar",
                   content: MailContent(subject: "Invitation", text: "link /api/link/\(invitee.token)", html: "<p>link</p>"))
    }

    static func people(_ csv: String) throws -> [ImportedPerson] {
        try ParticipantImport.parse(csv, knownInterests: [:], existing: []).get()
    }

    static func tokens(_ count: Int, _ seed: UInt8) -> [(token: String, hash: [UInt8])] {
        (0..<count).map { ("t\(seed)-\($0)", [seed, UInt8($0)]) }
    }

    /// Imports the people of `csv` without invitations, their links (`[1, n]`, the n-th person's) valid for an hour.
    static func importLinks(_ store: any Subject, _ csv: String) async throws {
        _ = try await store.importParticipants(try people(csv), tokens: tokens(20, 1), passwordHash: "-", linkHours: 1, by: nil, now: now)
    }

    @Test("the figures, the desk's report and the exports read what the rooms, the desk and the people wrote", arguments: StoreKinds.all)
    func figuresAndExports(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        try await store.loadProgram(try ProgramContractTests.program(), liveNow: nil)
        let organiser = try await person(store, "Organiser", role: .organiser)
        let ana = try await person(store, "Ana")
        let ben = try await person(store, "Ben")
        let agent = try await person(store, "Agent", role: .agent)
        let session = try #require(try await store.program(for: ana.id).sessions.first)
        let room = try #require(session.roomId)

        _ = try await store.moveRoom(room, .open, by: organiser, now: Self.now)
        let visit = try await store.recordJoin(room: room, user: ana.id, now: Self.now)
        _ = try await store.recordJoin(room: room, user: ben.id, now: Self.now.adding(seconds: 60))
        try await store.recordLeave(attendance: visit, now: Self.now.adding(seconds: 600))
        _ = try await store.sendChat(room: room, text: "Hello", replyTo: nil, by: ana, key: nil, now: Self.now, check: Self.anyone)
        _ = try await store.askQuestion(room: room, text: "Why?", by: ben, key: nil, now: Self.now, check: Self.anyone)
        let poll = PollID(try await store.createPoll(room: room, poll: try NewPoll(question: "Which?", options: ["A", "B"], kind: "choice"), by: organiser,
                                                     now: Self.now).id)
        _ = try await store.votePoll(poll, option: 1, words: nil, by: ana, now: Self.now, check: Self.anyone)
        try await store.touch(user: ana.id, now: Self.now)

        let resolved = try await store.askDesk(asker: ana, text: "Where?", page: nil, roomId: nil, key: nil, agents: 1, now: Self.now).id
        _ = try await store.moveTicket(resolved, .claim, by: agent, agents: 1, now: Self.now.adding(seconds: 30))
        _ = try await store.moveTicket(resolved, .resolve, by: agent, agents: 1, now: Self.now.adding(seconds: 90))
        _ = try await store.askDesk(asker: ben, text: "Help", page: nil, roomId: nil, key: nil, agents: 1, now: Self.now)

        let dayStart = Self.now.adding(seconds: -3600)
        let figures = try await store.adminFigures(dayStart: dayStart, now: Self.now)
        #expect(figures.onlineToday == 1 && figures.registered == 4)
        #expect(figures.rooms.map(\.roomId) == [room] && figures.rooms.first?.title.en == "Plenary" && figures.rooms.first?.state == "open")
        #expect(figures.rooms.first?.peak == 2 && figures.rooms.first?.sessionId == session.id)
        #expect(figures.desk == SeminarFigures.Desk(waiting: 1, claimed: 0, resolvedToday: 1))
        #expect(figures.meetings == SeminarFigures.Meetings(requested: 0, accepted: 0, held: 0, cancelled: 0, noShow: 0))
        #expect(figures.messagesPerMinute.count == 60 && figures.messagesPerMinute.last?.count == 2 && figures.messagesPerMinute.dropLast().allSatisfy { $0.count == 0 })

        let desk = try await store.deskStats(dayStart: dayStart)
        #expect(desk.waiting == 1 && desk.claimed == 0 && desk.resolvedToday == 1 && desk.medianWaitMs == 30_000 && desk.medianHandlingMs == 60_000)
        #expect(desk.agents.map(\.agent.id) == [agent.id] && desk.agents.first?.handled == 1 && desk.agents.first?.open == 0
                && desk.agents.first?.medianHandlingMs == 60_000)

        let attendance = try await store.export(.attendance, roomId: nil, language: .en, now: Self.now)
        #expect(attendance.header.first == "person" && attendance.rows.map { $0[0] } == ["Ana", "Ben"])
        #expect(attendance.rows.first == ["Ana", ana.email, String(room.rawValue), "Plenary", Self.now.iso8601, Self.now.adding(seconds: 600).iso8601, "10"])
        #expect(attendance.rows.last?.suffix(2) == ["", ""])
        let questions = try await store.export(.questions, roomId: room, language: .en, now: Self.now)
        #expect(questions.rows == [[String(room.rawValue), "Plenary", "Ben", "Why?", "0", "no", "no", Self.now.iso8601]])
        let polls = try await store.export(.polls, roomId: nil, language: .en, now: Self.now)
        #expect(polls.rows.map { Array($0.suffix(3)) } == [["choice", "A", "0"], ["choice", "B", "1"]] && polls.rows.first?[1] == "Plenary")
        let chat = try await store.export(.chat, roomId: room, language: .en, now: Self.now)
        #expect(chat.rows.map { Array($0[1...]) } == [["Ana", "Hello", "", "no", Self.now.iso8601]])
        let elsewhere = try await store.export(.chat, roomId: RoomID(room.rawValue + 1), language: .en, now: Self.now)
        #expect(elsewhere.rows.isEmpty)
        let meetings = try await store.export(.meetings, roomId: nil, language: .en, now: Self.now)
        #expect(meetings.header.count == 10 && meetings.rows.isEmpty)
        let participants = try await store.export(.participants, roomId: nil, language: .en, now: Self.now)
        #expect(participants.rows.map { $0[2] } == ["Organiser", "Ana", "Ben", "Agent"])
        #expect(participants.rows[1].last == Self.now.iso8601 && participants.rows[2].last == "")
        await close()
    }

    @Test("the audit log: newest first in pages, names on its targets; exported with each id beside its name", arguments: StoreKinds.all)
    func auditLog(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        try await store.loadProgram(try ProgramContractTests.program(), liveNow: nil)
        let organiser = try await person(store, "Organiser", role: .organiser)
        let ana = try await person(store, "Ana")
        let room = try #require(try await store.program(for: ana.id).sessions.first?.roomId)
        try await store.audit(actor: organiser.id, action: "POST /one", target: "userId=\(ana.id.rawValue)", detail: "first", now: Self.now)
        try await store.audit(actor: nil, action: "POST /two", target: "free text", detail: String(repeating: "d", count: 3_000), now: Self.now)
        try await store.audit(actor: organiser.id, action: "POST /three", target: "roomId=\(room.rawValue) userId=999999", detail: "third",
                              now: Self.now.adding(seconds: 1))

        let first = try await store.auditPage(before: nil, limit: 2, language: .en)
        #expect(first.more && first.records.map(\.action) == ["POST /three", "POST /two"])
        #expect(first.records[0].names.map(\.name) == ["Plenary"] && first.records[0].actor == Author(id: organiser.id, displayName: "Organiser"))
        #expect(first.records[1].actor == nil && first.records[1].detail.count == 2_000 && first.records[1].names.isEmpty)
        let second = try await store.auditPage(before: first.records.last?.id.rawValue, limit: 2, language: .en)
        #expect(!second.more && second.records.map(\.action) == ["POST /one"] && second.records[0].names.map(\.name) == ["Ana"])
        #expect(second.records[0].at == Self.now)

        let export = try await store.export(.audit, roomId: nil, language: .en, now: Self.now)
        #expect(export.rows.map { $0[4] } == ["POST /one", "POST /two", "POST /three"])
        #expect(Array(export.rows[0][2...6]) == [String(organiser.id.rawValue), "Organiser", "POST /one", String(ana.id.rawValue), "Ana"])
        #expect(Array(export.rows[2][5...10]) == ["999999", "", String(room.rawValue), "Plenary", "", ""])
        await close()
    }

    @Test("the people list: by name or email whatever the case, by role, newest first in pages, with hosted rooms and last visits",
          arguments: StoreKinds.all)
    func peopleList(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        try await store.loadProgram(try ProgramContractTests.program(), liveNow: nil)
        let ana = try await store.createUser(email: "Ana.Lopez@Example.org", passwordHash: "-", displayName: "Ana López", locale: .es, role: .participant,
                                             now: Self.now)
        let ben = try await person(store, "Ben", role: .host)
        let cy = try await person(store, "Cy_100%", role: .organiser)
        let session = try #require(try await store.program(for: ana.id).sessions.first)
        try await store.addHost(user: ben.id, session: session.id)
        try await store.touch(user: ben.id, now: Self.now)

        #expect(try await store.allEmails() == ["ana.lopez@example.org", ben.email.lowercased(), cy.email.lowercased()])
        let all = try await store.peopleList(query: nil, role: nil, before: nil, limit: 10)
        #expect(all.people.map(\.id) == [cy.id, ben.id, ana.id] && !all.more)
        let room = try #require(session.roomId)
        #expect(all.people[1].hostedRooms == [room] && all.people[1].lastSeenAt == Self.now && all.people[2].lastSeenAt == nil)
        #expect(all.people[2] == ConsolePerson(id: ana.id, email: ana.email, displayName: "Ana López", role: .participant, organisation: "",
                                               lastSeenAt: nil, hostedRooms: []))
        #expect(try await store.peopleList(query: "  LOPEZ@ ", role: nil, before: nil, limit: 10).people.map(\.id) == [ana.id])
        #expect(try await store.peopleList(query: "ana ", role: nil, before: nil, limit: 10).people.map(\.id) == [ana.id])
        #expect(try await store.peopleList(query: "_100%", role: nil, before: nil, limit: 10).people.map(\.id) == [cy.id])
        #expect(try await store.peopleList(query: "y_1", role: nil, before: nil, limit: 10).people.map(\.id) == [cy.id])
        #expect(try await store.peopleList(query: "a%z", role: nil, before: nil, limit: 10).people.isEmpty, "a % is a percent sign, not a wildcard")
        #expect(try await store.peopleList(query: nil, role: .host, before: nil, limit: 10).people.map(\.id) == [ben.id])
        let page = try await store.peopleList(query: nil, role: nil, before: nil, limit: 2)
        #expect(page.more && page.people.map(\.id) == [cy.id, ben.id])
        let next = try await store.peopleList(query: nil, role: nil, before: ben.id.rawValue, limit: 2)
        #expect(!next.more && next.people.map(\.id) == [ana.id])
        await close()
    }

    @Test("an import creates and updates in one transaction: a link and an invitation for each new person, none for an existing one",
          arguments: StoreKinds.all)
    func importParticipants(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let organiser = try await person(store, "Organiser", role: .organiser)
        let old = try await store.createUser(email: "old@x.org", passwordHash: "secret", displayName: "Old", locale: .en, role: .participant, now: Self.now)
        let topics: [Topic] = [.user(old.id), .user(organiser.id)]
        let outcome = try await store.importParticipants(
            try Self.people("email,name,role,organisation,languages\nana@x.org,Ana,,Acme,fr\nOLD@x.org,Olda,host,Initech,\nbo@x.org,Bo,,,es;en\n"),
            tokens: Self.tokens(3, 1), passwordHash: "nobody", linkHours: 72, by: organiser.id, now: Self.now, invite: Self.compose)
        #expect(outcome.created == 2 && outcome.updated == 1 && outcome.invited == 2)
        #expect(outcome.accounts.map(\.created) == [true, false, true] && outcome.accounts.map(\.signInToken) == ["t1-0", nil, "t1-2"])
        #expect(outcome.accounts[1].userId == old.id.rawValue && outcome.accounts[0].expiresAt == Self.now.adding(seconds: 72 * 3600))
        let mails = try await store.outbox()
        #expect(mails.map(\.recipient) == ["ana@x.org", "bo@x.org"] && mails.map(\.kind) == ["invitation", "invitation"])
        #expect(try await store.events(topic: .user(old.id), since: 0).events.count == 1, "the role change, told")
        let updated = try #require(try await store.user(id: old.id))
        #expect(updated.displayName == "Olda" && updated.role == .host && updated.passwordHash == "secret")
        let bo = try #require(try await store.user(email: "bo@x.org"))
        #expect(bo.displayName == "Bo" && bo.locale == .es && bo.passwordHash == "nobody")
        let list = try await store.peopleList(query: "x.org", role: nil, before: nil, limit: 10)
        #expect(list.people.map(\.organisation) == ["", "Acme", "Initech"])
        #expect(try await store.auditPage(before: nil, limit: 1, language: .en).records.first?.detail == "created 2, updated 1, invited 2")

        // Again, without invitations: nothing new is made, nothing queued, nobody told again.
        let heads0 = try await heads(store, topics)
        let again = try await store.importParticipants(try Self.people("email,name,role\nana@x.org,Ana,\nold@x.org,Olda,host\n"), tokens: Self.tokens(2, 2),
                                                       passwordHash: "-", linkHours: 72, by: organiser.id, now: Self.now)
        #expect(again.created == 0 && again.updated == 2 && again.invited == 0 && again.accounts.allSatisfy { $0.signInToken == nil })
        #expect(try await store.outbox().count == 2)
        #expect(try await heads(store, topics) == heads0)
        #expect(try await store.consumeSignInLink(hash: [2, 0], now: Self.now) == nil, "an existing account gets no link")
        await close()
    }

    @Test("at once: three imports of the same new people create each once, the others update them", arguments: StoreKinds.all)
    func racingImports(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let emails = (0..<8).map { "p\($0)@x.org" }
        let people = try Self.people("email,name\n" + emails.map { "\($0),P\n" }.joined())
        let outcomes = try await withThrowingTaskGroup(of: ImportOutcome.self) { group in
            for seed in 1...3 {
                group.addTask {
                    try await store.importParticipants(people, tokens: Self.tokens(8, UInt8(seed)), passwordHash: "-", linkHours: 1, by: nil, now: Self.now,
                                                       invite: Self.compose)
                }
            }
            return try await group.reduce(into: [ImportOutcome]()) { $0.append($1) }
        }
        #expect(outcomes.map(\.created).sorted() == [0, 0, 8] && outcomes.map(\.updated).sorted() == [0, 8, 8])
        #expect(try await store.allEmails() == Set(emails))
        #expect(try await store.outbox().count == 8, "the new people's invitations, once")
        await close()
    }

    @Test("a sign-in link signs in once, before it expires; spent either way", arguments: StoreKinds.all)
    func signInLinks(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        try await Self.importLinks(store, "email,name\nana@x.org,Ana\nbo@x.org,Bo\n")
        #expect(try await store.consumeSignInLink(hash: [9, 9], now: Self.now) == nil)
        #expect(try await store.consumeSignInLink(hash: [1, 0], now: Self.now)?.email == "ana@x.org")
        #expect(try await store.consumeSignInLink(hash: [1, 0], now: Self.now) == nil)
        let late = Self.now.adding(seconds: 3601)
        #expect(try await store.consumeSignInLink(hash: [1, 1], now: late) == nil)
        #expect(try await store.consumeSignInLink(hash: [1, 1], now: Self.now) == nil, "an expired link tried is spent")
        await close()
    }

    @Test("at once: each link tried by six sign-ins together signs in once", arguments: StoreKinds.all)
    func racingLink(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let emails = (0..<10).map { "p\($0)@x.org" }
        try await Self.importLinks(store, "email,name\n" + emails.map { "\($0),P\n" }.joined())
        let signedIn = try await withThrowingTaskGroup(of: UserRecord?.self) { group in
            for link in 0..<10 {
                for _ in 0..<6 { group.addTask { try await store.consumeSignInLink(hash: [1, UInt8(link)], now: Self.now) } }
            }
            return try await group.reduce(into: [UserRecord]()) { if let user = $1 { $0.append(user) } }
        }
        #expect(signedIn.map(\.email).sorted() == emails.sorted())
        await close()
    }

    @Test("last visits and live sessions", arguments: StoreKinds.all)
    func sessionsAndVisits(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let ana = try await person(store, "Ana")
        try await store.createAuthSession(tokenHash: [1], user: ana.id, now: Self.now, expiresAt: Self.now.adding(seconds: 3600))
        try await store.createAuthSession(tokenHash: [2], user: ana.id, now: Self.now, expiresAt: Self.now.adding(seconds: 60))
        #expect(try await store.liveSessions(among: [[1], [2], [3]], now: Self.now) == [[1], [2]])
        #expect(try await store.liveSessions(among: [[1], [2], [3]], now: Self.now.adding(seconds: 60)) == [[1]])
        let many = (0..<1_200).map { [UInt8($0 % 256), UInt8($0 / 256), 7] } + [[1]]
        #expect(try await store.liveSessions(among: many, now: Self.now) == [[1]])
        #expect(try await store.liveSessions(among: [], now: Self.now).isEmpty)
        #expect(try await store.adminFigures(dayStart: Self.now, now: Self.now).onlineToday == 0)
        try await store.touch(user: ana.id, now: Self.now.adding(seconds: 5))
        #expect(try await store.adminFigures(dayStart: Self.now, now: Self.now).onlineToday == 1)
        #expect(try await store.adminFigures(dayStart: Self.now.adding(seconds: 6), now: Self.now).onlineToday == 0)
        await close()
    }
}
