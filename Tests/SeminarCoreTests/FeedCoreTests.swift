import SeminarCore
import Testing

@Suite("knowledge hub: the Markdown subset, post rules, file types")
struct FeedCoreTests {
    @Test("blocks: paragraphs join their lines, headings 1–3, quotes, ordered and unordered lists")
    func blocks() {
        let blocks = Markdown.parse("""
            # Compte-rendu
            Première ligne
            suite de la ligne.

            > Une citation
            > sur deux lignes

            - un
            - deux
              suite
            1. premier
            2) second
            #### pas un titre
            """)
        #expect(blocks.map(\.type) == [.heading, .paragraph, .quote, .list, .list, .paragraph])
        #expect(blocks[0].level == 1 && blocks[0].inlines == [MarkdownInline(.text, "Compte-rendu")])
        #expect(blocks[1].inlines == [MarkdownInline(.text, "Première ligne suite de la ligne.")])
        #expect(blocks[2].inlines == [MarkdownInline(.text, "Une citation sur deux lignes")])
        #expect(blocks[3].ordered == false && blocks[3].items == [[MarkdownInline(.text, "un")], [MarkdownInline(.text, "deux suite")]])
        #expect(blocks[4].ordered == true && blocks[4].items?.count == 2)
        #expect(blocks[5].inlines == [MarkdownInline(.text, "#### pas un titre")])
    }

    @Test("inline: strong, em, code, links and bare addresses; escapes")
    func inlines() {
        #expect(Markdown.inlines("a **b** *c* `d<e>` \\*f\\*") == [
            MarkdownInline(.text, "a "), MarkdownInline(.strong, "b"), MarkdownInline(.text, " "), MarkdownInline(.em, "c"),
            MarkdownInline(.text, " "), MarkdownInline(.code, "d<e>"), MarkdownInline(.text, " *f*"),
        ])
        #expect(Markdown.inlines("[la charte](https://www.uclg.org/charte), voir https://uclg.org.") == [
            MarkdownInline(.link, "la charte", href: "https://www.uclg.org/charte"), MarkdownInline(.text, ", voir "),
            MarkdownInline(.link, "https://uclg.org", href: "https://uclg.org"), MarkdownInline(.text, "."),
        ])
        #expect(Markdown.inlines("[hub](#/hub) [pdf](/files/3)").compactMap(\.href) == ["#/hub", "/files/3"])
        #expect(Markdown.inlines("2 * 3 = 6") == [MarkdownInline(.text, "2 * 3 = 6")])
    }

    @Test("nothing a person types becomes markup or a dangerous link", arguments: [
        "[x](javascript:alert(1))", "[x](data:text/html,<script>)", "[x](//evil.example)", "[x](vbscript:y)", "[x](https://a b)",
    ])
    func unsafeLinks(text: String) {
        let runs = Markdown.inlines(text)
        #expect(runs.allSatisfy { $0.href == nil })
        #expect(runs.map(\.text).joined() == "x")
    }

    @Test("markup in a post stays text")
    func markupIsText() {
        let blocks = Markdown.parse("<img src=x onerror=alert(1)>")
        #expect(blocks == [.paragraph([MarkdownInline(.text, "<img src=x onerror=alert(1)>")])])
    }

    @Test("the excerpt is plain text, cut with an ellipsis")
    func excerpt() {
        let blocks = Markdown.parse("# Titre\n\nUn **texte** assez long.")
        #expect(Markdown.excerpt(blocks) == "Titre Un texte assez long.")
        #expect(Markdown.excerpt(blocks, limit: 5) == "Titre…")
        // A list's items are kept apart, not run together ("languagesPartnership").
        #expect(Markdown.excerpt(Markdown.parse("Working in:\n\n- three languages\n- Partnership\n\n1. One\n2. **Two**")) ==
                "Working in: three languages · Partnership One · Two")
    }

    @Test("who may post: organisers always, configured roles anything, learning experiences for their own roles")
    func posting() {
        let posters: Set<Role> = [.host]
        let learners: Set<Role> = [.participant]
        #expect(PostRules.mayPost(.report, role: .organiser, posters: [], learningPosters: []))
        #expect(PostRules.mayPost(.report, role: .host, posters: posters, learningPosters: learners))
        #expect(!PostRules.mayPost(.report, role: .participant, posters: posters, learningPosters: learners))
        #expect(PostRules.mayPost(.learning, role: .participant, posters: posters, learningPosters: learners))
        #expect(!PostRules.mayPost(.learning, role: .agent, posters: posters, learningPosters: learners))
    }

    @Test("tags are cleaned, de-duplicated and limited")
    func tags() throws {
        #expect(try PostRules.tags([" #Climat", "climat", "", "Coopération"]) == ["climat", "coopération"])
        #expect(throws: DomainError.self) { try PostRules.tags([String(repeating: "x", count: 41)]) }
        #expect(throws: DomainError.self) { try PostRules.tags((1...11).map { "t\($0)" }) }
    }

    @Test("the declared type must match the bytes", arguments: [
        ("application/pdf", Array("%PDF-1.7\n".utf8), "application/pdf"),
        ("image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0], "image/png"),
        ("image/jpeg; charset=x", [0xFF, 0xD8, 0xFF, 0xE0], "image/jpeg"),
        ("audio/ogg", Array("OggS\0".utf8), "audio/ogg"),
        ("video/ogg", Array("OggS\0".utf8), "video/ogg"),
        ("video/mp4", [0, 0, 0, 0x18] + Array("ftypmp42".utf8), "video/mp4"),
        ("text/plain", Array("Compte-rendu, réunion du 12 juin\n".utf8), "text/plain"),
        ("application/vnd.oasis.opendocument.text", [0x50, 0x4B, 0x03, 0x04, 1], "application/vnd.oasis.opendocument.text"),
    ] as [(String, [UInt8], String)])
    func accepted(declared: String, bytes: [UInt8], stored: String) {
        #expect(FileKind.check(declared: declared, bytes: bytes) == stored)
    }

    @Test("refused: unknown types, and bytes that say otherwise", arguments: [
        ("image/png", Array("%PDF-1.7".utf8)),
        ("application/pdf", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ("text/html", Array("<html>".utf8)),
        ("application/x-msdownload", Array("MZ".utf8)),
        ("text/plain", [0x00, 0x01, 0x02]),
        ("application/zip", [0x50, 0x4B, 0x03, 0x04]),
    ] as [(String, [UInt8])])
    func refused(declared: String, bytes: [UInt8]) {
        #expect(FileKind.check(declared: declared, bytes: bytes) == nil)
    }

    @Test("file names lose their path and control characters")
    func names() {
        #expect(FileKind.cleanName("../../etc/passwd") == "passwd")
        #expect(FileKind.cleanName("C:\\docs\\note \"a\".pdf") == "note a.pdf")
        #expect(FileKind.cleanName("..") == nil)
        #expect(FileKind.cleanName("a\u{0}b\nc.txt") == "abc.txt")
    }
}
