"""An announcement "also by email" (issue 25), through a real aiosmtpd: the console's checkbox mails it, when it is
published, to every account that did not turn announcement mails off (never to an address no mail can reach, such
as the demo's `.invalid` ones), in each reader's language around the text as written, with List-Unsubscribe; an
announcement without the box ticked mails nobody."""
from conftest import ORGANISER, wait_until
from mail_helpers import running, two_people
from pages import click, sign_in, text_in, visible
from test_mail import folder  # noqa: F401 (the fixture)


def test_announcement_also_by_mail(folder, browsers):
    with running(folder) as (sink, server, clients):
        _, amina_email, amina, bruno_email, bruno = two_people(server, clients, ("fr", "en"))
        bruno.ok("mail.prefs.set", {"topic": "announcements", "on": False})

        organiser = browsers("en")
        sign_in(organiser, server, ORGANISER["email"], ORGANISER["password"])
        organiser.get(server.url + "/#/admin/announce")
        visible(organiser, "#console-ann-form")

        def announce(text, by_mail):
            box = visible(organiser, "#console-ann-text")
            box.clear()
            box.send_keys(text)
            if by_mail:
                click(organiser, "#console-ann-email")
            click(organiser, "#console-ann-submit")
            wait_until(lambda: box.get_attribute("value") == "", what="the announcement published (the form cleared)")
            text_in(organiser, "#console-ann-status", "Announcement published.")

        announce("Only on the page", False)
        announce("Room 2 moves to 15:00.", True)
        mail = wait_until(lambda: sink.to(amina_email), what="Amina's announcement mail")[0]
        assert mail.message["Subject"] == "Annonce — Séminaire de CGLU"
        assert "Annonce de Org Aniser, pour tout le séminaire :" in mail.text() and "Room 2 moves to 15:00." in mail.text()
        assert mail.message["List-Unsubscribe"].startswith(f"<{server.url}/api/mail/unsubscribe/{amina.id}.announcements.")
        organiser_copy = wait_until(lambda: sink.to(ORGANISER["email"]), what="the organiser's copy")[0]
        assert organiser_copy.message["Subject"] == "Announcement — UCLG Seminar"
        recipients = sorted(m.rcpt_tos[0] for m in sink.messages)
        assert recipients == sorted([amina_email, ORGANISER["email"]]), recipients  # not Bruno (off), not the demo's .invalid
        assert "Only on the page" not in "".join(m.text() for m in sink.messages)
