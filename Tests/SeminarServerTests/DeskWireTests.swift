import Foundation
import SeminarCore
import SeminarProtocol
import Testing

/// The welcome desk's events on the wire, as clients (and the log's older rows) read them.
struct DeskWireTests {
    static let at = Timestamp(milliseconds: 1_700_000_000_000)

    @Test func aTicketGoesOutWithItsAskersPhotoAndItsPlace() throws {
        let ticket = Ticket(id: TicketID(5), state: .waiting, text: "Where?", page: "#/lounge", roomId: nil, asker: Author(id: UserID(7), displayName: "Ana"),
                            askerPhoto: FileID(12), agent: nil, createdAt: Self.at, claimedAt: nil, resolvedAt: nil, position: 2, estimatedWaitMs: 60_000)
        try MeetingWireTests.expect(.desk(.ticketUpdated(ticket)), "ticket.updated",
                                    ##"{"ticket":{"id":5,"state":"waiting","text":"Where?","page":"#/lounge","asker":{"id":7,"displayName":"Ana","photo":12},"## +
                                    #""createdAt":"\#(Self.at.iso8601)","position":2,"estimatedWaitMs":60000}}"#)
    }

    @Test func messagesAndReadMarksKeepTheirTypesAndData() throws {
        let link = DeskLink(kind: "room", roomId: RoomID(3), hash: "#/room/3", title: "Plenary")
        let message = DeskMessage(id: DeskMessageID(9), ticketId: TicketID(5), author: Author(id: UserID(8), displayName: "Bo", badge: .agent), text: "There", link: link, at: Self.at)
        try MeetingWireTests.expect(.desk(.message(message)), "desk.message",
                                    #"{"id":9,"ticketId":5,"author":{"id":8,"displayName":"Bo","badge":"agent"},"text":"There","# +
                                    ##""link":{"kind":"room","roomId":3,"hash":"#/room/3","title":"Plenary"},"at":"\##(Self.at.iso8601)"}"##)
        try MeetingWireTests.expect(.desk(.read(ticketId: TicketID(5), upTo: DeskMessageID(9))), "desk.read", #"{"ticketId":5,"upTo":9}"#)
    }
}
