/// How a host splits a room into breakout groups.
public enum BreakoutMode: String, Sendable, Codable {
    /// Shuffled.
    case random
    /// Each group mixes regions as much as it can (the network's purpose is to connect continents).
    case regions
    /// People who share a language together.
    case language
}

/// A person in the room, as the planner sees them.
public struct BreakoutPerson: Sendable, Equatable {
    public let user: UserID
    public let region: String
    public let language: String

    public init(user: UserID, region: String, language: String) {
        self.user = user
        self.region = region
        self.language = language
    }
}

public enum BreakoutPlan {
    /// Checks a `breakout.start` request.
    public static func validate(size: Int?, mode: String?, minutes: Int?) throws(DomainError) -> (size: Int, mode: BreakoutMode, minutes: Int) {
        guard let size, (2...50).contains(size) else { throw .invalid("size", "groups have 2 to 50 people") }
        guard let mode = BreakoutMode(rawValue: mode ?? "random") else { throw .invalid("mode", "mode must be random, regions or language") }
        guard let minutes, (1...240).contains(minutes) else { throw .invalid("minutes", "breakouts last 1 to 240 minutes") }
        return (size, mode, minutes)
    }

    /// Splits `people` into groups of about `size` (never fewer than two people when avoidable).
    /// `shuffle` orders the people first (random in the server, fixed in tests).
    public static func groups(_ people: [BreakoutPerson], size: Int, mode: BreakoutMode,
                              shuffle: ([BreakoutPerson]) -> [BreakoutPerson]) -> [[BreakoutPerson]] {
        guard !people.isEmpty else { return [] }
        let count = max(1, Int((Double(people.count) / Double(size)).rounded()))
        switch mode {
        case .random:
            return deal(shuffle(people), into: count)
        case .regions:
            // Deal region by region round-robin, so each group gets a spread of regions.
            let byRegion = Dictionary(grouping: shuffle(people), by: \.region).sorted { $0.key < $1.key }.map(\.value)
            return deal(byRegion.flatMap { $0 }, into: count)
        case .language:
            // Fill groups language by language; leftovers of a language join the last group of that language.
            var result: [[BreakoutPerson]] = []
            for (_, speakers) in Dictionary(grouping: shuffle(people), by: \.language).sorted(by: { $0.key < $1.key }) {
                let n = max(1, Int((Double(speakers.count) / Double(size)).rounded()))
                result += deal(speakers, into: n)
            }
            return result
        }
    }

    /// Deals people one by one into `count` groups.
    static func deal(_ people: [BreakoutPerson], into count: Int) -> [[BreakoutPerson]] {
        var groups = [[BreakoutPerson]](repeating: [], count: count)
        for (index, person) in people.enumerated() { groups[index % count].append(person) }
        return groups.filter { !$0.isEmpty }
    }
}

extension BreakoutPlan {
    /// Starting breakouts in a room: not in a breakout itself, not while some run there, and with someone to split.
    public static func mayStart(roomKind: String, running: Bool, groups: Int) throws(DomainError) {
        guard roomKind != "breakout" else { throw DomainError(.conflict, "A breakout room cannot have breakouts", field: "roomId") }
        guard !running else { throw DomainError(.conflict, "Breakouts are already running in this room", field: "roomId") }
        guard groups > 0 else { throw DomainError(.conflict, "Nobody is in the room to split", field: "roomId") }
    }

    /// Ending a room's breakouts: only while some run.
    public static func mayEnd(running: Int) throws(DomainError) {
        guard running > 0 else { throw DomainError(.conflict, "No breakouts are running in this room", field: "roomId") }
    }
}
