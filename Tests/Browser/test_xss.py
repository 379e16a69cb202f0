"""Markup typed by people stays text: two payloads go through the protocol (and HTTP for an upload's name) into every
field a person can type, then real browsers signed in as the right people open each page that shows them. On every
page the payload is visible as text, no element it would create exists, `window.__xss` is undefined and no alert is
open."""
import json
import urllib.parse
import urllib.request
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By

from conftest import AGENT, ORGANISER, wait_until
from pages import ProtocolClient, future_slots, sign_in, visible

P1 = "<img src=x onerror=window.__xss=1>"
P2 = '"><svg onload=window.__xss=1>'
PASSWORD = "hostile-pass-1"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
INJECTED = "img[src='x'], svg[onload], [onerror], [onload]"


def Client(server, token):
    return ProtocolClient(server, token=token)


def register(server, name):
    """A participant signed up over HTTP; returns (email, Client)."""
    email = f"h-{uuid.uuid4().hex[:8]}@example.org"
    request = urllib.request.Request(server.url + "/api/register", method="POST",
                                     headers={"Content-Type": "application/json", "Origin": server.url},
                                     data=json.dumps({"email": email, "password": PASSWORD, "displayName": name, "locale": "en"}).encode())
    with urllib.request.urlopen(request, timeout=10) as response:
        return email, Client(server, json.load(response)["token"])


def staff(server, who):
    return Client(server, server.login_token(who["email"], who["password"]))


def upload(server, token, name, data=PDF, content_type="application/pdf"):
    request = urllib.request.Request(server.url + "/api/files", method="POST", data=data,
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": content_type,
                                              "X-Filename": urllib.parse.quote(name), "Origin": server.url})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 201
        return json.load(response)


def page_text(driver):
    return driver.execute_script("return document.body.innerText") or ""


def open_page(driver, server, hash_):
    driver.get(f"{server.url}/{hash_}")
    visible(driver, "#connection-status[data-state=online]")


def assert_inert(driver, where, texts, scope="body"):
    """Every text shows as text in `scope`, and nothing the payloads would make exists or ran."""
    def shown():
        found = driver.execute_script("const s = document.querySelector(arguments[0]); return s ? s.innerText : ''", scope) or ""
        return all(text in found for text in texts)
    try:
        wait_until(shown, timeout=20, what=f"{texts} as text in {scope} on {where}")
    except AssertionError:
        missing = [t for t in texts if t not in page_text(driver)]
        raise AssertionError(f"{where}: not shown as text: {missing}") from None
    injected = driver.execute_script(
        "return [...document.querySelectorAll(arguments[0])].map(e => e.outerHTML.slice(0, 120))", INJECTED)
    assert injected == [], f"{where}: the payload made elements: {injected}"
    assert driver.execute_script("return typeof window.__xss") == "undefined", f"{where}: a payload ran"
    blocked = [entry["message"] for entry in driver.get_log("browser") if "Content Security Policy" in entry["message"]]
    assert blocked == [], f"{where}: the page tried something the CSP refused: {blocked[:3]}"
    try:
        alert = driver.switch_to.alert
        raise AssertionError(f"{where}: an alert is open: {alert.text}")
    except NoAlertPresentException:
        pass


def assert_no_script_links(driver, where):
    hrefs = driver.execute_script("return [...document.querySelectorAll('a[href], iframe[src], video[src], source[src]')]"
                                  ".map(e => e.getAttribute('href') || e.getAttribute('src'))")
    bad = [h for h in hrefs if h.strip().lower().replace("\t", "").startswith(("javascript:", "data:", "vbscript:"))]
    assert bad == [], f"{where}: script links: {bad}"


def scheduled_room(client):
    sessions = client.ok("program.get")["sessions"]
    return next(s["roomId"] for s in sorted(sessions, key=lambda s: s["startsAt"]) if s["state"] == "scheduled" and s.get("roomId"))


