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

    /// Where links in mails caused over the WebSocket point: `publicURL`, else the address the server listens on.
    static func baseURL(_ settings: Settings) -> String {
        settings.publicURL ?? "http://\(settings.host):\(settings.port)"
    }

    /// A meeting notice: the person's meetings page (`#/lounge/meetings`) and the meeting's table (`#/table/<id>`).
    static func meeting(baseURL: String) -> MeetingNotice.Composer {
        { notice, seminar, now in
            let links = MeetingMail.Links(meetings: "\(baseURL)/#/lounge/meetings", table: notice.meetingID.map { "\(baseURL)/#/table/\($0)" },
                                          unsubscribe: nil)
            let mail = MeetingMail.compose(notice, seminar: seminar, zone: zone(seminar.timeZone), links: links, now: now)
            let language = notice.recipient.language
            return OutboxMail(kind: notice.event.kind, recipient: notice.recipient.email, userID: notice.recipient.id, language: language,
                              fromName: seminar.name(in: language), content: mail.content, attachments: mail.attachments)
        }
    }
}
