import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// A participants import: everyone of a checked import created or updated in one transaction, each new account with
/// its one-time sign-in link (and, when asked, its invitation queued in the same transaction). Imports take one
/// transaction lock (``importLock``), so two at once (two organisers, two nodes) run in turn: the second finds the
/// first's people and updates them.
extension PostgresConsole {
    /// The transaction lock every import takes.
    static let importLock: Int64 = 0x5345_4D49_4D50_54

    public func importParticipants(_ people: [ImportedPerson], tokens: [(token: String, hash: [UInt8])], passwordHash: String, linkHours: Int,
                                   by actor: UserID?, now: Timestamp, invite: InvitationMail.Composer?) async throws -> ImportOutcome {
        let (logger, context) = (logger, context)
        return try await context.write { connection, appended in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.importLock))", logger: logger)
            var created = 0
            let seminar = invite == nil ? nil : try await PostgresMailOutbox.seminar(on: connection, logger: logger)
            var accounts: [ImportOutcome.Account] = []
            let expires = now.adding(seconds: Int64(linkHours) * 3600)
            for (person, token) in zip(people, tokens) {
                var userId = try await connection.value("SELECT id FROM users WHERE lower(email) = lower(\(person.email)) FOR UPDATE", as: Int64.self,
                                                        logger: logger)
                let isNew = userId == nil
                if let id = userId {
                    if let name = person.name {
                        try await connection.query("UPDATE users SET display_name = \(name) WHERE id = \(id)", logger: logger)
                    }
                    if let role = person.role,
                       try await connection.value("SELECT role FROM users WHERE id = \(id)", as: String.self, logger: logger) != role.rawValue {
                        try await PostgresRoles.changeRole(of: id, to: role, on: connection, logger: logger)
                        appended.append(try await context.append(.access(.roleChanged(role: role, roomId: nil)), to: .user(UserID(id)), at: now,
                                                                 on: connection))
                    }
                } else {
                    userId = try await connection.value("""
                        INSERT INTO users(email, password_hash, display_name, locale, role, created_at)
                        VALUES (\(person.email), \(passwordHash), \(person.name ?? person.email), \((person.preferredLanguage ?? .en).rawValue),
                                \((person.role ?? .participant).rawValue), \(now.milliseconds))
                        RETURNING id
                        """, as: Int64.self, logger: logger)
                    created += 1
                }
                guard let id = userId else { continue }
                if let edit = person.profileEdit { _ = try await PostgresPeople.applyProfile(edit, user: UserID(id), on: connection, logger: logger) }
                guard isNew else {
                    accounts.append(.init(line: person.line, email: person.email, userId: id, created: false, signInToken: nil, expiresAt: nil))
                    continue
                }
                let invitee = InvitationMail.Invitee(userID: UserID(id), email: person.email, name: person.name ?? person.email,
                                                     language: person.preferredLanguage ?? .en, token: token.token, expiresAt: expires)
                try await Self.insertSignInLink(invitee, tokenHash: token.hash, now: now, on: connection, logger: logger)
                if let invite, let seminar { _ = try await PostgresMailOutbox.enqueue(invite(invitee, seminar), now: now, on: connection, logger: logger) }
                accounts.append(.init(line: person.line, email: person.email, userId: id, created: true, signInToken: token.token, expiresAt: expires))
            }
            try await Self.audit(actor: actor, action: "POST /api/admin/participants", target: "\(people.count) people",
                                 detail: "created \(created), updated \(people.count - created)\(invite == nil ? "" : ", invited \(created)")", now: now,
                                 on: connection, logger: logger)
            return ImportOutcome(created: created, updated: people.count - created, invited: invite == nil ? 0 : created, accounts: accounts)
        }
    }

    /// A new one-time link (stored by its hash) for `invitee`'s account, inside the caller's transaction.
    static func insertSignInLink(_ invitee: InvitationMail.Invitee, tokenHash: [UInt8], now: Timestamp, on connection: PostgresConnection,
                                 logger: Logger) async throws {
        try await connection.query("""
            INSERT INTO signin_links(token_hash, user_id, created_at, expires_at)
            VALUES (\(ByteBuffer(bytes: tokenHash)), \(invitee.userID), \(now.milliseconds), \(invitee.expiresAt.milliseconds))
            """, logger: logger)
    }
}
