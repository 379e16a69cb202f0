import Foundation
import SeminarCore

/// What Core's mail texts need from the edge: the seminar's time zone (from the system's time zone database) and
/// the addresses mails link to, under `baseURL` (`publicURL`, or the address the request came to).
enum MailComposers {
    /// The seminar's time zone by name; UTC when the system does not know it.
    static func zone(_ name: String) -> MailZone {
        let zone = TimeZone(identifier: name) ?? TimeZone(secondsFromGMT: 0) ?? .current
        return MailZone(name: zone.identifier == name ? name : "UTC") { time in
            zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(time.milliseconds) / 1000))
        }
    }

    /// The invitation of one person: their sign-in link (`/api/link/<token>`) and the program (`#/sessions`).
    static func invitation(baseURL: String) -> InvitationMail.Composer {
        { invitee, seminar in
            let language = invitee.language
            let facts = InvitationMail.Facts(seminar: seminar, zone: zone(seminar.timeZone), personName: invitee.name,
                                             link: "\(baseURL)/api/link/\(invitee.token)", linkExpiresAt: invitee.expiresAt,
                                             programLink: "\(baseURL)/#/sessions")
            return OutboxMail(kind: .invitation, recipient: invitee.email, userID: invitee.userID, language: language,
                              fromName: seminar.name(in: language), content: InvitationMail.compose(language: language, facts))
        }
    }
}
