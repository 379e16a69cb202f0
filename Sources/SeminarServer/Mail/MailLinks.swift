import Crypto
import Foundation
import SeminarCore

/// The addresses mails caused by the server itself link to (`publicURL`, else the address it listens on), and the
/// signed one-click links that turn a mail topic off with no sign-in: `/api/mail/unsubscribe/<user>.<topic>.<mac>`,
/// where mac = base64url(HMAC-SHA256(key, "unsubscribe/<user>/<topic>")) under a key made once and kept in the store.
struct MailLinks: Sendable {
    let baseURL: String
    private let key: SymmetricKey

    init(baseURL: String, key: [UInt8]) {
        self.baseURL = baseURL
        self.key = SymmetricKey(data: key)
    }

    /// The one-click address that turns `topic` off for `user`.
    func unsubscribe(_ user: UserID, _ topic: MailTopic) -> String {
        "\(baseURL)/api/mail/unsubscribe/\(user.rawValue).\(topic.rawValue).\(mac(user, topic))"
    }

    /// `List-Unsubscribe` (RFC 2369) with the one-click address, and `List-Unsubscribe-Post` (RFC 8058).
    func headers(_ user: UserID, _ topic: MailTopic) -> [MailHeader] {
        [MailHeader(name: "List-Unsubscribe", value: "<\(unsubscribe(user, topic))>"),
         MailHeader(name: "List-Unsubscribe-Post", value: "List-Unsubscribe=One-Click")]
    }

    /// The person and topic of a one-click token, if its signature holds.
    func verify(_ token: String) -> (user: UserID, topic: MailTopic)? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count <= 19, let id = Int64(parts[0]), id > 0, let topic = MailTopic(rawValue: String(parts[1])) else { return nil }
        let expected = Array(mac(UserID(id), topic).utf8), given = Array(parts[2].utf8)
        // Compared in full whatever the first difference, so the time taken tells nothing.
        guard expected.count == given.count, zip(expected, given).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 else { return nil }
        return (UserID(id), topic)
    }

    private func mac(_ user: UserID, _ topic: MailTopic) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data("unsubscribe/\(user.rawValue)/\(topic.rawValue)".utf8), using: key)
        return Data(code).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
