import Foundation
import SeminarCore

/// How a mail leaves: through the relay of `smtpURL`, or, with none, as an `.eml` file under the data folder's
/// `outbox/`, so that someone trying the server sees what would be sent.
enum MailDelivery: Sendable {
    case smtp(SMTPTransport)
    case files(directory: String)

    init(settings: Settings) throws {
        if let url = settings.smtpURL, let endpoint = SMTPEndpoint.parse(url) {
            let domain = settings.mailFrom.split(separator: "@").last.map(String.init) ?? "localhost"
            self = .smtp(try SMTPTransport(endpoint: endpoint, verify: settings.smtpVerifyTLS, caFile: settings.smtpCaFile,
                                           timeoutSeconds: settings.smtpTimeoutSeconds, heloName: domain))
        } else {
            self = .files(directory: URL(fileURLWithPath: settings.dataDirectory).appendingPathComponent("outbox").path)
        }
    }

    /// Sends `message` (rendered); throws an ``SMTPFailure``.
    func deliver(id: Int64, kind: MailKind, from: String, to: String, message: String) async throws(SMTPFailure) {
        switch self {
        case .smtp(let transport):
            try await transport.send(from: from, to: to, message: message)
        case .files(let directory):
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                let name = "\(String(repeating: "0", count: max(0, 6 - String(id).count)))\(id)-\(kind.rawValue).eml"
                // Written whole or not at all: a reader never sees half a mail.
                try Data(message.utf8).write(to: URL(fileURLWithPath: directory).appendingPathComponent(name), options: .atomic)
            } catch {
                throw SMTPFailure(permanent: false, reason: "cannot write the .eml file: \(error)")
            }
        }
    }
}
