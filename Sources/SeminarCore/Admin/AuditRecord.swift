/// One entry of the audit log as the console reads it: who did what, to which ids, with those ids' names.
public struct AuditRecord: Sendable, Equatable {
    public let id: AuditRecordID
    public let at: Timestamp
    public let actor: Author?
    public let action: String
    /// The ids the request named, as the log keeps them (`roomId=29 userId=6`).
    public let target: String
    /// The people, rooms and sessions among those ids, by name (none when they are gone).
    public let names: [AuditTarget.Name]
    public let detail: String

    public init(id: AuditRecordID, at: Timestamp, actor: Author?, action: String, target: String, names: [AuditTarget.Name], detail: String) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.target = target
        self.names = names
        self.detail = detail
    }
}

/// A page of the audit log, newest first, and whether older entries remain.
public struct AuditPage: Sendable, Equatable {
    public let records: [AuditRecord]
    public let more: Bool

    public init(records: [AuditRecord], more: Bool) {
        self.records = records
        self.more = more
    }
}
