/// Case- and accent-insensitive comparison of what people type, for the seminar's languages (no Foundation in Core).
public enum TextFold {
    /// Lower-cased, with the accents of Latin letters removed and ligatures spelled out: "Coopération" → "cooperation".
    public static func fold(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.lowercased() {
            if let plain = plain[character] { out += plain } else { out.append(character) }
        }
        return out
    }

    /// Folded, with every run of other characters than letters and digits one hyphen, none at the ends:
    /// "Middle East & West Asia" → "middle-east-west-asia", "Égalité de genre" → "egalite-de-genre".
    public static func slug(_ text: String) -> String {
        var key = ""
        for character in fold(text) {
            if character.isLetter || character.isNumber {
                key.append(character)
            } else if !key.isEmpty, key.last != "-" {
                key.append("-")
            }
        }
        while key.last == "-" { key.removeLast() }
        return key
    }

    /// Whether every word of `query` appears in one of `texts`, ignoring case and accents.
    public static func matchesAllWords(_ query: String, in texts: [String]) -> Bool {
        let words = fold(query).split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        guard !words.isEmpty else { return true }
        let haystack = texts.map(fold).joined(separator: "\n")
        return words.allSatisfy { haystack.contains($0) }
    }

    private static let plain: [Character: String] = {
        let groups: [(String, String)] = [
            ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"),
            ("ìíîïĩīĭįı", "i"), ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉ", "n"), ("òóôõöøōŏő", "o"),
            ("ŕŗř", "r"), ("śŝşšș", "s"), ("ţťŧț", "t"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"),
        ]
        var table: [Character: String] = ["æ": "ae", "œ": "oe", "ß": "ss", "·": "·"]
        for (letters, base) in groups { for letter in letters { table[letter] = base } }
        return table
    }()
}
