import SeminarCore
import Testing

/// Who may read, write in and move a help ticket (``TicketAccess``).
struct TicketAccessTests {
    let asker = UserID(1), agent = UserID(2), otherAgent = UserID(3), stranger = UserID(4), organiser = UserID(5)
    var claimed: TicketFacts { TicketFacts(asker: asker, agent: agent, state: .claimed) }

    @Test func readingIsForTheAskerAgentsAndOrganisers() {
        #expect(refusal { try TicketAccess.mayRead(claimed, by: asker, role: .participant) } == nil)
        #expect(refusal { try TicketAccess.mayRead(claimed, by: otherAgent, role: .agent) } == nil)
        #expect(refusal { try TicketAccess.mayRead(claimed, by: organiser, role: .organiser) } == nil)
        #expect(refusal { try TicketAccess.mayRead(claimed, by: stranger, role: .host) } == .forbidden)
    }

    @Test func writingIsForTheTwoPeopleAndOrganisersAndLinksForTheHelpers() {
        #expect(refusal { try TicketAccess.mayWrite(claimed, by: asker, role: .participant, withLink: false) } == nil)
        #expect(refusal { try TicketAccess.mayWrite(claimed, by: agent, role: .agent, withLink: true) } == nil)
        #expect(refusal { try TicketAccess.mayWrite(claimed, by: organiser, role: .organiser, withLink: true) } == nil)
        #expect(refusal { try TicketAccess.mayWrite(claimed, by: asker, role: .participant, withLink: true) } == .forbidden)
        #expect(refusal { try TicketAccess.mayWrite(claimed, by: otherAgent, role: .agent, withLink: false) } == .forbidden)
        let resolved = TicketFacts(asker: asker, agent: agent, state: .resolved)
        #expect(refusal { try TicketAccess.mayWrite(resolved, by: asker, role: .participant, withLink: false) } == .conflict)
    }

    @Test func movesCheckWhoBeforeTheState() throws {
        let waiting = TicketFacts(asker: asker, agent: nil, state: .waiting)
        #expect(try TicketAccess.move(waiting, .claim, by: (otherAgent, .agent)) == .claimed)
        #expect(refusal { _ = try TicketAccess.move(waiting, .claim, by: (asker, .participant)) } == .forbidden)
        #expect(try TicketAccess.move(waiting, .resolve, by: (asker, .participant)) == .resolved)
        #expect(refusal { _ = try TicketAccess.move(claimed, .release, by: (otherAgent, .agent)) } == .forbidden)
        #expect(try TicketAccess.move(claimed, .release, by: (organiser, .organiser)) == .waiting)
        #expect(try TicketAccess.move(claimed, .release, by: nil) == .waiting)
        #expect(refusal { _ = try TicketAccess.move(claimed, .resolve, by: (stranger, .participant)) } == .forbidden)
        #expect(refusal { _ = try TicketAccess.move(claimed, .claim, by: (otherAgent, .agent)) } == .conflict)
    }
}
