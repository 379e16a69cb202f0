import ArgumentParser
import Foundation
import SeminarCore

/// The knowledge hub's search over a generated corpus, from outside: the corpus goes in with `seminar import posts`,
/// a throwaway `seminar serve` on its own data folder answers, and each query is a `feed.search` round trip on one
/// socket (JSON and loopback included).
struct SearchScenario: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "search", abstract: "Full-text search over generated hub posts.")

    @Option(help: "Posts in the corpus.") var posts = 100_000
    @Option(help: "Queries to time.") var queries = 2_000
    @Option(help: "Results per query (feed.search's default is 20).") var limit = 20
    @Option(help: "Random seed of the corpus and the queries.") var seed: UInt64 = 7
    @Option(help: "Folder for the database (a temporary one by default; removed at the end).") var directory: String?
    @Option(help: "The seminar executable (default: the one beside seminar-bench).") var seminar: String?
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

    /// The hub's post kinds (`feed.post`'s `kind`), taken in turn.
    static let kinds = PostKind.allCases.map(\.rawValue)

    func run() async throws {
        guard posts > 0, queries > 0, (1...50).contains(limit) else { throw ValidationError("--posts and --queries must be positive, --limit 1 to 50") }
        let folder = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("seminar-bench-search-\(UUID().uuidString)").path
        defer { if directory == nil { try? FileManager.default.removeItem(atPath: folder) } }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // Searches are reads: the read rate is lifted so that the queries are timed, not paced.
        let seminar = try SeminarProcess(path: seminar, dataFolder: folder, environment: [
            "SEMINAR_BCRYPT_COST": "4", "SEMINAR_READ_RATE": "1000000", "SEMINAR_READ_BURST": "1000000",
            "SEMINAR_LOG_LEVEL": "warning",
        ])
        let author = "search-author@bench.invalid"
        try seminar.run(["user", "add", "--email", author, "--password", "bench-password", "--name", "Bench", "--role", "organiser"])
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
        var corpus = Data()
        for index in 0..<posts {
            let body = (0..<4).map { _ in sentence(30) + "." }.joined(separator: "\n\n")
            let post: [String: Any] = ["kind": Self.kinds[index % Self.kinds.count], "title": sentence(6).capitalized, "body": body,
                                       "lang": ["fr", "en", "es"][index % 3], "tags": [themes[index % themes.count].lowercased()]]
            corpus.append(try JSONSerialization.data(withJSONObject: post))
            corpus.append(UInt8(ascii: "\n"))
        }
        let file = folder + "/corpus.jsonl"
        guard FileManager.default.createFile(atPath: file, contents: corpus) else { throw BenchError("cannot write \(file)") }
        let clock = ContinuousClock()
        let loadStart = clock.now
        try seminar.run(["import", "posts", "--author", author, file])
        let loadSeconds = BenchOutput.seconds(clock.now - loadStart)

        // Queries as people type them: one to three of the seminar's words, without accents half of the time, one in
        // five with a little word ("la coopération"), one in ten with quotes and operators.
        let words = themes
        let plain = words.map(TextFold.fold)
        let server = try await seminar.serve()
        defer { server.stop() }
        let target = try BenchTarget(url: server.url)
        let token = try await target.register(1, prefix: "search")[0]
        let typedQueries = (0..<queries).map { index -> String in
            let count = 1 + Int(random.next() % 3)
            let typed = (0..<count).map { _ in
                let i = Int(random.next() % UInt64(words.count))
                return random.next() % 2 == 0 ? words[i] : plain[i]
            }.joined(separator: " ")
            if index % 10 == 0 { return "\"\(typed) NEAR(" }
            return index % 5 == 1 ? "la " + typed : typed
        }
        let limit = limit
        let (measured, results) = try await BenchSession.run(target, token: token) { session in
            var timings: [Double] = []
            var results = 0
            for typed in typedQueries {
                let start = ContinuousClock.now
                let reply = try await session.request("feed.search", ["q": typed, "limit": limit])
                timings.append(BenchOutput.seconds(ContinuousClock.now - start) * 1000)
                guard reply["ok"] as? Bool == true, let found = (reply["data"] as? [String: Any])?["results"] as? [Any] else {
                    throw BenchError("feed.search refused: \(reply)")
                }
                results += found.count
            }
            return (timings, results)
        }
        let timings = measured.sorted()
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
