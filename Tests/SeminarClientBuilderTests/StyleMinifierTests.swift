import SeminarClientBuilder
import Testing

@Suite("CSS minifier")
struct StyleMinifierTests {
    @Test("comments and whitespace go around { } ; , > and after : in blocks; the last ; before } goes")
    func basics() {
        let css = """
        /* the header */
        .topbar > .brand ,  h1 {
          color : red;   /* why */
          margin: 0 auto ;
        }

        @media (max-width: 600px) {
          .a   .b { padding: 1px 2px; }
        }
        """
        #expect(StyleMinifier.minify(css) == ".topbar>.brand,h1{color :red;margin:0 auto}@media (max-width: 600px){.a .b{padding:1px 2px}}")
    }

    @Test("a space before a colon is a descendant combinator and stays: a :hover is not a:hover")
    func descendantPseudo() {
        #expect(StyleMinifier.minify("a :hover { x: y }") == "a :hover{x:y}")
        #expect(StyleMinifier.minify("a:hover  ,  b::before { x: y }") == "a:hover,b::before{x:y}")
        #expect(StyleMinifier.minify(".a { &:hover { x: y } }") == ".a{&:hover{x:y}}")
    }

    @Test("strings and url(…) are copied as written")
    func stringsAndURLs() {
        #expect(StyleMinifier.minify(#".a::before { content: "  /* not a comment */ ; { } "; }"#) == #".a::before{content:"  /* not a comment */ ; { } "}"#)
        #expect(StyleMinifier.minify(".a { background: url(data:image/svg+xml;a,  b) no-repeat; }") == ".a{background:url(data:image/svg+xml;a,  b) no-repeat}")
        #expect(StyleMinifier.minify(".a { background: url( 'x y.png' ) }") == ".a{background:url( 'x y.png' )}")
        #expect(StyleMinifier.minify(#".a { content: 'it\'s ; }' }"#) == #".a{content:'it\'s ; }'}"#)
    }

    @Test("var(…) is copied as written: the browser keeps a custom property's fallback as written")
    func varAsWritten() {
        #expect(StyleMinifier.minify(".a { width: var(--w, 40px); }") == ".a{width:var(--w, 40px)}")
        #expect(StyleMinifier.minify(".a { font-size: calc(var(--w, calc(1px + 2px)) * .4); }") == ".a{font-size:calc(var(--w, calc(1px + 2px)) * .4)}")
        #expect(StyleMinifier.minify(".a { content: var(--t, ')  ('); color: red }") == ".a{content:var(--t, ')  (');color:red}")
        #expect(StyleMinifier.minify(".a { x: myvar( 1 ,  2 ) }") == ".a{x:myvar( 1,2 )}")
    }

    @Test("spaces that carry meaning stay: calc's operators, 'and (' in media queries, !important")
    func meaningfulSpaces() {
        #expect(StyleMinifier.minify(".a { width: calc(100% - 2 * 1rem); }") == ".a{width:calc(100% - 2 * 1rem)}")
        #expect(StyleMinifier.minify("@media screen and (min-width: 40em) { }") == "@media screen and (min-width: 40em){}")
        #expect(StyleMinifier.minify(".a { color: red !important; }") == ".a{color:red !important}")
        #expect(StyleMinifier.minify(".a + .b ~ .c { }") == ".a + .b ~ .c{}")
    }
}
