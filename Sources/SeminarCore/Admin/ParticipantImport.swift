/// One person from an organiser's participants file, checked.
public struct ImportedPerson: Sendable, Equatable {
    public let line: Int
    public let email: String
    /// Empty cells are nil: existing data is never overwritten by an empty cell.
    public let name: String?
    public let role: Role?
    public let organisation: String?
    public let city: String?
    public let country: String?
    public let region: Region?
    public let languages: [String]?
    public let interests: [String]?

    /// The language of their account and their mails: the first of their languages the seminar speaks.
    public var preferredLanguage: Language? {
        languages?.lazy.compactMap { Language(rawValue: $0) }.first
    }

    /// What the file sets of their profile; nil when its cells for the profile are all empty (the profile stays as it is).
    public var profileEdit: ProfileEdit? {
        let edit = ProfileEdit(organisation: organisation, city: city, country: country, region: region?.rawValue, interests: interests,
                               languages: languages)
        let empty = edit.organisation == nil && edit.city == nil && edit.country == nil && edit.region == nil && edit.interests == nil
            && edit.languages == nil
        return empty ? nil : edit
    }
}

/// Every problem of a participants file, by line.
public struct ImportProblems: Error, Sendable, Equatable {
    public let problems: [CSV.Problem]
    public init(_ problems: [CSV.Problem]) { self.problems = problems }
}

/// Reads a participants CSV whole: every bad line is reported, and nothing is imported unless all are good.
public enum ParticipantImport {
    public static let columns = ["email", "name", "role", "organisation", "city", "country", "region", "languages", "interests"]
    public static let maxPeople = 20_000

    /// `knownInterests`: the organisers' list, key → name (a cell may give either, in any of the three languages).
    /// `existing`: emails already registered (a new person needs a name).
    public static func parse(_ text: String, knownInterests: [String: LocalizedText], existing: Set<String>) -> Result<[ImportedPerson], ImportProblems> {
        let records: [CSV.Record]
        do {
            records = try CSV.parse(text)
        } catch {
            return .failure(ImportProblems([error]))
        }
        guard let header = records.first else { return .failure(ImportProblems([CSV.Problem(line: 1, field: nil, message: "the file is empty")])) }
        let names = header.cells.map { $0.trimmingWhitespace().lowercased() }
        var problems: [CSV.Problem] = []
        for (index, name) in names.enumerated() where !columns.contains(name) {
            problems.append(CSV.Problem(line: header.line, field: name, message: "unknown column '\(name)' (column \(index + 1))"))
        }
        for required in ["email", "name"] where !names.contains(required) {
            problems.append(CSV.Problem(line: header.line, field: required, message: "the header needs a '\(required)' column"))
        }
        guard problems.isEmpty else { return .failure(ImportProblems(problems)) }
        guard records.count - 1 <= maxPeople else {
            return .failure(ImportProblems([CSV.Problem(line: header.line, field: nil, message: "at most \(maxPeople) people per file")]))
        }

        var people: [ImportedPerson] = []
        var seen: [String: Int] = [:]
        for record in records.dropFirst() {
            guard record.cells.count <= names.count else {
                problems.append(CSV.Problem(line: record.line, field: nil, message: "\(record.cells.count) cells for \(names.count) columns"))
                continue
            }
            var cell: [String: String] = [:]
            for (index, value) in record.cells.enumerated() {
                let trimmed = value.trimmingWhitespace()
                if !trimmed.isEmpty { cell[names[index]] = trimmed }
            }
            func problem(_ field: String, _ message: String) { problems.append(CSV.Problem(line: record.line, field: field, message: message)) }
            guard let rawEmail = cell["email"], let email = try? Validate.email(rawEmail) else {
                problem("email", "'\(cell["email"] ?? "")' is not an email address")
                continue
            }
            if let first = seen[email] {
                problem("email", "\(email) is also on line \(first)")
                continue
            }
            seen[email] = record.line
            if cell["name"] == nil, !existing.contains(email) { problem("name", "a new person needs a name") }
            var name: String?
            if let value = cell["name"] {
                do throws(DomainError) { name = try Validate.displayName(value, field: "name") } catch { problem("name", error.message) }
            }
            var role: Role?
            if let value = cell["role"] {
                role = Role(rawValue: value.lowercased())
                if role == nil { problem("role", "unknown role '\(value)' (participant, host, agent, organiser)") }
            }
            var region: Region?
            if let value = cell["region"] {
                region = Region.parse(value)
                if region == nil {
                    problem("region", "unknown region '\(value)' (one of: \(Region.allCases.map { $0.name(in: .en) }.joined(separator: ", ")))")
                }
            }
            for field in ["organisation", "city", "country"] where (cell[field]?.count ?? 0) > TextLimits.name {
                problem(field, "longer than \(TextLimits.name) characters")
            }
            let languages = cell["languages"].map(list)
            for language in languages ?? [] where !(2...3).contains(language.count) || !language.allSatisfy({ $0.isLetter && $0.isASCII }) {
                problem("languages", "'\(language)' is not a 2 or 3 letter language code")
            }
            var interests: [String]?
            if let value = cell["interests"] {
                interests = []
                for written in list(value) {
                    if let key = interestKey(written, in: knownInterests) {
                        if interests?.contains(key) == false { interests?.append(key) }
                    } else {
                        problem("interests", "unknown interest '\(written)' (one of: \(interestNames(knownInterests)))")
                    }
                }
            }
            people.append(ImportedPerson(line: record.line, email: email, name: name, role: role, organisation: cell["organisation"],
                                         city: cell["city"], country: cell["country"], region: region,
                                         languages: languages, interests: interests))
        }
        return problems.isEmpty ? .success(people) : .failure(ImportProblems(problems))
    }

    /// The key of the interest a person wrote: its key or its name in any language, ignoring case and accents.
    static func interestKey(_ written: String, in known: [String: LocalizedText]) -> String? {
        let slug = TextFold.slug(written)
        if known[slug] != nil { return slug }
        return known.first { _, name in Language.allCases.contains { name[$0].map(TextFold.slug) == slug } }?.key
    }

    /// The interests as an organiser reads them in the error ("climate, gender equality, …"), in English where named.
    static func interestNames(_ known: [String: LocalizedText]) -> String {
        known.map { key, name in name.en ?? name.fr ?? name.es ?? key }.sorted().joined(separator: ", ")
    }

    /// `a; b ;c` → `["a", "b", "c"]`, lower-cased.
    static func list(_ value: String) -> [String] {
        value.split(separator: ";").map { String($0).trimmingWhitespace().lowercased() }.filter { !$0.isEmpty }
    }
}
