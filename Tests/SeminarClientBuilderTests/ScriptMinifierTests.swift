import SeminarClientBuilder
import Testing

@Suite("JavaScript minifier")
struct ScriptMinifierTests {
    func minify(_ source: String) throws -> String { try ScriptMinifier.minify(source) }

    @Test("comments go, indentation and blank lines go, one line break stays where there was one")
    func whitespace() throws {
        let source = """
        // a module
        import { a } from './a.js';

        /** Doc. */
        export function f(x, y) {
          const z = x + y; // sum
          /* inline */ return z * 2;
        }
        """
        #expect(try minify(source) == "import{a}from'./a.js';export function f(x,y){const z=x+y;return z*2;}")
    }

    @Test("tokens that would run together keep one space: names, numbers, + +, - -, 1 .x")
    func joining() throws {
        #expect(try minify("let   a = b") == "let a=b")
        #expect(try minify("a + +b; c - -d; e + ++f; g-- - h") == "a+ +b;c- -d;e+ ++f;g-- -h")
        #expect(try minify("x = 1 .toString(); y = a . b") == "x=1 .toString();y=a.b")
        #expect(try minify("typeof x === 'string'") == "typeof x==='string'")
        #expect(try minify("return 'a'") == "return'a'")
        #expect(try minify("x instanceof   Y") == "x instanceof Y")
        #expect(try minify("this.#count += 1; static #y") == "this.#count+=1;static #y")
    }

    @Test("strings are copied as written: comment marks, // in URLs, quotes and escapes inside")
    func strings() throws {
        #expect(try minify(#"const u = 'https://x.org/a'; // real comment"#) == #"const u='https://x.org/a';"#)
        #expect(try minify(#"s = "/* not a comment */"  +  'it\'s  //'"#) == #"s="/* not a comment */"+'it\'s  //'"#)
        #expect(try minify("s = 'a\\\nb'") == "s='a\\\nb'") // a line continuation stays in the string
        #expect(try minify(#"s = "  two  spaces  ""#) == #"s="  two  spaces  ""#)
    }

    @Test("templates keep their text; ${ } nests strings, templates, braces and regexes")
    func templates() throws {
        #expect(try minify("t = `a  // b ${ x }  /* c */`") == "t=`a  // b ${x}  /* c */`")
        #expect(try minify("t = `${ a ? `in ${ b + '}' } x` : '' }  end`") == "t=`${a?`in ${b+'}'} x`:''}  end`")
        #expect(try minify("t = `${ { a: 1 }.a } ${ f({ b: [1] }) }`") == "t=`${{a:1}.a} ${f({b:[1]})}`")
        #expect(try minify("t = `${ s.replace(/\\}/g, '') }`  /  2") == "t=`${s.replace(/\\}/g,'')}`/2")
        #expect(try minify("t = `line\n   two`") == "t=`line\n   two`")
    }

    @Test("a / after a name, number, ) or ] divides; after ( , = : [ ! & | ? { } ; or return it starts a regex")
    func regexOrDivision() throws {
        #expect(try minify("a = b / c / d") == "a=b/c/d")
        #expect(try minify("a = (b) / 2 / (c)") == "a=(b)/2/(c)")
        #expect(try minify("a = x[1] / y") == "a=x[1]/y")
        #expect(try minify(#"ok = /[/]'"\/\/ x/g.test(s)"#) == #"ok=/[/]'"\/\/ x/g.test(s)"#) // quotes and slashes inside a regex
        #expect(try minify("f(/ a /, / b /)") == "f(/ a /,/ b /)")
        #expect(try minify("x = !/ a /.test(s) && / b /.test(s) || y ? / c / : / d /") == "x=!/ a /.test(s)&&/ b /.test(s)||y?/ c /:/ d /")
        #expect(try minify("function f() { return / a /.test(s); }") == "function f(){return/ a /.test(s);}")
        #expect(try minify("if (x) { y } / a /.exec(s)") == "if(x){y}/ a /.exec(s)")
        #expect(try minify("x = typeof / a /") == "x=typeof/ a /")
        #expect(try minify("x = list.of / 2 / y?.in / 3") == "x=list.of/2/y?.in/3") // keywords as properties divide
        #expect(try minify("a++ / 2") == "a++/2")
        #expect(try minify("r = /\\/* x /") == "r=/\\/* x /") // an escaped slash, not a comment
        #expect(try minify("r = / a / / 2") == "r=/ a / /2") // a regex divided: the slashes stay apart
    }

    @Test("automatic semicolon insertion: the line breaks that matter stay")
    func asi() throws {
        #expect(try minify("function f() {\n  return\n    x\n}") == "function f(){return\nx}")
        #expect(try minify("a\n++b") == "a\n++b")
        #expect(try minify("const y = x\n(z)") == "const y=x\n(z)")
        #expect(try minify("a = b\n[1].c()") == "a=b\n[1].c()")
        #expect(try minify("let a = 1\nlet b = 2\n") == "let a=1\nlet b=2")
        #expect(try minify("x = 1 /* multi\nline */ y = 2") == "x=1\ny=2")
        #expect(try minify("break // why\nlabel") == "break\nlabel")
        #expect(try minify("f(a,\n  b);\n\n\ng({\n  c: 1,\n})") == "f(a,b);g({c:1,})")
    }

    @Test("what cannot be tokenized throws (the server then serves the file as written)")
    func errors() {
        #expect(throws: ScriptLexer.SyntaxError.self) { try minify("s = 'open") }
        #expect(throws: ScriptLexer.SyntaxError.self) { try minify("s = 'a\nb'") }
        #expect(throws: ScriptLexer.SyntaxError.self) { try minify("/* open") }
        #expect(throws: ScriptLexer.SyntaxError.self) { try minify("t = `a ${ b ") }
        #expect(throws: ScriptLexer.SyntaxError.self) { try minify("r = /open\n") }
    }

    @Test("non-ASCII text and names pass through; U+2028 counts as a line break")
    func unicode() throws {
        #expect(try minify("const café = 'été' ; // ça") == "const café='été';")
        #expect(try minify("return\u{2028}x") == "return\nx")
        #expect(try minify("a\u{00A0}=\u{00A0}b") == "a=b")
    }
}
