import Hummingbird
import SeminarCore
import SeminarProtocol
import SeminarStore

/// The organiser console's mail: the invitations' progress and resending them, the outbox and retrying failed mails.
struct MailConsoleController {
    let services: Services
    let console: ConsoleController

    func addRoutes(to api: RouterGroup<SeminarRequestContext>) {
        api.get("admin/invitations", use: invitations)
        api.post("admin/invitations/resend", use: resendInvitations)
        api.get("admin/outbox", use: outbox)
        api.post("admin/outbox/retry", use: retryMails)
    }

    /// The invitations' progress: each invited person's latest invitation and the counts.
    func invitations(_ request: Request, context: SeminarRequestContext) async throws -> Response {
        _ = try await console.organiser(request)
        return try JSONResponse.make(InvitationsReply(try await services.database.invitations(limit: 500)))
    }

    /// A new invitation (a new one-time link) to one person who never signed in, or to all of them.
    func resendInvitations(_ request: Request, context: SeminarRequestContext) async throws -> Response {
        try services.origins.require(request)
        let organiser = try await console.organiser(request)
        let body = try await request.decodeJSON(ResendInvitationsRequest.self)
        guard (body.userId != nil) != (body.neverSignedIn == true) else {
            throw APIError(.invalid("userId", "Give either userId or neverSignedIn: true"))
        }
        let queued: Int
        do {
            queued = try await services.database.resendInvitations(
                to: body.userId, newToken: { let token = Passwords.newToken(); return (token, Passwords.tokenHash(token)) },
                linkHours: services.settings.signInLinkHours, by: organiser.id, now: services.clock(),
                compose: MailComposers.invitation(baseURL: ConsoleController.baseURL(request, services.settings)))
        } catch let error as DomainError {
            throw APIError(error)
        }
        services.logger.info("invitations queued again", metadata: ["count": "\(queued)"])
        return try JSONResponse.make(ResendInvitationsReply(queued: queued))
    }

    /// The outbox: the newest 200 mails (`?status=queued|sent|failed`) and the counts.
    func outbox(_ request: Request, context: SeminarRequestContext) async throws -> Response {
        _ = try await console.organiser(request)
        let status = request.uri.queryParameters["status"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        if let status, !["queued", "sent", "failed"].contains(status) {
            throw APIError(.invalid("status", "status is queued, sent or failed"))
        }
        return try JSONResponse.make(OutboxReply(try await services.database.outboxReport(status: status, limit: 200)))
    }

    /// Sends failed mails again: `{id}` or `{allFailed: true}`.
    func retryMails(_ request: Request, context: SeminarRequestContext) async throws -> Response {
        try services.origins.require(request)
        let organiser = try await console.organiser(request)
        let body = try await request.decodeJSON(OutboxRetryRequest.self)
        guard (body.id != nil) != (body.allFailed == true) else { throw APIError(.invalid("id", "Give either id or allFailed: true")) }
        do {
            let queued = try await services.database.retryFailedMails(id: body.id.map(MailID.init), by: organiser.id, now: services.clock())
            services.logger.info("failed mails queued again", metadata: ["count": "\(queued)"])
            return try JSONResponse.make(OutboxRetryReply(queued: queued))
        } catch let error as DomainError {
            throw APIError(error)
        }
    }
}
