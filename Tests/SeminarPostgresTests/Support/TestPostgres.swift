// The test server's PostgreSQL is shared with the live-server tests (Tests/SeminarTestPostgres).
@_exported import SeminarTestPostgres

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
