import Foundation
import SeminarCore
import SeminarStore

/// A new account of `role` named `name` (its email made unique), for the contract suites.
func person(_ store: any AccountStore, _ name: String, role: Role = .participant, locale: Language = .en,
            now: Timestamp = ProgramContractTests.now) async throws -> UserRecord {
    try await store.createUser(email: "\(name.lowercased())-\(UUID().uuidString.prefix(6))@example.org", passwordHash: "-", displayName: name,
                               locale: locale, role: role, now: now)
}
