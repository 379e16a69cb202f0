/// One run of a word-level diff.
public struct DiffRun: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable { case same, inserted, deleted }
    public let kind: Kind
    public let text: String

    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }
}

/// A word-level diff of two texts (longest common subsequence over words and the spaces between them),
/// the way an editor's history shows "Cambios en …": unchanged runs, deletions and insertions.
public enum WordDiff {
    public static func diff(_ old: String, _ new: String) -> [DiffRun] {
        let a = tokens(old), b = tokens(new)
        // Trim the common head and tail so long texts with a small edit stay cheap.
        var head = 0
        while head < a.count, head < b.count, a[head] == b[head] { head += 1 }
        var tail = 0
        while tail < a.count - head, tail < b.count - head, a[a.count - 1 - tail] == b[b.count - 1 - tail] { tail += 1 }
        let midA = Array(a[head..<(a.count - tail)]), midB = Array(b[head..<(b.count - tail)])
        var runs: [DiffRun] = []
        func add(_ kind: DiffRun.Kind, _ token: String) {
            if let last = runs.last, last.kind == kind {
                runs[runs.count - 1] = DiffRun(kind, last.text + token)
            } else {
                runs.append(DiffRun(kind, token))
            }
        }
        a[0..<head].forEach { add(.same, $0) }
        if midA.count * midB.count > 4_000_000 {
            // Too large to align word by word: show it as replaced.
            midA.forEach { add(.deleted, $0) }
            midB.forEach { add(.inserted, $0) }
        } else {
            var lcs = [[Int]](repeating: [Int](repeating: 0, count: midB.count + 1), count: midA.count + 1)
            for i in stride(from: midA.count - 1, through: 0, by: -1) {
                for j in stride(from: midB.count - 1, through: 0, by: -1) {
                    lcs[i][j] = midA[i] == midB[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
                }
            }
            var i = 0, j = 0
            while i < midA.count || j < midB.count {
                if i < midA.count, j < midB.count, midA[i] == midB[j] {
                    add(.same, midA[i]); i += 1; j += 1
                } else if j < midB.count, i == midA.count || lcs[i][j + 1] >= lcs[i + 1][j] {
                    add(.inserted, midB[j]); j += 1
                } else {
                    add(.deleted, midA[i]); i += 1
                }
            }
        }
        a[(a.count - tail)...].forEach { add(.same, $0) }
        return runs
    }

    /// Words and the white space between them, as separate tokens, so the runs join back into the texts.
    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var inSpace: Bool?
        for character in text {
            let space = character.isWhitespace
            if inSpace != nil, inSpace != space {
                tokens.append(current)
                current = ""
            }
            current.append(character)
            inSpace = space
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }
}
