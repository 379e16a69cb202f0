/// The meeting notices, in the recipient's language: a request (with the proposed slots and the message), a booked
/// meeting (with an `.ics`), a declined or withdrawn request, a cancelled meeting (with an `.ics` that cancels it).
public enum MeetingMail {
    public struct Links: Sendable, Equatable {
        /// The person's meetings page.
        public var meetings: String
        /// The meeting's table (booked meetings).
        public var table: String?
        /// The one-click address that turns meeting notices off.
        public var unsubscribe: String?

        public init(meetings: String, table: String?, unsubscribe: String?) {
            self.meetings = meetings
            self.table = table
            self.unsubscribe = unsubscribe
        }
    }

    public static func compose(_ notice: MeetingNotice, seminar: MailSeminar, zone: MailZone, now: Timestamp, links: Links)
        -> (content: MailContent, attachments: [MailAttachment])
    {
        let language = notice.recipient.language
        let name = seminar.name(in: language)
        let spans = notice.slots.map { MailDate.span(from: $0.start, to: $0.end, in: zone, language: language) }
        let t = texts(language, notice: notice, seminar: name, when: spans.first ?? "")
        let e = MailContent.escaped
        var before = [t.greeting, t.what]
        if notice.event == .requested { before += spans.map { "• " + $0 } }
        if !notice.note.isEmpty { before.append(t.note) }
        let link = (notice.event == .accepted ? links.table : nil) ?? links.meetings
        var after: [String] = []
        if notice.event == .accepted || notice.event == .cancelled, notice.meetingID != nil { after.append(t.calendar) }
        let footer = ["— " + name] + (links.unsubscribe.map { [t.unsubscribe + " " + $0] } ?? [])
        let text = (before + [t.open + "\n" + link] + after + footer).joined(separator: "\n\n") + "\n"
        let htmlFooter = ["— " + e(name)] + (links.unsubscribe.map { ["<small>\(e(t.unsubscribe)) <a href=\"\(e($0))\">\(e($0))</a></small>"] } ?? [])
        let html = MailContent.page(language: language, title: t.subject, before: before.map(e) + [e(t.open)], link: link, linkLabel: t.button,
                                    after: after.map(e) + htmlFooter)
        return (MailContent(subject: t.subject, text: text, html: html), calendar(notice, seminar: name, links: links, now: now))
    }

    /// The booked meeting as an event (cancelled for a cancellation, under the same UID so calendars update it).
    static func calendar(_ notice: MeetingNotice, seminar: String, links: Links, now: Timestamp) -> [MailAttachment] {
        guard notice.event == .accepted || notice.event == .cancelled, let id = notice.meetingID, let slot = notice.slots.first else { return [] }
        let cancel = notice.event == .cancelled
        let event = Self.event(id: id, with: notice.other.name, slot: slot, table: notice.table, link: links.table ?? links.meetings,
                               language: notice.recipient.language, seminar: seminar, cancelled: cancel)
        return [attachment("meeting-\(id).ics", [event], seminar: seminar, now: now, method: cancel ? "CANCEL" : "PUBLISH")]
    }

    /// One meeting as a calendar event: `UID:meeting-<id>@seminar` wherever it is sent, so a later mail updates it.
    static func event(id: MeetingID, with other: String, slot: MeetingNotice.Span, table: Int?, link: String, language: Language, seminar: String,
                      cancelled: Bool = false) -> CalendarEvent {
        let summary = subjects(language, other: other, seminar: seminar)
        return CalendarEvent(uid: "meeting-\(id)@seminar", start: slot.start, end: slot.end, summary: summary.event,
                             description: [summary.table + " " + (table.map { "\($0)" } ?? ""), link].joined(separator: "\n"),
                             url: link, sequence: cancelled ? 1 : 0, cancelled: cancelled)
    }

    static func attachment(_ filename: String, _ events: [CalendarEvent], seminar: String, now: Timestamp, method: String) -> MailAttachment {
        MailAttachment(filename: filename, contentType: "text/calendar; charset=UTF-8; method=\(method)",
                       content: ICalendar.render(name: seminar, timeZone: "UTC", events: events, now: now, method: method))
    }

    private static func subjects(_ language: Language, other: String, seminar: String) -> (event: String, table: String) {
        switch language {
        case .fr: ("Rencontre avec \(other) — \(seminar)", "Table")
        case .en: ("Meeting with \(other) — \(seminar)", "Table")
        case .es: ("Reunión con \(other) — \(seminar)", "Mesa")
        }
    }

    private struct Texts {
        var subject, greeting, what, note, open, button, calendar, unsubscribe: String
    }

