/// What an audited action was done to: the ids its request named, written in the audit log as `roomId=4 userId=12`
/// and read back so that the console can show whose and which (a person's name, a room's or session's title).
public enum AuditTarget {
    /// One id a request named: its key (`roomId`) and value.
    public struct Ref: Sendable, Equatable {
        public let key: String
        public let id: Int64
        public init(key: String, id: Int64) {
            self.key = key
            self.id = id
        }

        /// What the key names, when the console can put a name on it.
        public var kind: Kind? { AuditTarget.kind(of: key) }
    }

    /// One id of a target with what it names: a person's display name, a room's or session's title in the reader's
    /// language.
    public struct Name: Sendable, Equatable {
        public let ref: Ref
        public let kind: Kind
        public let name: String
        public init(ref: Ref, kind: Kind, name: String) {
            self.ref = ref
            self.kind = kind
            self.name = name
        }
    }

    /// The things an audit entry's ids are shown by name.
    public enum Kind: String, Sendable, CaseIterable {
        case person, room, session
    }

    /// The audit log's text for `refs`, sorted by key.
    public static func text(_ refs: [Ref]) -> String {
        refs.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.id)" }.joined(separator: " ")
    }

    /// The refs in an audit log's target text; words that are not `key=number` (older free-text targets) are left out.
    public static func refs(in text: String) -> [Ref] {
        text.split(separator: " ").compactMap { word in
            let parts = word.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, isIdKey(String(parts[0])), let id = Int64(parts[1]) else { return nil }
            return Ref(key: String(parts[0]), id: id)
        }
    }

    /// Whether a request's key names an id: `id` or a name ending in `Id`.
    public static func isIdKey(_ key: String) -> Bool { key == "id" || (key.hasSuffix("Id") && key.count > 2) }

    /// What a key names: a person (`userId`), a room (`roomId`, `parentRoomId`) or a session (`sessionId`).
    public static func kind(of key: String) -> Kind? {
        switch key {
        case "userId", "hostId", "authorId": .person
        case "roomId", "parentRoomId": .room
        case "sessionId": .session
        default: nil
        }
    }
}
