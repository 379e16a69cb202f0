import SeminarCore
import SeminarStore

/// The signed-in person of this socket, or `unauthenticated` before `hello`: every handler that acts as someone starts here.
extension SocketSession {
    func requireUser() throws -> UserRecord {
        guard let user else { throw DomainError(.unauthenticated, "Send hello first") }
        return user
    }
}
