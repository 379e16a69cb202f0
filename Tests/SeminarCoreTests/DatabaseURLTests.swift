import SeminarCore
import Testing

@Suite("databaseURL")
struct DatabaseURLTests {
    @Test("a postgres:// address: user, password (percent-decoded), host, port, database; the password never printed")
    func parses() throws {
        let url = try DatabaseURL("postgres://seminar:p%40ss%3Aword@db.example.org:6543/seminar_2026")
        #expect(url == DatabaseURL(user: "seminar", password: "p@ss:word", host: "db.example.org", port: 6543, database: "seminar_2026"))
        #expect(!url.description.contains("p@ss") && url.description.contains("db.example.org:6543/seminar_2026"))
        #expect(try DatabaseURL("postgresql://me@127.0.0.1/db") == DatabaseURL(user: "me", password: nil, host: "127.0.0.1", database: "db"))
        #expect(try DatabaseURL("postgres://me:x@[::1]:5433/db").host == "::1")
    }

    @Test("what is wrong is said", arguments: [
        "mysql://u@h/db", "postgres://h/db", "postgres://u@h", "postgres://u@h:99999/db", "postgres://u@:5432/db",
        "postgres://u:%zz@h/db", "postgres://:pw@h/db",
    ])
    func refuses(text: String) {
        #expect(throws: SettingsError.self) { try DatabaseURL(text) }
    }
}
