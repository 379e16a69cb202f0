@testable import SeminarClientBuilder
import Testing

@Suite("the first page's modules in one file")
struct ModuleBundlerTests {
    func scripts(_ files: [String: String]) -> [String: [UInt8]] { files.mapValues { Array($0.utf8) } }

    func text(_ bundle: ModuleBundler.Bundle, _ path: String) -> String? {
        bundle.files[path].map { String(decoding: $0, as: UTF8.self) }
    }

    let web = [
        "/js/app.js": "import { t } from './i18n.js';\nimport { early } from './prefetch.js';\nimport { el } from './dom.js';\nel(t(early));\nimport('./area.js');\n",
        "/js/i18n.js": "import { LOCALES } from './locale.js';\nimport { el } from './dom.js';\nexport { LOCALES };\nlet current = 'fr';\nexport function t(k) { return el(k + current); }\n",
        "/js/dom.js": "export const el = (x) => x, uid = 0;\nexport class Node {}\n",
        "/js/prefetch.js": "import { LOCALES } from './locale.js';\nexport const early = LOCALES[0];\n",
        "/js/locale.js": "export const LOCALES = ['fr', 'en', 'es'];\n",
        "/js/area.js": "import { el, Node } from \"./dom.js\";\nimport { LOCALES } from './locale.js';\nconst m = await import('./i18n.js');\nexport const x = el(LOCALES);\nloader.import('./dom.js');\n",
    ]

    @Test("the entry and its imports run in module order in one file, the modules kept apart imported once at the top")
    func bundles() throws {
        let bundle = try ModuleBundler.bundle(scripts(web), entry: "/js/app.js", apart: ["/js/prefetch.js"], into: "/js/shell.js")
        #expect(bundle.modules == ["/js/dom.js", "/js/i18n.js", "/js/app.js"])
        #expect(text(bundle, "/js/shell.js") == """
            import { LOCALES } from './locale.js';
            import { early } from './prefetch.js';
            const el = (x) => x, uid = 0;
            class Node {}

            ;
            ;
            ;
            ;
            let current = 'fr';
            function t(k) { return el(k + current); }

            ;
            ;
            ;
            ;
            el(t(early));
            import('./area.js');

            ;
            export { LOCALES, Node, el, t, uid };

            """)
    }

    @Test("each bundled module's path re-exports its names from the bundle; other modules import the bundle")
    func facadesAndImporters() throws {
        let bundle = try ModuleBundler.bundle(scripts(web), entry: "/js/app.js", apart: ["/js/prefetch.js"], into: "/js/shell.js")
        #expect(text(bundle, "/js/dom.js") == "export { Node, el, uid } from './shell.js';\n")
        #expect(text(bundle, "/js/i18n.js") == "export { LOCALES, t } from './shell.js';\n")
        #expect(text(bundle, "/js/app.js") == "import './shell.js';\n")
        #expect(text(bundle, "/js/area.js") == "import { el, Node } from \"./shell.js\";\nimport { LOCALES } from './locale.js';\nconst m = await import('./shell.js');\nexport const x = el(LOCALES);\nloader.import('./dom.js');\n")
        #expect(bundle.files["/js/prefetch.js"] == nil && bundle.files["/js/locale.js"] == nil)
    }

    @Test("it refuses what joining scopes would break: a name declared twice, a renamed import, a default export")
    func refusals() {
        func refusal(_ changes: [String: String]) -> ModuleBundler.Refusal? {
            do {
                _ = try ModuleBundler.bundle(scripts(web.merging(changes) { $1 }), entry: "/js/app.js", apart: ["/js/prefetch.js"], into: "/js/shell.js")
                return nil
            } catch {
                return error
            }
        }
        #expect(refusal(["/js/dom.js": "export const el = 1;\nlet current = 2;\n"])?.problem == "declares 'current', as /js/dom.js does")
        #expect(refusal(["/js/app.js": "import { t as tr } from './i18n.js';\n"])?.problem == "imports 't' as 'tr'")
        #expect(refusal(["/js/dom.js": "export default 1;\n"])?.problem.hasPrefix("export default or export *") == true)
        #expect(refusal(["/js/app.js": "import * as all from './i18n.js';\n"])?.problem.hasPrefix("a default or namespace import") == true)
        #expect(refusal(["/js/app.js": "const { a, b } = globalThis;\n"])?.problem.hasPrefix("a destructuring declaration") == true)
        #expect(refusal(["/js/app.js": "import { gone } from './nowhere.js';\n"])?.path == "/js/nowhere.js")
    }

    @Test("index.html loads the bundle instead of the entry, without preloading what the bundle holds")
    func index() {
        let html = "<head>\n  <link rel=\"modulepreload\" href=\"/js/locale.js\">\n  <script type=\"module\" src=\"/js/app.js\"></script>\n  <link rel=\"modulepreload\" href=\"/js/dom.js\">\n</head>"
        #expect(ModuleBundler.index(html, entry: "/js/app.js", bundle: "/js/shell.js", modules: ["/js/dom.js", "/js/app.js"])
                == "<head>\n  <link rel=\"modulepreload\" href=\"/js/locale.js\">\n  <script type=\"module\" src=\"/js/shell.js\"></script>\n</head>")
    }

    @Test("relative paths between modules")
    func paths() {
        #expect(ModuleBundler.resolve("./x.js", from: "/js/a.js") == "/js/x.js")
        #expect(ModuleBundler.resolve("../css/x.css", from: "/js/a.js") == "/css/x.css")
        #expect(ModuleBundler.relativePath(from: "/js/a.js", to: "/js/shell.js") == "./shell.js")
        #expect(ModuleBundler.relativePath(from: "/js/strings/fr/a.js", to: "/js/shell.js") == "../../shell.js")
    }
}