def test_people_profiles_dms_and_meeting_requests_stay_text(staff_server, browsers):
    server = staff_server
    viewer_email, viewer = register(server, "Vera Viewer")
    _, amina = register(server, P1)
    _, bruno = register(server, P2)
    amina.ok("profile.update", {"organisation": P2, "title": P1, "city": P2, "bio": f"{P1} and {P2}", "languages": ["en"]})
    bruno.ok("profile.update", {"displayName": P2, "organisation": P1, "title": P2, "city": P1, "bio": P2, "languages": ["en"]})
    for person in (amina, bruno):
        person.ok("lounge.enter")
    amina.ok("dm.send", {"to": viewer.id, "text": P1}, key="dm-1")
    amina.ok("dm.send", {"to": viewer.id, "text": P2}, key="dm-2")
    organiser = staff(server, ORGANISER)
    slot_ids = [slot["id"] for slot in organiser.ok("grid.set", {"slots": future_slots(3), "tables": 5})["slots"]]
    organiser.close()
    bruno.ok("meeting.request", {"to": viewer.id, "slots": slot_ids[:1], "message": P1}, key="meet-1")

    driver = browsers("en")
    sign_in(driver, server, viewer_email, PASSWORD)
    open_page(driver, server, "#/lounge")
    assert_inert(driver, "the lounge (who is here)", [P1, P2], "#lounge-present")
    open_page(driver, server, f"#/lounge/people/{amina.id}")
    assert_inert(driver, "Amina's profile card", [P1, P2, f"{P1} and {P2}"])
    open_page(driver, server, f"#/lounge/people/{bruno.id}")
    assert_inert(driver, "Bruno's profile card", [P1, P2])
    open_page(driver, server, "#/lounge/messages")
    assert_inert(driver, "the conversations list", [P1, P2])
    open_page(driver, server, f"#/lounge/messages/{amina.id}")
    assert_inert(driver, "the DM conversation", [P1, P2], "#dm-messages")
    open_page(driver, server, "#/lounge/meetings")
    assert_inert(driver, "the meeting requests inbox", [P1, P2], "#requests-incoming")
    for client in (viewer, amina, bruno):
        client.close()


def test_room_chat_questions_polls_and_hands_stay_text(staff_server, browsers):
    server = staff_server
    viewer_email, viewer = register(server, "Vera Viewer")
    _, amina = register(server, P1)
    _, bruno = register(server, P2)
    organiser = staff(server, ORGANISER)
    room_id = scheduled_room(organiser)
    organiser.ok("room.open", {"roomId": room_id})
    organiser.ok("room.enter", {"roomId": room_id})
    organiser.ok("poll.create", {"roomId": room_id, "question": P1, "options": [P1, P2], "kind": "choice"})
    words = organiser.ok("poll.create", {"roomId": room_id, "question": P2, "kind": "words"})["id"]
    for person, first, second in ((amina, P1, P2), (bruno, P2, P1)):
        person.ok("room.enter", {"roomId": room_id})
        message = person.ok("chat.send", {"roomId": room_id, "text": first}, key=f"chat-{person.id}-1")["messageId"]
        person.ok("chat.send", {"roomId": room_id, "text": second, "replyTo": message}, key=f"chat-{person.id}-2")
        person.ok("question.ask", {"roomId": room_id, "text": first}, key=f"q-{person.id}")
        person.ok("poll.vote", {"pollId": words, "words": [first]})
    organiser.ok("room.pin", {"roomId": room_id, "messageId": message})
    amina.ok("hand.raise", {"roomId": room_id})

    participant = browsers("en")
    sign_in(participant, server, viewer_email, PASSWORD)
    open_page(participant, server, f"#/room/{room_id}")
    assert_inert(participant, "the room's chat (participant)", [P1, P2], "#chat-list")
    assert_inert(participant, "the room's questions (participant)", [P1, P2], "#questions-list")
    assert_inert(participant, "the room's polls (participant)", [P1, P2], "#polls-list")

    host = browsers("en")
    sign_in(host, server, ORGANISER["email"], ORGANISER["password"])
    open_page(host, server, f"#/room/{room_id}")
    visible(host, "#host-console")
    assert_inert(host, "the room's chat (host)", [P1, P2], "#chat-list")
    assert_inert(host, "the room's questions and polls (host)", [P1, P2], "#area-room")
    assert_inert(host, "the raised hands (host)", [P1], "#host-console")
    for client in (viewer, amina, bruno, organiser):
        client.close()


