"""Invitations by mail (issue 25) through a real SMTP conversation (a throwaway aiosmtpd on loopback): the console's
import with "also send invitations" mails each new person, in their language, their one-time sign-in link (which
signs them in), the seminar's dates and the program; the console shows each invitation queued, sent or failed (a
relay's 550), resends to one person (a new link: the old one stops working) and to all who never signed in; and
`seminar import participants --invite` goes through the same use case."""
import re
import subprocess
import uuid
from pathlib import Path

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By

import conftest
from conftest import ORGANISER, wait_until
from pages import click, css, sign_in, text_in, visible
from mail_helpers import running, two_people
from test_console import console_tab, open_console, paste_csv
from test_mail import folder  # noqa: F401 (the fixture)

CSV = "email,name,languages\nana@example.org,Ana Pérez,fr\nbo@example.org,Bo Okafor,en;fr\nrefuse-cy@example.org,Cy Refused,es\n"


def sign_in_link(server, message):
    match = re.search(r"(http://\S+/api/link/[A-Za-z0-9_-]+)", message.text())
    assert match, message.text()
    assert match.group(1).startswith(server.url + "/api/link/")
    return match.group(1)


def row(driver, email, table="#invitations-table"):
    """The row of `table` that names `email` (None while the table is being redrawn: callers wait)."""
    try:
        for tr in driver.find_elements(By.CSS_SELECTOR, f"{table} tbody tr"):
            if email in tr.text:
                return tr
    except StaleElementReferenceException:
        pass
    return None


def row_status(driver, email):
    try:
        tr = row(driver, email)
        return tr.get_attribute("data-status") if tr else None
    except StaleElementReferenceException:
        return None


def click_in_row(driver, email, selector, table="#invitations-table"):
    """Clicks `selector` in the row of `email`, once the table stands still."""
    def clicked():
        try:
            tr = row(driver, email, table)
            buttons = tr.find_elements(By.CSS_SELECTOR, selector) if tr else []
            if buttons:
                buttons[0].click()
                return True
        except StaleElementReferenceException:
            pass
        return False
    wait_until(clicked, what=f"{selector} in the row of {email}")


def signs_in(browsers, link):
    driver = browsers("en")
    driver.get(link)
    visible(driver, "#home-view")
    visible(driver, "#connection-status[data-state=online]")


def test_import_sends_invitations_console_shows_progress_and_resends(folder, browsers):
    with running(folder) as (sink, server, _):
        organiser = browsers("en")
        sign_in(organiser, server, ORGANISER["email"], ORGANISER["password"])
        open_console(organiser, server)
        click(organiser, "#people-import-invite")
        paste_csv(organiser, CSV)
        text_in(organiser, "#people-import-done", "3 created, 0 updated. 3 invitation(s) queued.")

        ana = wait_until(lambda: sink.to("ana@example.org"), what="Ana's invitation")[0]
        bo = wait_until(lambda: sink.to("bo@example.org"), what="Bo's invitation")[0]
        # In each person's language, from the seminar, multipart, with the dates and the program.
        assert ana.message["Subject"].startswith("Votre invitation — ") and bo.message["Subject"].startswith("Your invitation — ")
        assert ana.message["From"].addresses[0].display_name == ana.message["Subject"].split(" — ", 1)[1]
        assert [part.get_content_type() for part in ana.message.iter_parts()] == ["text/plain", "text/html"]
        assert "Bonjour Ana Pérez," in ana.text() and re.search(r"du \w+ \d+", ana.text()), ana.text()
        assert server.url + "/#/sessions" in bo.text() and "Hello Bo Okafor," in bo.text()
        assert sign_in_link(server, ana) in ana.html()

        # The console's progress: two sent, one refused by the relay (550: failed at once).
        console_tab(organiser, "mail")
        visible(organiser, "#invitations-counts")
        wait_until(lambda: "Sent: 2 · Failed: 1" in css(organiser, "#invitations-counts").text,
                   what=f"the counts (now {css(organiser, '#invitations-counts').text})")
        assert row_status(organiser, "refuse-cy@example.org") == "failed"
        assert "550" in row(organiser, "refuse-cy@example.org").text

        # Bo's link signs him in.
        signs_in(browsers, sign_in_link(server, bo))

        # Resend to Ana: a new link arrives; the first one no longer works, the new one signs her in.
        click(organiser, "#invitations-refresh")
        def no_resend_for_bo():
            try:
                tr = row(organiser, "bo@example.org")
                return tr is not None and "Yes" in tr.text and not tr.find_elements(By.CSS_SELECTOR, ".invitation-resend")
            except StaleElementReferenceException:
                return False
        wait_until(no_resend_for_bo, what="no resend for Bo, who signed in")
        first = sign_in_link(server, ana)
        click_in_row(organiser, "ana@example.org", ".invitation-resend")
        text_in(organiser, "#invitations-status", "1 invitation(s) queued again.")
        second = wait_until(lambda: sink.to("ana@example.org")[1:], what="Ana's second invitation")[0]
        assert sign_in_link(server, second) != first
        expired = browsers("en")
        expired.get(first)
        wait_until(lambda: "link-expired" in expired.current_url, what="the first link refused")
        signs_in(browsers, sign_in_link(server, second))

        # Resend to all who never signed in: only Cy is left (refused again by the relay).
        click(organiser, "#invitations-refresh")
        wait_until(lambda: "Never signed in: 1" in css(organiser, "#invitations-counts").text,
                   what=f"Cy alone never signed in (now {css(organiser, '#invitations-counts').text})")
        click(organiser, "#invitations-resend-all")
        text_in(organiser, "#invitations-status", "1 invitation(s) queued again.")
        wait_until(lambda: len([t for t, _ in sink.rcpt_log if t == "refuse-cy@example.org"]) == 2, what="Cy's second attempt")
        # Refreshed by itself while an invitation is queued.
        wait_until(lambda: "Queued: 0 · Sent: 2 · Failed: 1" in css(organiser, "#invitations-counts").text, what="the counts after resending")
        assert len(sink.to("ana@example.org")) == 2 and len(sink.to("bo@example.org")) == 1


