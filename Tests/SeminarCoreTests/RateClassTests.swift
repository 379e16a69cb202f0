import SeminarCore
import Testing

@Suite("rate classes")
struct RateClassTests {
    @Test("every type has a class; only hello and ping are free; the write class is exactly the creating types")
    func everyTypeHasAClass() {
        // The switch in `rateClass` is exhaustive: a new type does not compile without a class. Here: each class is used,
        // and the classes agree with what the rest of the table says of a type.
        let classes = Dictionary(grouping: MessageType.allCases, by: \.rateClass)
        #expect(Set(classes.keys) == Set(RateClass.allCases))
        #expect(Set(classes[.free] ?? []) == [.hello, .ping])
        for type in MessageType.allCases {
            #expect((type.rateClass == .write) == type.isCreating, "\(type.rawValue)")
            // Only types anyone may send before hello are free; everything a signed-in person sends is counted.
            if type.rateClass == .free { #expect(Permissions.rule(for: type) == .anyone, "\(type.rawValue)") }
        }
        #expect(Set(classes[.subscribe] ?? []) == [.subscribe, .unsubscribe, .roomEnter, .roomLeave])
        #expect(Set(classes[.toggle] ?? []).isSuperset(of: [.feedReact, .handRaise, .handLower, .loungeEnter, .loungeLeave, .agendaAdd,
                                                            .agendaRemove, .questionVote, .pollVote]))
    }

    @Test("every class but free has a configured bucket; write, update and toggle count per person too")
    func limits() {
        var settings = Settings()
        settings.toggleRate = 2
        settings.toggleBurst = 4
        #expect(RateClass.free.limit(in: settings) == nil)
        for rateClass in RateClass.allCases where rateClass != .free {
            let limit = rateClass.limit(in: settings)
            #expect(limit != nil && limit!.rate > 0 && limit!.burst >= 1, "\(rateClass)")
            #expect(limit?.perPerson == [.write, .update, .toggle].contains(rateClass), "\(rateClass)")
        }
        #expect(RateClass.toggle.limit(in: settings) == RateLimit(rate: 2, burst: 4, perPerson: true))
        #expect(RateClass.write.limit(in: settings) == RateLimit(rate: settings.messageRate, burst: settings.messageBurst, perPerson: true))
    }

    @Test("the defaults: toggles a few a second with a small burst, reads generous")
    func defaults() {
        let settings = Settings()
        let toggle = RateClass.toggle.limit(in: settings)!, read = RateClass.read.limit(in: settings)!
        #expect(toggle.rate <= 5 && toggle.burst <= 10)
        #expect(read.rate >= toggle.rate * 5 && read.burst >= 50)
        #expect(RateClass.subscribe.limit(in: settings)!.burst >= 20)  // a page load subscribes to a handful of topics
    }

    @Test("a bucket lets the burst through, then refuses with the wait, and refills with time")
    func bucket() {
        var buckets = RateBuckets()
        let limit = RateLimit(rate: 2, burst: 3, perPerson: false)
        for _ in 0..<3 { #expect(buckets.take(.toggle, limit: limit, now: 100) == nil) }
        #expect(buckets.take(.toggle, limit: limit, now: 100) == 500)  // one token every 500 ms
        #expect(buckets.take(.toggle, limit: limit, now: 100.25) == 250)
        #expect(buckets.take(.toggle, limit: limit, now: 100.5) == nil)
        #expect(buckets.take(.toggle, limit: limit, now: 100.5) != nil)
        // A long pause refills to the burst, not beyond.
        for _ in 0..<3 { #expect(buckets.take(.toggle, limit: limit, now: 1_000) == nil) }
        #expect(buckets.take(.toggle, limit: limit, now: 1_000) != nil)
    }

    @Test("classes have separate buckets: a flood of toggles leaves reads and writes alone; free is never refused")
    func separate() {
        var buckets = RateBuckets()
        let settings = Settings()
        var refused = 0
        for _ in 0..<1_000 {
            if buckets.take(.toggle, limit: RateClass.toggle.limit(in: settings), now: 5) != nil { refused += 1 }
        }
        #expect(refused == 1_000 - settings.toggleBurst)
        #expect(buckets.take(.read, limit: RateClass.read.limit(in: settings), now: 5) == nil)
        #expect(buckets.take(.write, limit: RateClass.write.limit(in: settings), now: 5) == nil)
        for _ in 0..<10_000 { #expect(buckets.take(.free, limit: RateClass.free.limit(in: settings), now: 5) == nil) }
    }

    @Test("the rates are configuration keys, checked")
    func configuration() throws {
        let values: [String: RawSetting] = ["toggleRate": .double(1.5), "toggleBurst": .int(4), "readRate": .string("40"),
                                            "subscribeBurst": .int(7), "updateRate": .int(2), "signalBurst": .int(9)]
        let settings = try Settings.parse { key, _ in values[key] }
        #expect(settings.toggleRate == 1.5 && settings.toggleBurst == 4 && settings.readRate == 40 && settings.subscribeBurst == 7)
        #expect(settings.updateRate == 2 && settings.signalBurst == 9)
        for key in ["readRate", "readBurst", "subscribeRate", "subscribeBurst", "updateRate", "updateBurst", "toggleRate", "toggleBurst",
                    "signalRate", "signalBurst"] {
            #expect(Settings.keys.contains(key))
            #expect(throws: SettingsError.self, "\(key)") { try Settings.parse { asked, _ in asked == key ? .int(0) : nil } }
        }
    }
}
