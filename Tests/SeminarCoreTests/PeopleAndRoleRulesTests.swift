import SeminarCore
import Testing

/// Direct contact, blocking, role changes, accounts, attachments and the plan's slots: the rules the Store used to decide.
struct PeopleAndRoleRulesTests {
    let me = UserID(1), you = UserID(2)

    @Test func directMessagesGoToSomeoneElseWhoIsNotBlocked() {
        #expect(refusal { try Contact.mayWrite(from: me, to: you, blocked: false) } == nil)
        #expect(refusal { try Contact.mayWrite(from: me, to: me, blocked: false) } == .invalid)
        #expect(refusal { try Contact.mayWrite(from: me, to: you, blocked: true) } == .forbidden)
        #expect(refusal { try Contact.mayBlock(you, by: me) } == nil)
        #expect(refusal { try Contact.mayBlock(me, by: me) } == .invalid)
    }

    @Test func anOrganiserKeepsTheirRoleAndARoomGoesWithHosting() {
        #expect(refusal { try RoleRules.maySet(.participant, of: me, withRoom: false, by: me) } == .forbidden)
        #expect(refusal { try RoleRules.maySet(.organiser, of: me, withRoom: true, by: me) } == nil)
        #expect(refusal { try RoleRules.maySet(.agent, of: you, withRoom: false, by: me) } == nil)
        #expect(refusal { try RoleRules.maySet(.host, of: you, withRoom: true, by: me) } == nil)
        #expect(refusal { try RoleRules.maySet(.participant, of: you, withRoom: true, by: me) } == .invalid)
    }

    @Test func aHostingIsTakenAwayOnlyFromSomeoneWhoHoldsIt() {
        #expect(refusal { try RoleRules.mayStopHosting(isHosting: true) } == nil)
        #expect(refusal { try RoleRules.mayStopHosting(isHosting: false) } == .notFound)
    }

    @Test func oneAccountPerEmail() {
        #expect(refusal { try AccountRules.mayCreate(emailTaken: false) } == nil)
        #expect(refusal { try AccountRules.mayCreate(emailTaken: true) } == .conflict)
    }

    @Test func postsAttachTheirAuthorsUploadsOrganisersAny() {
        #expect(refusal { try PostRules.mayAttach(uploadedBy: me, author: me, role: .host, index: 0) } == nil)
        #expect(refusal { try PostRules.mayAttach(uploadedBy: you, author: me, role: .host, index: 0) } == .forbidden)
        #expect(refusal { try PostRules.mayAttach(uploadedBy: nil, author: me, role: .host, index: 0) } == .forbidden)
        #expect(refusal { try PostRules.mayAttach(uploadedBy: you, author: me, role: .organiser, index: 0) } == nil)
    }

    @Test func aPlanCoversOneTo64Slots() {
        #expect(refusal { try Scheduler.checkSlotCount(0) } == .invalid)
        #expect(refusal { try Scheduler.checkSlotCount(1) } == nil)
        #expect(refusal { try Scheduler.checkSlotCount(64) } == nil)
        #expect(refusal { try Scheduler.checkSlotCount(65) } == .invalid)
    }
}
