/// The account-recovery mail, in the person's language: who asked, the one-time link, how long it works, and that
/// nothing changes if they did not ask.
public enum PasswordResetMail {
    public static func compose(language: Language, seminarName: String, personName: String, link: String, minutes: Int) -> MailContent {
        let t = texts(language, seminar: seminarName, name: personName, minutes: minutes)
        let text = ([t.greeting, t.asked, t.open + "\n" + link, t.once, "— " + seminarName]).joined(separator: "\n\n") + "\n"
        let escaped = MailContent.escaped
        let html = MailContent.page(language: language, title: t.subject,
                                    before: [escaped(t.greeting), escaped(t.asked), escaped(t.open)],
                                    link: link, linkLabel: t.button, after: [escaped(t.once), "— " + escaped(seminarName)])
        return MailContent(subject: t.subject, text: text, html: html)
    }

    private struct Texts {
        let subject, greeting, asked, open, button, once: String
    }

    private static func texts(_ language: Language, seminar: String, name: String, minutes: Int) -> Texts {
        switch language {
        case .fr:
            Texts(subject: "Choisir un nouveau mot de passe — \(seminar)",
                  greeting: "Bonjour \(name),",
                  asked: "Quelqu’un (vous, sans doute) a demandé un nouveau mot de passe pour votre compte sur \(seminar).",
                  open: "Pour en choisir un, ouvrez ce lien dans les \(minutes) minutes :",
                  button: "Choisir un nouveau mot de passe",
                  once: "Le lien ne sert qu’une fois. Si vous n’avez rien demandé, ignorez ce message : votre mot de passe reste le même.")
        case .en:
            Texts(subject: "Choose a new password — \(seminar)",
                  greeting: "Hello \(name),",
                  asked: "Someone (most likely you) asked for a new password for your account at \(seminar).",
                  open: "To choose one, open this link within \(minutes) minutes:",
                  button: "Choose a new password",
                  once: "The link works once. If you did not ask for this, ignore this mail: your password stays as it is.")
        case .es:
            Texts(subject: "Elegir una nueva contraseña — \(seminar)",
                  greeting: "Hola, \(name):",
                  asked: "Alguien (seguramente usted) pidió una nueva contraseña para su cuenta en \(seminar).",
                  open: "Para elegirla, abra este enlace en los próximos \(minutes) minutos:",
                  button: "Elegir una nueva contraseña",
                  once: "El enlace solo sirve una vez. Si no lo pidió, ignore este mensaje: su contraseña sigue siendo la misma.")
        }
    }
}
