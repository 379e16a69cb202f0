import SeminarCore
import Testing

@Suite("invitation mails and mail dates")
struct InvitationMailTests {
    static let paris = MailZone(name: "Europe/Paris") { _ in 3600 }
    static let seminar = MailSeminar(name: LocalizedText(fr: "Séminaire CGLU", en: "UCLG Seminar", es: "Seminario CGLU"),
                                     startsAt: Timestamp(iso8601: "2027-02-15T08:00:00Z"), endsAt: Timestamp(iso8601: "2027-02-17T17:00:00Z"),
                                     timeZone: "Europe/Paris")
    static let facts = InvitationMail.Facts(seminar: seminar, zone: paris, personName: "Ana <Pérez>", link: "https://s.example.org/api/link/T0k3n",
                                            linkExpiresAt: Timestamp(iso8601: "2027-02-10T22:30:00Z")!, programLink: "https://s.example.org/#/sessions")

    @Test("dates in the three languages, in the seminar's time zone")
    func dates() throws {
        let start = try #require(Self.seminar.startsAt), end = try #require(Self.seminar.endsAt)
        #expect(MailDate.days(from: start, to: end, in: Self.paris, language: .fr) == "du lundi 15 février 2027 au mercredi 17 février 2027")
        #expect(MailDate.days(from: start, to: end, in: Self.paris, language: .en) == "from Monday 15 February 2027 to Wednesday 17 February 2027")
        #expect(MailDate.days(from: start, to: end, in: Self.paris, language: .es) == "del lunes 15 de febrero de 2027 al miércoles 17 de febrero de 2027")
        // 23:30 UTC on the 28th is 00:30 on 1 March in Paris.
        let late = try #require(Timestamp(iso8601: "2027-02-28T23:30:00Z"))
        #expect(MailDate.day(late, in: Self.paris, language: .fr) == "lundi 1er mars 2027")
        #expect(MailDate.clock(late, in: Self.paris) == "00:30")
        #expect(MailDate.days(from: start, to: start.adding(seconds: 3600), in: Self.paris, language: .en) == "Monday 15 February 2027")
        #expect(MailDate.span(from: start, to: start.adding(seconds: 900), in: Self.paris, language: .en)
                == "Monday 15 February 2027, 09:00–09:15 (Europe/Paris)")
    }

    @Test("each language: subject with the seminar's name, greeting, dates, the link and its expiry, the program, HTML escaped")
    func compose() {
        let fr = InvitationMail.compose(language: .fr, Self.facts)
        #expect(fr.subject == "Votre invitation — Séminaire CGLU")
        #expect(fr.text.contains("Bonjour Ana <Pérez>,"))
        #expect(fr.text.contains("du lundi 15 février 2027 au mercredi 17 février 2027"))
        #expect(fr.text.contains("jusqu’au mercredi 10 février 2027, 23:30 (Europe/Paris) :\nhttps://s.example.org/api/link/T0k3n"))
        #expect(fr.text.contains("Le programme :\nhttps://s.example.org/#/sessions"))
        #expect(fr.html.contains("<html lang=\"fr\">") && fr.html.contains("Bonjour Ana &lt;Pérez&gt;,") && !fr.html.contains("<Pérez>"))
        #expect(fr.html.contains("href=\"https://s.example.org/api/link/T0k3n\"") && fr.html.contains("href=\"https://s.example.org/#/sessions\""))
        let en = InvitationMail.compose(language: .en, Self.facts)
        #expect(en.subject == "Your invitation — UCLG Seminar" && en.text.contains("You are invited to UCLG Seminar, from Monday 15 February 2027"))
        let es = InvitationMail.compose(language: .es, Self.facts)
        #expect(es.subject == "Su invitación — Seminario CGLU" && es.text.contains("Hola, Ana <Pérez>:") && es.text.contains("El programa:"))
    }

    @Test("before a program is loaded: no dates, a generic name")
    func noProgram() {
        var facts = Self.facts
        facts.seminar = MailSeminar(name: nil, startsAt: nil, endsAt: nil, timeZone: "UTC")
        let en = InvitationMail.compose(language: .en, facts)
        #expect(en.subject == "Your invitation — Seminar" && en.text.contains("You are invited to Seminar, online."))
    }

    @Test("an import's person speaks the first of their languages the seminar has")
    func preferredLanguage() throws {
        let csv = "email,name,languages\na@x.org,A,pt;es;fr\nb@x.org,B,de\n"
        let people = try ParticipantImport.parse(csv, knownInterests: [:], existing: []).get()
        #expect(people.map(\.preferredLanguage) == [.es, nil])
    }
}
