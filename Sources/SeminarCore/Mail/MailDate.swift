/// Days and times as a mail writes them, in the recipient's language and the seminar's time zone.
public enum MailDate {
    /// `mardi 16 février 2027`, `Tuesday 16 February 2027`, `martes 16 de febrero de 2027`.
    public static func day(_ time: Timestamp, in zone: MailZone, language: Language) -> String {
        let (y, m, d, weekday) = civil(time, zone)
        let name = weekdays(language)[weekday], month = months(language)[Int(m - 1)]
        switch language {
        case .fr: return "\(name) \(d == 1 ? "1er" : "\(d)") \(month) \(y)"
        case .en: return "\(name) \(d) \(month) \(y)"
        case .es: return "\(name) \(d) de \(month) de \(y)"
        }
    }

    /// `14:30` (24-hour clock in all three languages).
    public static func clock(_ time: Timestamp, in zone: MailZone) -> String {
        let local = time.milliseconds / 1000 + Int64(zone.offsetSeconds(time))
        let minutes = Timestamp.floorDiv(local, 60) - Timestamp.floorDiv(local, 86_400) * 1440
        return "\(minutes / 60 < 10 ? "0" : "")\(minutes / 60):\(minutes % 60 < 10 ? "0" : "")\(minutes % 60)"
    }

    /// The seminar's days: one day, or `du … au …` / `from … to …` / `del … al …`.
    public static func days(from start: Timestamp, to end: Timestamp, in zone: MailZone, language: Language) -> String {
        let first = day(start, in: zone, language: language)
        // An end at midnight belongs to the day before.
        let last = day(Timestamp(milliseconds: max(start.milliseconds, end.milliseconds - 1)), in: zone, language: language)
        if first == last { return first }
        switch language {
        case .fr: return "du \(first) au \(last)"
        case .en: return "from \(first) to \(last)"
        case .es: return "del \(first) al \(last)"
        }
    }

    /// `mardi 16 février 2027, 10:30–10:45 (Europe/Paris)`.
    public static func span(from start: Timestamp, to end: Timestamp, in zone: MailZone, language: Language) -> String {
        "\(day(start, in: zone, language: language)), \(clock(start, in: zone))–\(clock(end, in: zone)) (\(zone.name))"
    }

    private static func civil(_ time: Timestamp, _ zone: MailZone) -> (Int64, Int64, Int64, Int) {
        let local = time.milliseconds + Int64(zone.offsetSeconds(time)) * 1000
        let days = Timestamp.floorDiv(local, 86_400_000)
        let (y, m, d) = Timestamp.civil(fromDays: days)
        // 1970-01-01 was a Thursday; the tables start on Monday.
        return (y, m, d, Int(((days + 3) % 7 + 7) % 7))
    }

    private static func weekdays(_ language: Language) -> [String] {
        switch language {
        case .fr: ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
        case .en: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        case .es: ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]
        }
    }

    private static func months(_ language: Language) -> [String] {
        switch language {
        case .fr: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
        case .en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        case .es: ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"]
        }
    }
}
