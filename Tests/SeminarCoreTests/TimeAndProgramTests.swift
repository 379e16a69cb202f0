import Foundation
import SeminarCore
import Testing

@Suite("time and the demo program")
struct TimeAndProgramTests {
    @Test("ISO 8601 round trip", arguments: ["1970-01-01T00:00:00.000Z", "2021-02-15T10:02:03.120Z", "2024-02-29T23:59:59.999Z", "1969-12-31T23:59:59.000Z"])
    func roundTrip(text: String) throws {
        let stamp = try #require(Timestamp(iso8601: text))
        #expect(stamp.iso8601 == text)
    }

    @Test("parsing: minutes-only local times, and refusals")
    func parsing() {
        #expect(Timestamp(iso8601: "2021-02-15T10:00")?.iso8601 == "2021-02-15T10:00:00.000Z")
        #expect(Timestamp(iso8601: "2021-02-15T10:00:05.5Z")?.milliseconds == Timestamp(iso8601: "2021-02-15T10:00:05.500Z")?.milliseconds)
        for bad in ["", "2021-13-01T00:00", "2021-02-15 10", "2021-02-15T25:00", "yesterday", "2021-02-15T10:00+01:00"] {
            #expect(Timestamp(iso8601: bad) == nil, "\(bad)")
        }
    }

    @Test("the demo shift puts the anchor 30 to 60 minutes before now, on a half hour")
    func demoShift() {
        let anchor: Int64 = 1_613_383_200  // 2021-02-15T10:00Z
        for now in stride(from: Int64(1_795_000_000), to: 1_795_000_000 + 7_200, by: 97) {
            let start = anchor + DemoSchedule.shift(anchorStart: anchor, now: now)
            #expect(now - start >= 1_800 && now - start < 3_600)
            #expect(start % 1_800 == 0)
        }
    }

    static let file = ProgramFile(
        name: LocalizedText(fr: "Séminaire", en: "Seminar"), tagline: nil, timeZone: "Europe/Madrid", anchorSession: "b",
        tracks: [.init(key: "t", name: LocalizedText(en: "Track"))],
        sessions: [
            .init(key: "a", track: "t", start: "2021-02-15T09:00", end: "2021-02-15T10:00", title: LocalizedText(en: "A"), description: nil),
            .init(key: "b", track: nil, start: "2021-02-15T10:30", end: "2021-02-15T12:00", title: LocalizedText(fr: "B"), description: nil),
        ])

    @Test("resolving converts local times with the zone's offset and shifts the week to now")
    func resolve() throws {
        let program = try Self.file.resolve(offset: { _ in 3_600 }, now: nil)
        #expect(program.sessions[0].startsAt.iso8601 == "2021-02-15T08:00:00.000Z")
        #expect(program.startsAt.iso8601 == "2021-02-15T08:00:00.000Z" && program.endsAt.iso8601 == "2021-02-15T11:00:00.000Z")
        let now = Timestamp(iso8601: "2026-11-22T18:47:00Z")!
        let shifted = try Self.file.resolve(offset: { _ in 3_600 }, now: now)
        let anchor = shifted.sessions[1]
        #expect(anchor.startsAt.iso8601 == "2026-11-22T18:00:00.000Z")
        #expect(anchor.startsAt < now && now < anchor.endsAt)
        #expect(shifted.sessions[0].endsAt.milliseconds - shifted.sessions[0].startsAt.milliseconds == 3_600_000)
    }

    @Test("a channel's stream: an http(s) address or a path on the seminar itself, not another host's path",
          arguments: [("https://tv.example.org/live.m3u8", true), ("/media/uclg-tv.webm", true), ("//evil.example/x.webm", false),
                      ("javascript:alert(1)", false), ("media/x.webm", false)])
    func channelStream(stream: String, accepted: Bool) throws {
        let json = """
        {"name": {"en": "S"}, "timeZone": "UTC", "tracks": [],
         "sessions": [{"key": "x", "start": "2021-02-15T09:00", "end": "2021-02-15T10:00", "title": {"en": "X"}}],
         "channel": {"name": {"en": "TV"}, "stream": "\(stream)", "programmes": []}}
        """
        let file = try JSONDecoder().decode(ProgramFile.self, from: Data(json.utf8))
        do {
            let program = try file.resolve(offset: { _ in 0 }, now: nil)
            #expect(accepted && program.channel?.stream == stream, "\(stream) was accepted")
        } catch {
            #expect(!accepted && error.field == "channel.stream", "\(stream): \(error)")
        }
    }

    @Test("a bad program names the entry and the field")
    func badProgram() {
        let bad = ProgramFile(
            name: LocalizedText(en: "S"), tagline: nil, timeZone: "UTC", anchorSession: nil, tracks: [],
            sessions: [.init(key: "x", track: "missing", start: "2021-02-15T09:00", end: "2021-02-15T10:00", title: LocalizedText(en: "X"), description: nil)])
        do {
            _ = try bad.resolve(offset: { _ in 0 }, now: nil)
            Issue.record("an unknown track was accepted")
        } catch {
            #expect(error.field == "sessions[0] (x).track")
        }
        let backwards = ProgramFile(
            name: LocalizedText(en: "S"), tagline: nil, timeZone: "UTC", anchorSession: nil, tracks: [],
            sessions: [.init(key: "y", track: nil, start: "2021-02-15T11:00", end: "2021-02-15T10:00", title: LocalizedText(en: "Y"), description: nil)])
        #expect(throws: DomainError.self) { try backwards.resolve(offset: { _ in 0 }, now: nil) }
    }

    @Test("a session's languages: fr, en, es each once, kept in order; none given is nil, not a guess")
    func sessionLanguages() throws {
        func program(_ languages: [String]?) -> ProgramFile {
            ProgramFile(name: LocalizedText(en: "S"), tagline: nil, timeZone: "UTC", anchorSession: nil, tracks: [],
                        sessions: [.init(key: "x", track: nil, start: "2021-02-15T09:00", end: "2021-02-15T10:00", title: LocalizedText(en: "X"),
                                         description: nil, languages: languages)])
        }
        #expect(try program(["es", "fr"]).resolve(offset: { _ in 0 }, now: nil).sessions[0].details.languages == [.es, .fr])
        #expect(try program(nil).resolve(offset: { _ in 0 }, now: nil).sessions[0].details.languages == nil)
        #expect(try program([]).resolve(offset: { _ in 0 }, now: nil).sessions[0].details.languages == nil)
        for bad in [["de"], ["fr", "fr"], ["FR"]] {
            do {
                _ = try program(bad).resolve(offset: { _ in 0 }, now: nil)
                Issue.record("\(bad) was accepted")
            } catch {
                #expect(error.field == "sessions[0] (x).languages")
            }
        }
    }
}
