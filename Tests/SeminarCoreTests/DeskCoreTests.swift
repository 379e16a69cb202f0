import SeminarCore
import Testing

@Suite("welcome desk: tickets, queue, hours, FAQ")
struct DeskCoreTests {
    @Test("every legal ticket move")
    func legalMoves() throws {
        #expect(try TicketRules.next(.waiting, .claim) == .claimed)
        #expect(try TicketRules.next(.claimed, .release) == .waiting)
        #expect(try TicketRules.next(.claimed, .resolve) == .resolved)
        #expect(try TicketRules.next(.waiting, .resolve) == .resolved)
    }

    @Test("every illegal ticket move is a conflict", arguments: [
        (TicketState.claimed, TicketAction.claim), (.waiting, .release),
        (.resolved, .claim), (.resolved, .release), (.resolved, .resolve),
    ])
    func illegalMoves(state: TicketState, action: TicketAction) {
        #expect(throws: DomainError.self) { try TicketRules.next(state, action) }
        do {
            _ = try TicketRules.next(state, action)
        } catch {
            #expect(error.code == .conflict)
        }
    }

    @Test("the wait: position × median handling time, shared among the agents; four minutes each with no history")
    func waitEstimate() {
        #expect(DeskQueue.estimatedWaitMs(position: 1, agents: 1, recentHandlingMs: []) == 240_000)
        #expect(DeskQueue.estimatedWaitMs(position: 3, agents: 1, recentHandlingMs: [60_000, 120_000, 90_000]) == 270_000)
        // Two agents: positions 1 and 2 are served in the first round, 3 and 4 in the second.
        #expect(DeskQueue.estimatedWaitMs(position: 2, agents: 2, recentHandlingMs: [60_000]) == 60_000)
        #expect(DeskQueue.estimatedWaitMs(position: 3, agents: 2, recentHandlingMs: [60_000]) == 120_000)
        // No agent on duty counts as one; a bad position counts as the next.
        #expect(DeskQueue.estimatedWaitMs(position: 0, agents: 0, recentHandlingMs: [30_000]) == 30_000)
        #expect(DeskQueue.median([4, 1, 3, 2]) == 2)
        #expect(DeskQueue.median([]) == nil)
    }

    @Test("opening hours, also across midnight; bad hours are refused")
    func hours() throws {
        let day = try #require(DeskHours("08:00-20:00"))
        #expect(day.isOpen(atLocalMinute: 8 * 60))
        #expect(!day.isOpen(atLocalMinute: 20 * 60))
        #expect(!day.isOpen(atLocalMinute: 7 * 60 + 59))
        let night = try #require(DeskHours("22:00-02:30"))
        #expect(night.isOpen(atLocalMinute: 23 * 60) && night.isOpen(atLocalMinute: 60) && !night.isOpen(atLocalMinute: 12 * 60))
        #expect(night.opensText == "22:00" && night.closesText == "02:30")
        for bad in ["", "8-20", "08:00", "25:00-26:00", "08:00-08:00", "08:61-09:00"] { #expect(DeskHours(bad) == nil) }
    }

    @Test("FAQ search ignores case and accents, in every language, every word required")
    func faqSearch() throws {
        let entry = FaqEntry(id: FaqEntryID(1), position: 1, question: LocalizedText(fr: "Comment réserver une rencontre ?", en: "How do I book a meeting?"),
                             answer: LocalizedText(es: "En el salón de networking."))
        #expect(entry.matches("RESERVER"))
        #expect(entry.matches("book meeting"))
        #expect(entry.matches("salon"))
        #expect(!entry.matches("book stream"))
        #expect(entry.matches("  "))
        #expect(TextFold.fold("Coopération Œuvre Ñandú") == "cooperation oeuvre nandu")
    }

    @Test("a FAQ text needs one language; each is limited and trimmed")
    func faqValidation() throws {
        let ok = try FaqEntry.validate(LocalizedText(fr: "  Où ?  ", en: ""), field: "question", limit: 10)
        #expect(ok == LocalizedText(fr: "Où ?"))
        #expect(throws: DomainError.self) { try FaqEntry.validate(LocalizedText(), field: "question", limit: 10) }
        #expect(throws: DomainError.self) { try FaqEntry.validate(nil, field: "answer", limit: 10) }
        do {
            _ = try FaqEntry.validate(LocalizedText(es: String(repeating: "a", count: 11)), field: "answer", limit: 10)
        } catch {
            #expect(error.field == "answer.es")
        }
    }
}