def test_command_line_import_invites_through_the_same_use_case(folder):
    with running(folder) as (sink, server, _):
        csv = Path(folder) / "people.csv"
        csv.write_text("email,name,languages\ndee@example.org,Dee Diaz,es\nana@example.org,,\n")
        done = subprocess.run([conftest.BIN, "import", "participants", "--data", server.data_dir, "--url", server.url, "--invite", str(csv)],
                              cwd=conftest.ROOT, env=server.env(), capture_output=True, text=True, timeout=60)
        assert done.returncode != 0 and "a new person needs a name" in done.stderr, done  # checked whole: nothing written
        csv.write_text("email,name,languages\ndee@example.org,Dee Diaz,es\n")
        done = subprocess.run([conftest.BIN, "import", "participants", "--data", server.data_dir, "--url", server.url, "--invite", str(csv)],
                              cwd=conftest.ROOT, env=server.env(), capture_output=True, text=True, timeout=60)
        assert done.returncode == 0 and "invitations queued 1" in done.stdout, done
        # The running server's sender delivers what the command queued.
        dee = wait_until(lambda: sink.to("dee@example.org"), what="Dee's invitation")[0]
        assert dee.message["Subject"].startswith("Su invitación — ") and "Hola, Dee Diaz:" in dee.text()
        assert [m.rcpt_tos for m in sink.messages] == [["dee@example.org"]]


def outbox_row(driver, needle):
    return row(driver, needle, "#outbox-table")


def test_outbox_lists_mails_and_retries_failed_ones(folder, browsers):
    with running(folder) as (sink, server, clients):
        slots, _, amina, bruno_email, bruno = two_people(server, clients, ("en", "en"))
        sink.refused.add(bruno_email)
        amina.ok("meeting.request", {"to": bruno.id, "slots": [slots[0]["id"]]}, key=uuid.uuid4().hex)

        organiser = browsers("en")
        sign_in(organiser, server, ORGANISER["email"], ORGANISER["password"])
        open_console(organiser, server)
        click(organiser, "#people-import-invite")
        paste_csv(organiser, "email,name\nrefuse-dee@example.org,Dee\n")
        text_in(organiser, "#people-import-done", "1 invitation(s) queued.")
        console_tab(organiser, "mail")

        def failed_twice(driver):
            click(driver, "#outbox-refresh")
            return "Failed: 2" in css(driver, "#outbox-counts").text
        wait_until(lambda: failed_twice(organiser), what="two failed mails in the outbox")
        notice = outbox_row(organiser, bruno_email)
        assert notice.get_attribute("data-status") == "failed" and "550" in notice.text
        invitation = outbox_row(organiser, "refuse-dee@example.org")
        assert invitation.get_attribute("data-kind") == "invitation" and not invitation.find_elements(By.CSS_SELECTOR, ".outbox-retry")

        # The relay takes Bruno's mail now: retried from the console, it arrives, and shows as sent.
        sink.refused.discard(bruno_email)
        click_in_row(organiser, bruno_email, ".outbox-retry", "#outbox-table")
        text_in(organiser, "#outbox-status", "1 mail(s) queued again.")
        arrived = wait_until(lambda: sink.to(bruno_email), what="Bruno's notice after the retry")[0]
        assert arrived.message["Subject"] == "Amina asks to meet you — UCLG Seminar"

        def sent(driver):
            click(driver, "#outbox-refresh")
            row = outbox_row(driver, bruno_email)
            return row is not None and row.get_attribute("data-status") == "sent"
        wait_until(lambda: sent(organiser), what="Bruno's notice marked sent")
        assert "Failed: 1" in css(organiser, "#outbox-counts").text
