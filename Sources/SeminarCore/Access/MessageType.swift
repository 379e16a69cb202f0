/// Every request type a client may send over the WebSocket, by its wire name.
///
/// Adding a case forces a rule in ``Permissions/rule(for:)``: the switch there is exhaustive.
public enum MessageType: String, Sendable, CaseIterable {
    case hello
    case ping
    case localeSet = "locale.set"
    case subscribe
    case unsubscribe
    case announce
    case programGet = "program.get"
    case sessionGet = "session.get"
    case sessionUpdate = "session.update"
    case sessionRevisions = "session.revisions"
    case agendaAdd = "agenda.add"
    case agendaRemove = "agenda.remove"
    case agendaGet = "agenda.get"

    /// Types that create something and so may carry an idempotency `key` and are rate limited as messages.
    public var isCreating: Bool {
        switch self {
        case .announce: true
        case .hello, .ping, .localeSet, .subscribe, .unsubscribe, .programGet, .sessionGet, .sessionUpdate,
             .sessionRevisions, .agendaAdd, .agendaRemove, .agendaGet: false
        }
    }
}
