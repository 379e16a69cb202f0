import SeminarCore
import Testing

@Suite("mail configuration")
struct MailSettingsTests {
    func parse(_ values: [String: RawSetting]) throws(SettingsError) -> Settings {
        try Settings.parse { key, _ in values[key] }
    }

    @Test("defaults: no relay (.eml files), verified TLS, 60 a minute, links for an hour")
    func defaults() throws {
        let settings = try parse([:])
        #expect(settings.smtpURL == nil && settings.smtpVerifyTLS && settings.mailPerMinute == 60 && settings.passwordResetMinutes == 60)
        for key in ["smtpURL", "mailFrom", "smtpVerifyTLS", "smtpCaFile", "mailPerMinute", "mailRetrySeconds", "mailMaxAttempts",
                    "smtpTimeoutSeconds", "passwordResetMinutes", "passwordResetPerHour"] {
            #expect(Settings.keys.contains(key))
        }
    }

    @Test("a bad smtpURL is refused without quoting it (it may hold a password); a bad sender too")
    func refusals() throws {
        #expect(throws: SettingsError.self) { try parse(["smtpURL": .string("http://user:hunter2@relay")]) }
        do {
            _ = try parse(["smtpURL": .string("smtp://user:hunter2@relay:notaport")])
            Issue.record("accepted")
        } catch {
            #expect(error.key == "smtpURL" && !error.message.contains("hunter2"))
        }
        #expect(throws: SettingsError.self) { try parse(["mailFrom": .string("not an address")]) }
        #expect(try parse(["mailFrom": .string("seminar@localhost"), "smtpURL": .string("smtps://u:p@mail.example.org"),
                           "smtpVerifyTLS": .string("false")]).smtpVerifyTLS == false)
    }
}
