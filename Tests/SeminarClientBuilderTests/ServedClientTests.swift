import SeminarClientBuilder
import Testing

@Suite("the web client as served")
struct ServedClientTests {
    let sources = [
        ServedClient.File(path: "/index.html", bytes: Array("<html>\n  <!-- c -->\n  <body></body>\n</html>\n".utf8)),
        ServedClient.File(path: "/js/app.js", bytes: Array("// app\nconst a = 1;\n".utf8)),
        ServedClient.File(path: "/css/app.css", bytes: Array("a {\n  color: red;\n}\n".utf8)),
        ServedClient.File(path: "/js/strings/base.js", bytes: Array("export default {\n  'k': ['fr', 'en', 'es'],\n};\n".utf8)),
        ServedClient.File(path: "/favicon.svg", bytes: Array("<svg>  </svg>".utf8)),
    ]

    func text(_ files: [ServedClient.File], _ path: String) -> String? {
        files.first { $0.path == path }.map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    @Test("string tables are served by language, not as written; code is minified; other files are as they are")
    func minified() throws {
        let (files, warnings) = try ServedClient.build(sources, minify: true)
        #expect(warnings.isEmpty)
        #expect(files.map(\.path) == ["/css/app.css", "/favicon.svg", "/index.html", "/js/app.js", "/js/shell.js",
                                      "/js/strings/en/base.js", "/js/strings/es/base.js", "/js/strings/fr/base.js"])
        // app.js and its imports are the first page's bundle; app.js's own path runs it
        #expect(text(files, "/js/shell.js") == "const a=1;;export{};")
        #expect(text(files, "/js/app.js") == "import'./shell.js';")
        #expect(text(files, "/css/app.css") == "a{color:red}")
        #expect(text(files, "/index.html") == "<html>\n<body></body>\n</html>")
        #expect(text(files, "/js/strings/fr/base.js") == "export default{'k':'fr'};")
        #expect(text(files, "/favicon.svg") == "<svg>  </svg>")
    }

    @Test("with minification off, files are served as written (the tables still by language)")
    func asWritten() throws {
        let (files, _) = try ServedClient.build(sources, minify: false)
        #expect(text(files, "/js/app.js") == "// app\nconst a = 1;\n")
        #expect(text(files, "/css/app.css") == "a {\n  color: red;\n}\n")
        #expect(text(files, "/js/strings/es/base.js") == "export default {\n  'k': 'es',\n};\n")
    }

    @Test("a script that cannot be tokenized is served as written, with a warning; a bad table is an error")
    func problems() throws {
        let broken = ServedClient.File(path: "/js/broken.js", bytes: Array("const s = 'open\n".utf8))
        let (files, warnings) = try ServedClient.build([broken], minify: true)
        #expect(files == [broken])
        #expect(warnings.count == 1 && warnings[0].contains("/js/broken.js"))
        let table = ServedClient.File(path: "/js/strings/desk.js", bytes: Array("export default { 'k': ['fr'] };".utf8))
        #expect(throws: ServedClient.TableError.self) { _ = try ServedClient.build([table], minify: true) }
        // Only the folder's own files are tables.
        let nested = ServedClient.File(path: "/js/strings/fr/x.js", bytes: Array("export default { 'k': 'x' };".utf8))
        #expect(try ServedClient.build([nested], minify: false).files == [nested])
    }
}
