import SeminarProtocol
import SeminarStore

extension UserRecord {
    /// The person as the wire shows them to themselves (`hello`, `/api/me`, sign-in).
    var view: UserView {
        UserView(id: id, email: email, displayName: displayName, locale: locale, role: role)
    }
}
