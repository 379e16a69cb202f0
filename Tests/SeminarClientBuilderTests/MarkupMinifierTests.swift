import SeminarClientBuilder
import Testing

@Suite("HTML light minifier")
struct MarkupMinifierTests {
    @Test("comments, indentation and blank lines go; a line break stays a line break")
    func basics() {
        let html = """
        <!doctype html>
        <html>
          <!-- a comment
               over two lines -->
          <body>
            <p>Some   text
               <b>bold</b>   </p>


            <a
               href="/x"   class="y" >link</a>
          </body>
        </html>

        """
        #expect(MarkupMinifier.minify(html) == """
        <!doctype html>
        <html>
        <body>
        <p>Some   text
        <b>bold</b>   </p>
        <a href="/x" class="y">link</a>
        </body>
        </html>
        """)
    }

    @Test("attribute values and raw elements are copied as written")
    func raw() {
        let html = "<div title=\"a\n   b\">\n   <pre>\n  keep\n    this</pre>\n  <script src=\"/a.js\"></script>\n  <textarea>\n x</textarea>\n</div>"
        #expect(MarkupMinifier.minify(html) == "<div title=\"a\n   b\">\n<pre>\n  keep\n    this</pre>\n<script src=\"/a.js\"></script>\n<textarea>\n x</textarea>\n</div>")
        #expect(MarkupMinifier.minify("<style>\n  a { }\n</style>") == "<style>\n  a { }\n</style>")
    }
}
