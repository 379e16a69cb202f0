/// The page a one-click unsubscribe link opens (no sign-in): a confirm button (GET shows it, so that a mail
/// scanner following links turns nothing off), then what was done. In the person's language.
public enum UnsubscribePage {
    public enum State: Sendable, Equatable {
        /// Asks; the form posts to `action`.
        case confirm(action: String)
        case done
    }

    public static func render(language: Language, seminar: String, topic: MailTopic, state: State) -> String {
        let t = texts(language, topic: name(topic, language))
        let e = MailContent.escaped
        let body: String
        switch state {
        case .confirm(let action):
            body = """
                <h1>\(e(t.title))</h1>
                <p>\(e(t.ask))</p>
                <form method="post" action="\(e(action))"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">\(e(t.button))</button></form>
                """
        case .done:
            body = "<h1>\(e(t.title))</h1>\n<p>\(e(t.done))</p>"
        }
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>\(e(t.title)) — \(e(seminar))</title></head>
            <body>
            \(body)
            <p>\(e(t.profile)) — \(e(seminar))</p>
            </body></html>
            """
    }

    /// What the topic is called in a sentence.
    public static func name(_ topic: MailTopic, _ language: Language) -> String {
        switch (topic, language) {
        case (.meetings, .fr): "les avis de rencontre"
        case (.meetings, .en): "meeting notices"
        case (.meetings, .es): "los avisos de reuniones"
        case (.plan, .fr): "le programme de vos rencontres"
        case (.plan, .en): "your meetings plan"
        case (.plan, .es): "el plan de sus reuniones"
        case (.desk, .fr): "les réponses de l’accueil"
        case (.desk, .en): "replies from the welcome desk"
        case (.desk, .es): "las respuestas de la acogida"
        case (.announcements, .fr): "les annonces par e-mail"
        case (.announcements, .en): "announcements by mail"
        case (.announcements, .es): "los anuncios por correo"
        case (.digest, .fr): "le résumé du matin"
        case (.digest, .en): "the morning digest"
        case (.digest, .es): "el resumen de la mañana"
        }
    }

    private struct Texts {
        let title, ask, button, done, profile: String
    }

    private static func texts(_ language: Language, topic: String) -> Texts {
        switch language {
        case .fr:
            Texts(title: "Se désabonner", ask: "Ne plus recevoir \(topic) par e-mail ?", button: "Oui, ne plus les recevoir",
                  done: "C’est fait : vous ne recevrez plus \(topic) par e-mail.",
                  profile: "Vous pouvez changer cela à tout moment dans votre profil")
        case .en:
            Texts(title: "Unsubscribe", ask: "Stop receiving \(topic) by mail?", button: "Yes, stop them",
                  done: "Done: you will no longer receive \(topic) by mail.",
                  profile: "You can change this at any time in your profile")
        case .es:
            Texts(title: "Darse de baja", ask: "¿Dejar de recibir \(topic) por correo?", button: "Sí, dejar de recibirlos",
                  done: "Hecho: ya no recibirá \(topic) por correo.",
                  profile: "Puede cambiarlo cuando quiera en su perfil")
        }
    }
}
