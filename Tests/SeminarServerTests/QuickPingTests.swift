import Foundation
import NIOCore
import SeminarCore
import SeminarProtocol
@testable import SeminarServer
import Testing

@Suite("pings answered on the event loop")
struct QuickPingTests {
    @Test("only the exact shapes clients send are recognised; anything else is left to the dispatcher",
          arguments: [
              (#"{"id":1,"type":"ping"}"#, Int64?(1)),
              (#"{"id":42,"type":"ping","data":{}}"#, 42),
              (#"{"id":0,"type":"ping"}"#, 0),
              (#"{"id":999999999999999999,"type":"ping"}"#, 999_999_999_999_999_999),
              (#"{"id":9999999999999999999,"type":"ping"}"#, nil),  // 19 digits: the dispatcher's business
              (#"{"id":01,"type":"ping"}"#, nil),  // not JSON
              (#"{"id":-1,"type":"ping"}"#, nil),
              (#"{"id":,"type":"ping"}"#, nil),
              (#"{"type":"ping","id":3}"#, nil),
              (#"{ "id":3,"type":"ping"}"#, nil),
              (#"{"id":3,"type":"ping","data":{"x":1}}"#, nil),
              (#"{"id":3,"type":"ping"} "#, nil),
              (#"{"id":3,"type":"pingx"}"#, nil),
              (#"{"id":3,"type":"ping""#, nil),
              (#"{"id":3,"type":"ping","key":"k"}"#, nil),
              ("", nil),
          ])
    func shapes(text: String, id: Int64?) {
        #expect(QuickPing.pingID(ByteBuffer(string: text)) == id)
    }

    @Test("the written-out reply is the dispatcher's reply")
    func reply() throws {
        let now = Timestamp(milliseconds: 1_781_000_123_456)
        func object(_ text: String) throws -> NSDictionary {
            try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary)
        }
        let written = try object(Outgoing.pingReply(to: 77, serverTime: now))
        let encoded = try object(try Outgoing.reply(to: 77, PingReply(serverTime: now.iso8601)))
        #expect(written == encoded)
    }

    @Test("over a live socket: both shapes answered at once and counted; other pings answered by the dispatcher")
    func live() async throws {
        let server = try await TestServer.start()
        let socket = try await TestSocket.connect(server.ws)
        let pings: [(Int64, String)] = [
            (1, #"{"id":1,"type":"ping"}"#), (2, #"{"id":2,"type":"ping","data":{}}"#),
            (3, #"{"type":"ping","id":3}"#), (4, #"{ "id": 4, "type": "ping" }"#),
        ]
        for (id, text) in pings {
            try await socket.send(text)
            let answer = try await socket.nextAnswer()
            #expect(answer.re == id && answer.ok, "\(answer.raw)")
            #expect(Timestamp(iso8601: answer.data["serverTime"] as? String ?? "") != nil, "\(answer.raw)")
        }
        try await socket.send(#"{"id":01,"type":"ping"}"#)
        #expect(try await socket.nextAnswer().type == "error")
        try await socket.send(#"{"id":5,"type":"pingpong"}"#)
        let unknown = try await socket.nextAnswer()
        #expect(unknown.re == 5 && unknown.errorCode == "invalid")
        // The socket still works for everything else.
        #expect(try await socket.request("ping").ok)
        let scrape = String(decoding: try await HTTP.send("GET", server.http + "/metrics").body, as: UTF8.self)
        #expect(scrape.contains(#"seminar_messages_in_total{type="ping"} 5"#))
        await socket.close()
        await server.stop()
    }
}