    private static func texts(_ language: Language, notice: MeetingNotice, seminar: String, when: String) -> Texts {
        let other = notice.other.name, name = notice.recipient.name, note = notice.note
        let table = notice.table.map { "\($0)" } ?? "–"
        switch language {
        case .fr:
            var t = Texts(subject: "", greeting: "Bonjour \(name),", what: "", note: "", open: "Votre page de rencontres :", button: "Mes rencontres",
                          calendar: "L’événement est joint pour votre agenda.",
                          unsubscribe: "Vous recevez ce message car les avis de rencontre sont activés dans votre profil. Pour ne plus les recevoir :")
            switch notice.event {
            case .requested:
                t.subject = "\(other) propose une rencontre — \(seminar)"
                t.what = "\(other) aimerait vous rencontrer pendant \(seminar), à l’un de ces moments :"
                t.note = "Son message : « \(note) »"
                t.open = "Pour accepter ou refuser :"
                t.button = "Répondre"
            case .accepted:
                t.subject = "Rencontre confirmée avec \(other) : \(when)"
                t.what = "Votre rencontre avec \(other) est confirmée : \(when), table \(table)."
                t.open = "À l’heure dite, rejoignez la table :"
                t.button = "Rejoindre la table"
            case .declined:
                t.subject = "\(other) a décliné votre demande de rencontre"
                t.what = "\(other) a décliné votre demande de rencontre."
                t.note = "Sa raison : « \(note) »"
            case .withdrawn:
                t.subject = "\(other) a retiré sa demande de rencontre"
                t.what = "\(other) a retiré sa demande de rencontre : vous n’avez rien à faire."
            case .cancelled:
                t.subject = "Rencontre annulée : \(other), \(when)"
                t.what = "\(other) a annulé votre rencontre du \(when) (table \(table))."
                t.calendar = "L’annulation est jointe pour votre agenda."
            }
            return t
        case .en:
            var t = Texts(subject: "", greeting: "Hello \(name),", what: "", note: "", open: "Your meetings page:", button: "My meetings",
                          calendar: "The event is attached for your calendar.",
                          unsubscribe: "You get this mail because meeting notices are on in your profile. To stop them:")
            switch notice.event {
            case .requested:
                t.subject = "\(other) asks to meet you — \(seminar)"
                t.what = "\(other) would like to meet you at \(seminar), at one of these times:"
                t.note = "Their message: “\(note)”"
                t.open = "To accept or decline:"
                t.button = "Answer"
            case .accepted:
                t.subject = "Meeting booked with \(other): \(when)"
                t.what = "Your meeting with \(other) is booked: \(when), table \(table)."
                t.open = "At that time, join the table:"
                t.button = "Join the table"
            case .declined:
                t.subject = "\(other) declined your meeting request"
                t.what = "\(other) declined your request to meet."
                t.note = "Their reason: “\(note)”"
            case .withdrawn:
                t.subject = "\(other) withdrew their meeting request"
                t.what = "\(other) withdrew their request to meet you: there is nothing to do."
            case .cancelled:
                t.subject = "Meeting cancelled: \(other), \(when)"
                t.what = "\(other) cancelled your meeting of \(when) (table \(table))."
                t.calendar = "The cancellation is attached for your calendar."
            }
            return t
        case .es:
            var t = Texts(subject: "", greeting: "Hola, \(name):", what: "", note: "", open: "Su página de reuniones:", button: "Mis reuniones",
                          calendar: "El evento va adjunto para su agenda.",
                          unsubscribe: "Recibe este mensaje porque los avisos de reuniones están activados en su perfil. Para no recibirlos más:")
            switch notice.event {
            case .requested:
                t.subject = "\(other) le propone una reunión — \(seminar)"
                t.what = "\(other) desea reunirse con usted durante \(seminar), en uno de estos momentos:"
                t.note = "Su mensaje: «\(note)»"
                t.open = "Para aceptar o rechazar:"
                t.button = "Responder"
            case .accepted:
                t.subject = "Reunión confirmada con \(other): \(when)"
                t.what = "Su reunión con \(other) está confirmada: \(when), mesa \(table)."
                t.open = "A esa hora, únase a la mesa:"
                t.button = "Ir a la mesa"
            case .declined:
                t.subject = "\(other) rechazó su solicitud de reunión"
                t.what = "\(other) rechazó su solicitud de reunión."
                t.note = "Su motivo: «\(note)»"
            case .withdrawn:
                t.subject = "\(other) retiró su solicitud de reunión"
                t.what = "\(other) retiró su solicitud de reunión: no tiene que hacer nada."
            case .cancelled:
                t.subject = "Reunión cancelada: \(other), \(when)"
                t.what = "\(other) canceló su reunión del \(when) (mesa \(table))."
                t.calendar = "La cancelación va adjunta para su agenda."
            }
            return t
        }
    }
}
