"""Mail preferences and one-click unsubscribe (issue 25, RFC 8058), against a real aiosmtpd: a meeting notice carries
`List-Unsubscribe` (a signed address) and `List-Unsubscribe-Post: List-Unsubscribe=One-Click`; opening the address
shows a confirm page and changes nothing; a mail client's one-click POST (no sign-in, no cookie, another origin)
turns meeting notices off, and no further notice is sent; the profile page shows the choice and turns it back on;
the page's own button turns it off again; a forged address is 404."""
import urllib.error
import urllib.request
import uuid


from conftest import wait_until
from pages import click, css, sign_in, text_in, visible
from mail_helpers import running, two_people
from test_mail import folder  # noqa: F401 (the fixture)


def one_click(url):
    """What a mail provider sends (RFC 8058): a POST with List-Unsubscribe=One-Click, nothing else."""
    request = urllib.request.Request(url, method="POST", data=b"List-Unsubscribe=One-Click",
                                     headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": "https://mail.example.net"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def meetings_on(client):
    return {t["topic"]: t["on"] for t in client.ok("mail.prefs.get")["topics"]}["meetings"]


def test_one_click_unsubscribe_and_profile_preferences(folder, browsers):
    with running(folder) as (sink, server, clients):
        slots, amina_email, amina, bruno_email, bruno = two_people(server, clients, ("en", "en"))

        first = amina.ok("meeting.request", {"to": bruno.id, "slots": [slots[0]["id"]]}, key=uuid.uuid4().hex)["request"]
        notice = wait_until(lambda: sink.to(bruno_email), what="Bruno's request notice")[0]
        header = notice.message["List-Unsubscribe"]
        assert header.startswith(f"<{server.url}/api/mail/unsubscribe/{bruno.id}.meetings.") and header.endswith(">"), header
        assert notice.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        link = header[1:-1]
        assert link in notice.text()

        # Opening the address only asks.
        page = browsers("en")
        page.get(link)
        text_in(page, "h1", "Unsubscribe")
        assert "Stop receiving meeting notices by mail?" in css(page, "body").text
        assert meetings_on(bruno)

        # A forged address is refused; the mail client's one-click works without a sign-in.
        forged = link[:-3] + ("AAA" if not link.endswith("AAA") else "BBB")
        assert one_click(forged)[0] == 404
        assert one_click(link.replace(f"/{bruno.id}.meetings.", f"/{amina.id}.meetings."))[0] == 404
        status, body = one_click(link)
        assert status == 200 and "you will no longer receive meeting notices" in body, body
        assert not meetings_on(bruno) and meetings_on(amina)

        # No further meeting notice reaches Bruno; Amina (still on) gets hers.
        bruno.ok("meeting.decline", {"requestId": first["id"]})
        wait_until(lambda: sink.to(amina_email), what="Amina's decline notice")
        second = amina.ok("meeting.request", {"to": bruno.id, "slots": [slots[1]["id"]]}, key=uuid.uuid4().hex)["request"]
        bruno.ok("meeting.accept", {"requestId": second["id"], "slot": slots[1]["id"]})
        wait_until(lambda: sink.to(amina_email)[1:], what="Amina's booked notice")
        assert len(sink.to(bruno_email)) == 1

        # The profile page shows it off; Bruno turns it back on there.
        driver = browsers("en")
        sign_in(driver, server, bruno_email, "participant-pass")
        driver.get(server.url + "/#/lounge/profile")
        box = visible(driver, "#profile-mail-meetings")
        assert not box.is_selected()
        assert css(driver, "#profile-mail-digest").is_selected()
        click(driver, "#profile-mail-meetings")
        text_in(driver, "#profile-mail-status", "Saved.")
        assert meetings_on(bruno)

        # The page's own button turns it off again.
        page.get(link)
        click(page, "form button[type=submit]")
        text_in(page, "body", "Done: you will no longer receive meeting notices by mail.")
        assert not meetings_on(bruno)
