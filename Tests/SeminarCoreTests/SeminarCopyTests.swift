import SeminarCore
import Testing

@Suite("seminar copy's rule")
struct SeminarCopyTests {
    @Test("a copy goes only into a database that holds no seminar yet")
    func emptyOnly() {
        #expect(throws: Never.self) { try SeminarCopy.mayCopy(targetHoldsSeminar: false) }
        do {
            try SeminarCopy.mayCopy(targetHoldsSeminar: true)
            Issue.record("a copy over a seminar was allowed")
        } catch {
            #expect(error.code == .conflict && error.field == "to")
        }
    }
}
