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

    /// A meeting notice: the person's meetings page (`#/lounge/meetings`), the meeting's table (`#/table/<id>`), and
    /// the one-click link that turns meeting notices off (in the text and as `List-Unsubscribe`).
    static func meeting(links: MailLinks) -> MeetingNotice.Composer {
        { notice, seminar, now in
            let person = notice.recipient
            let mail = MeetingMail.compose(notice, seminar: seminar, zone: zone(seminar.timeZone), now: now, links: .init(
                meetings: "\(links.baseURL)/#/lounge/meetings", table: notice.meetingID.map { "\(links.baseURL)/#/table/\($0)" },
                unsubscribe: links.unsubscribe(person.id, .meetings)))
            return OutboxMail(kind: notice.event.kind, recipient: person.email, userID: person.id, language: person.language,
                              fromName: seminar.name(in: person.language), content: mail.content, headers: links.headers(person.id, .meetings),
                              attachments: mail.attachments)
        }
    }

    /// "Your meetings" after a published plan: every booked meeting with its table, one `.ics`, and the one-click link
    /// that turns plan mails off.
    static func plan(links: MailLinks) -> PlanMail.Composer {
        { person, meetings, seminar, now in
            let mail = PlanMail.compose(for: person, meetings: meetings, seminar: seminar, zone: zone(seminar.timeZone), now: now,
                                        meetingsPage: "\(links.baseURL)/#/lounge/meetings", table: { "\(links.baseURL)/#/table/\($0)" },
                                        unsubscribe: links.unsubscribe(person.id, .plan))
            return OutboxMail(kind: .meetingPlan, recipient: person.email, userID: person.id, language: person.language,
                              fromName: seminar.name(in: person.language), content: mail.content, headers: links.headers(person.id, .plan),
                              attachments: mail.attachments)
        }
    }

    /// An announcement also by mail: the seminar's first page and the one-click link that stops announcement mails.
    static func announcement(links: MailLinks) -> AnnouncementMail.Composer {
        { person, facts, seminar in
            OutboxMail(kind: .announcement, recipient: person.email, userID: person.id, language: person.language,
                       fromName: seminar.name(in: person.language),
                       content: AnnouncementMail.compose(facts, for: person, seminar: seminar, home: "\(links.baseURL)/",
                                                         unsubscribe: links.unsubscribe(person.id, .announcements)),
                       headers: links.headers(person.id, .announcements))
        }
    }

    /// A desk reply: the desk page (`#/desk`) and the one-click link that stops desk reply mails.
    static func deskReply(links: MailLinks) -> @Sendable (MailPerson, DeskReplyMail.Facts, MailSeminar) -> OutboxMail {
        { person, facts, seminar in
            OutboxMail(kind: .deskReply, recipient: person.email, userID: person.id, language: person.language,
                       fromName: seminar.name(in: person.language),
                       content: DeskReplyMail.compose(facts, for: person, seminar: seminar, desk: "\(links.baseURL)/#/desk",
                                                      unsubscribe: links.unsubscribe(person.id, .desk)),
                       headers: links.headers(person.id, .desk))
        }
    }

    /// The morning digest: each item's page (a session's, a meeting's table), the agenda, the one-click link.
    static func digest(links: MailLinks) -> DigestMail.Composer {
        { person, items, seminar in
            let content = DigestMail.compose(for: person, items: items, seminar: seminar, zone: zone(seminar.timeZone), agenda: "\(links.baseURL)/#/agenda",
                                             link: { item in
                                                 switch item.kind {
                                                 case .session(_, let id): "\(links.baseURL)/#/sessions/\(id)"
                                                 case .meeting(_, _, let id): "\(links.baseURL)/#/table/\(id)"
                                                 }
                                             }, unsubscribe: links.unsubscribe(person.id, .digest))
            return OutboxMail(kind: .digest, recipient: person.email, userID: person.id, language: person.language,
                              fromName: seminar.name(in: person.language), content: content, headers: links.headers(person.id, .digest))
        }
    }
}
