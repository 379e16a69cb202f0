import SeminarClientBuilder
import Testing

@Suite("string tables split by language")
struct StringTableSplitterTests {
    func split(_ source: String, compact: Bool = true) throws -> [String: String] {
        try StringTableSplitter.split(Array(source.utf8), compact: compact).mapValues { String(decoding: $0, as: UTF8.self) }
    }

    let table = """
    // The desk's strings. See ../strings.js.
    export default {
      'desk.title': ['Accueil', 'Welcome desk', 'Recepción'],
      // a comment between keys
      'desk.quote': ['L\\'équipe « vous »', "The team's", 'El equipo'],
      'desk.count': ['{n} en attente', '{n} waiting', ''],
    };
    """

    @Test("one module per language, strings copied as written, escapes included")
    func split() throws {
        let modules = try split(table)
        #expect(StringTableSplitter.languages == ["fr", "en", "es"])
        #expect(modules["fr"] == #"export default{'desk.title':'Accueil','desk.quote':'L\'équipe « vous »','desk.count':'{n} en attente'};"#)
        #expect(modules["en"] == #"export default{'desk.title':'Welcome desk','desk.quote':"The team's",'desk.count':'{n} waiting'};"#)
        #expect(modules["es"]?.hasPrefix("export default{'desk.title':'Recepción'") == true)
    }

    @Test("an empty translation takes the English text")
    func fallback() throws {
        #expect(try split(table)["es"]?.hasSuffix("'desk.count':'{n} waiting'};") == true)
    }

    @Test("readable when not compact")
    func readable() throws {
        let modules = try split("export default { 'a': ['1', '2', '3'], b: ['x', 'y', 'z'] }", compact: false)
        #expect(modules["en"] == "export default {\n  'a': '2',\n  b: 'y',\n};\n")
    }

    @Test("a table of another shape is refused with its line", arguments: [
        ("export default {\n  'a': ['1', '2'],\n};", 2),
        ("export default {\n  'a': ['1', '2', '3', '4'],\n};", 2),
        ("export default {\n\n  'a': ['1', `2`, '3'],\n};", 3),
        ("export const x = {};", 1),
        ("export default { 'a': ['1', '2', '3'] }\nconsole.log(1);", 2),
        ("export default { 'a': ['1', '2', '3' ", 1),
        ("export default { 'a': ['1', '2, '3'] }", 1),
    ])
    func refused(source: String, line: Int) {
        #expect {
            _ = try StringTableSplitter.split(Array(source.utf8))
        } throws: { error in
            (error as? StringTableSplitter.ShapeError)?.line == line
        }
    }
}