def test_hub_desk_and_announcements_stay_text(staff_server, browsers):
    server = staff_server
    viewer_email, viewer = register(server, P2)
    _, amina = register(server, P1)
    organiser = staff(server, ORGANISER)
    organiser.ok("announce", {"text": P1, "level": "info"}, key="a-1")
    organiser.ok("announce", {"text": P2, "level": "urgent"}, key="a-2")
    attachment = upload(server, organiser.token, f"{P1}.pdf")
    assert attachment["name"] == f"{P1}.pdf", attachment
    post_id = organiser.ok("feed.post", {"kind": "news", "title": P1, "body": f"{P2}\n\n{P1} **{P2}** [{P1}](https://example.org)",
                                         "lang": "en", "tags": [P1, P2], "attachmentIds": [attachment["id"]]}, key="post-1")["id"]
    organiser.ok("feed.post", {"kind": "report", "title": P2, "body": P1, "lang": "en", "tags": ["plain"]}, key="post-2")
    amina.ok("feed.comment", {"postId": post_id, "text": P1}, key="c-1")
    viewer.ok("feed.comment", {"postId": post_id, "text": P2}, key="c-2")
    organiser.ok("faq.upsert", {"question": {"en": P1, "fr": P1}, "answer": {"en": P2, "fr": P2}})
    organiser.ok("faq.upsert", {"question": {"en": P2}, "answer": {"en": P1}})
    organiser.close()

    ticket = viewer.ok("desk.ask", {"text": P1, "page": "#/hub"}, key="t-1")["ticket"]
    agent = staff(server, AGENT)
    agent.ok("desk.claim", {"ticketId": ticket["id"]})
    agent.ok("desk.message", {"ticketId": ticket["id"], "text": P2}, key="m-1")
    viewer.ok("desk.message", {"ticketId": ticket["id"], "text": f"{P2} {P1}"}, key="m-2")
    amina.ok("desk.ask", {"text": P2, "page": "#/hub"}, key="t-2")

    driver = browsers("en")
    sign_in(driver, server, viewer_email, PASSWORD)
    assert_inert(driver, "home (announcements)", [P1, P2])
    open_page(driver, server, "#/hub")
    assert_inert(driver, "the hub feed", [P1, P2], "#hub-feed")
    open_page(driver, server, f"#/hub/post/{post_id}")
    assert_inert(driver, "the hub post (title)", [P1], "#area-hub-title")
    assert_inert(driver, "the hub post (body)", [P1, P2], "#post-body")
    assert_inert(driver, "the hub post (attachment)", [f"{P1}.pdf"], "#post-attachments")
    assert_inert(driver, "the hub post (comments)", [P1, P2], "#post-comments")
    assert_inert(driver, "the hub post (tags)", [P1, P2])
    assert_no_script_links(driver, "the hub post")
    open_page(driver, server, f"#/hub/search?q={urllib.parse.quote('img onerror')}")
    assert_inert(driver, "the hub search results", [P1], "#hub-results")
    open_page(driver, server, "#/desk")
    wait_until(lambda: driver.find_elements(By.CSS_SELECTOR, "#faq-list"), what="the FAQ")
    assert_inert(driver, "the desk FAQ", [P1, P2], "#faq-list")
    visible(driver, "#help-button").click()
    assert_inert(driver, "the help panel", [P1, P2, f"{P2} {P1}"], "#help-log")

    console = browsers("en")
    sign_in(console, server, AGENT["email"], AGENT["password"])
    open_page(console, server, "#/desk/agent")
    assert_inert(console, "the agent console's queue", [P1, P2], "#desk-claimed")
    assert_inert(console, "the agent console's waiting list", [P1, P2], "#desk-waiting")
    assert_no_script_links(console, "the agent console")
    visible(console, "#desk-claimed .ticket-open").click()
    assert_inert(console, "the agent console's conversation", [P1, P2, f"{P2} {P1}"], "#desk-chat-log")
    for client in (viewer, amina, agent):
        client.close()


def test_program_texts_and_the_organiser_console_stay_text(staff_server, browsers):
    server = staff_server
    viewer_email, viewer = register(server, P2)
    _, amina = register(server, P1)
    organiser = staff(server, ORGANISER)
    program = organiser.ok("program.get")
    session = next(s for s in program["sessions"] if s.get("roomId"))
    day = datetime.fromisoformat(session["startsAt"].replace("Z", "+00:00")).astimezone(ZoneInfo(program["timeZone"])).strftime("%Y-%m-%d")
    organiser.ok("session.update", {"sessionId": session["id"], "title": {"en": P1}, "description": {"en": f"{P2} {P1}"},
                                    "audience": {"en": P2}})
    organiser.ok("faq.upsert", {"question": {"en": P1}, "answer": {"en": P1}})
    organiser.close()
    viewer.ok("agenda.add", {"sessionId": session["id"]})

    driver = browsers("en")
    sign_in(driver, server, viewer_email, PASSWORD)
    open_page(driver, server, f"#/sessions/{session['id']}")
    assert_inert(driver, "the session page", [P1, P2, f"{P2} {P1}"])
    open_page(driver, server, "#/sessions")
    visible(driver, f"#day-tab-{day}").click()
    assert_inert(driver, "the program", [P1])
    open_page(driver, server, "#/agenda")
    assert_inert(driver, "the personal agenda", [P1])

    console = browsers("en")
    sign_in(console, server, ORGANISER["email"], ORGANISER["password"])
    open_page(console, server, "#/admin/people")
    assert_inert(console, "the console's people list", [P1, P2], "#people-list")
    open_page(console, server, "#/admin/audit")
    assert_inert(console, "the console's audit log", [P1], "#audit-list")
    for client in (viewer, amina):
        client.close()


@pytest.mark.parametrize("page", ["javascript:window.__xss=1", "https://evil.example/phish", "//evil.example/x"])
def test_a_ticket_page_that_is_not_a_route_is_refused(staff_server, page):
    _, asker = register(staff_server, "Page Tester")
    try:
        reply = asker.request("desk.ask", {"text": "help", "page": page})
    finally:
        asker.close()
    stored = reply["ok"] and reply["data"]["ticket"].get("page")
    assert not stored or stored.startswith("#/"), (page, reply)
