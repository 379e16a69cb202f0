import ArgumentParser
import Foundation
import SeminarCore
import SeminarStore

/// The knowledge hub's search (SQLite FTS5 through the Store, as `feed.search` runs it) over a generated corpus.
struct SearchScenario: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "search", abstract: "Full-text search over generated hub posts.")

    @Option(help: "Posts in the corpus.") var posts = 100_000
    @Option(help: "Queries to time.") var queries = 2_000
    @Option(help: "Results per query (feed.search's default is 20).") var limit = 20
    @Option(help: "Random seed of the corpus and the queries.") var seed: UInt64 = 7
    @Option(help: "Folder for the database (a temporary one by default; removed at the end).") var directory: String?
    @Flag(help: "Print one JSON line last.") var json = false

    /// The seminar's themes in three languages, with and without accents, so that folding is exercised.
    static let vocabulary = """
        coopération décentralisée gouvernements locaux régionaux réseau solidarité climat logement culture mobilité finances \
        égalité genre migrations santé diffusion plaidoyer mouvement inclusif confiance crédibilité multilatéralisme sections \
        commissions apprentissage pairs expériences pacte avenir planète citoyens communautés politique dialogue mobilisation \
        cooperation decentralised local regional governments network solidarity climate housing culture mobility finance \
        equality gender migration health dissemination advocacy inclusive movement trust credibility learning peer future \
        cooperación descentralizada gobiernos locales regionales red solidaridad clima vivienda cultura movilidad finanzas \
        igualdad género migraciones salud difusión incidencia movimiento inclusivo confianza aprendizaje futuro ciudades \
        Dakar Barcelona Montevideo Rome Bogotá Durban Québec Séoul Jakarta Lisbonne Tunis Medellín Strasbourg Kazan
        """.split(separator: " ").map(String.init)

    func run() async throws {
        guard posts > 0, queries > 0, (1...50).contains(limit) else { throw ValidationError("--posts and --queries must be positive, --limit 1 to 50") }
        let folder = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("seminar-bench-search-\(UUID().uuidString)").path
        defer { if directory == nil { try? FileManager.default.removeItem(atPath: folder) } }
        let database = try AppDatabase.open(directory: folder)
        let now = Timestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1000))
        let author = try await database.createUser(email: "bench@example.org", passwordHash: "-", displayName: "Bench", locale: .en,
                                                   role: .organiser, now: now)
        var random = SeededRandom(state: seed)
        // A Zipf-like vocabulary: the little words of three languages first, then the seminar's themes spread over the
        // middle ranks, then 20,000 made-up words, each drawn with a weight 1/rank, as in real text.
        let little = ["de", "la", "le", "les", "des", "et", "en", "the", "of", "and", "to", "in", "el", "los", "y", "del", "por", "para",
                      "un", "une", "a", "que", "with", "for", "con", "las", "du", "au", "is", "se"]
        var syllables = ["ba", "ce", "di", "fo", "gu", "la", "me", "ni", "po", "ra", "si", "tu", "ve", "zo", "mon", "ter", "vil", "cor", "dan", "pli"]
        syllables.shuffle(using: &random)
        var invented = Set<String>()
        while invented.count < 20_000 {
            invented.insert((0..<(2 + Int(random.next() % 3))).map { _ in syllables[Int(random.next() % UInt64(syllables.count))] }.joined())
        }
        var vocabulary = little + Array(invented).sorted().shuffled(using: &random)
        let themes = Self.vocabulary
        for (index, word) in themes.enumerated() { vocabulary.insert(word, at: min(vocabulary.count, 40 + index * 25)) }
        var cumulative: [Double] = []
        var sum = 0.0
        for rank in 1...vocabulary.count { sum += 1 / Double(rank); cumulative.append(sum) }
        func word() -> String {
            let target = Double(random.next() % 1_000_000) / 1_000_000 * sum
            var low = 0, high = cumulative.count - 1
            while low < high { let mid = (low + high) / 2; if cumulative[mid] < target { low = mid + 1 } else { high = mid } }
            return vocabulary[low]
        }
        func sentence(_ count: Int) -> String { (0..<count).map { _ in word() }.joined(separator: " ") }
        let clock = ContinuousClock()
        let loadStart = clock.now
        var batch: [NewPost] = []
        for index in 0..<posts {
            let body = (0..<4).map { _ in sentence(30) + "." }.joined(separator: "\n\n")
            batch.append(NewPost(kind: PostKind.allCases[index % PostKind.allCases.count], title: sentence(6).capitalized, body: body,
                                 lang: Language.allCases[index % 3], tags: [themes[index % themes.count].lowercased()], sessionId: nil,
                                 attachmentIds: []))
            if batch.count == 5_000 || index == posts - 1 {
                try await database.importPosts(batch, author: author.id, now: now)
                batch.removeAll(keepingCapacity: true)
            }
        }
        try await database.optimizeSearchIndex()
        let loadSeconds = BenchOutput.seconds(clock.now - loadStart)

        // Queries as people type them: one to three of the seminar's words, without accents half of the time, one in
        // five with a little word ("la coopération"), one in ten with quotes and operators.
        let words = themes
        let plain = words.map(TextFold.fold)
        var timings: [Double] = []
        var results = 0
        for index in 0..<queries {
            let count = 1 + Int(random.next() % 3)
            var typed = (0..<count).map { _ in
                let i = Int(random.next() % UInt64(words.count))
                return random.next() % 2 == 0 ? words[i] : plain[i]
            }.joined(separator: " ")
            if index % 5 == 1 { typed = "la " + typed }
            if index % 10 == 0 { typed = "\"\(typed) NEAR(" }
            guard let match = SearchQuery.documents(typed) else { continue }
            let start = clock.now
            results += try await database.searchPosts(match: match, filter: FeedFilter(), limit: limit).count
            timings.append(BenchOutput.seconds(clock.now - start) * 1000)
        }
        timings.sort()
        let pct = { (p: Double) in timings[min(timings.count - 1, Int(Double(timings.count) * p))] }
        let size = (try? FileManager.default.attributesOfItem(atPath: folder + "/seminar.sqlite")[.size] as? Int) ?? 0
        print("scenario  posts    queries  load(s)  p50(ms)  p90(ms)  p99(ms)  max(ms)  results/query  db(MiB)")
        print(String(format: "search    %7d  %7d  %7.1f  %7.2f  %7.2f  %7.2f  %7.2f  %13.1f  %7.1f", posts, timings.count, loadSeconds,
                     pct(0.5), pct(0.9), pct(0.99), timings.last ?? 0, Double(results) / Double(max(1, timings.count)), Double(size) / 1_048_576))
        if json {
            let line: [String: Any] = [
                "scenario": "search", "posts": posts, "queries": timings.count, "loadS": loadSeconds,
                "searchMs": ["p50": pct(0.5), "p90": pct(0.9), "p99": pct(0.99), "max": timings.last ?? 0],
                "resultsPerQuery": Double(results) / Double(max(1, timings.count)), "databaseMiB": Double(size) / 1_048_576,
            ]
            print(BenchOutput.jsonLine(line))
        }
    }
}
