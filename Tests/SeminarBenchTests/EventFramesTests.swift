import NIOCore
import Testing
@testable import seminar_bench

@Suite struct EventFramesTests {
    let room = EventFrames(topic: "room:4")

    func frame(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    @Test func aChatMessageOfTheRoomGivesItsSeq() {
        let event = #"{"topic":"room:4","seq":412,"type":"chat.message","at":"2026-12-07T10:02:03.120Z","data":{"text":"hi"}}"#
        let read = room.sequenced(frame(event))
        #expect(read?.seq == 412)
        #expect(read?.chat == true)
    }

    @Test func anotherLoggedEventOfTheRoomIsNotChat() {
        let read = room.sequenced(frame(#"{"topic":"room:4","seq":9,"type":"question.asked","at":"x","data":{}}"#))
        #expect(read?.seq == 9)
        #expect(read?.chat == false)
    }

    @Test func otherTopicsRepliesAndEphemeralEventsAreSkipped() {
        #expect(room.sequenced(frame(#"{"topic":"room:41","seq":9,"type":"chat.message","at":"x","data":{}}"#)) == nil)
        #expect(room.sequenced(frame(#"{"topic":"user:4","seq":9,"type":"chat.message","at":"x","data":{}}"#)) == nil)
        #expect(room.sequenced(frame(#"{"topic":"room:4","type":"presence","at":"x","data":{}}"#)) == nil)
        #expect(room.sequenced(frame(#"{"re":2,"ok":true,"data":{"seq":5}}"#)) == nil)
    }

    @Test func repliesAreToldFromEvents() {
        #expect(!EventFrames.isEvent(frame(#"{"re":2,"ok":true,"data":{}}"#)))
        #expect(!EventFrames.isEvent(frame(#"{"data":{"seq":4},"ok":true,"re":2}"#)))
        #expect(EventFrames.isEvent(frame(#"{"topic":"room:4","seq":1,"type":"chat.message"}"#)))
        #expect(EventFrames.isEvent(frame(#"{"type":"error","data":{}}"#)))
    }
}
