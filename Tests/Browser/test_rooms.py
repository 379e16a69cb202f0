"""The program, the personal agenda and a live session room in real browsers: a host (the organiser) runs a
session from the host console while a participant watches it go live, chats, asks and votes."""
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from conftest import ARTIFACTS, ORGANISER, wait, wait_until
from pages import ProtocolClient, import_program, sign_in, sign_up, text_in, visible

XSS = "<img src=x onerror=alert(1)>"


def program(server):
    client = ProtocolClient(server, ORGANISER["email"], ORGANISER["password"])
    try:
        reply = client.request("program.get")
        assert reply["ok"], reply
        return reply["data"]
    finally:
        client.close()


def scheduled_session(data):
    """A session whose room is still scheduled, so that open → start works."""
    return next(s for s in sorted(data["sessions"], key=lambda s: s["startsAt"]) if s["state"] == "scheduled")


def day_of(session, zone):
    return datetime.fromisoformat(session["startsAt"].replace("Z", "+00:00")).astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d")


def no_alert(driver):
    try:
        driver.switch_to.alert
        raise AssertionError("an alert ran")
    except NoAlertPresentException:
        pass


def open_room(driver, server, room_id):
    driver.get(f"{server.url}/#/room/{room_id}")
    visible(driver, "#connection-status[data-state=online]")
    visible(driver, "#room-state")


def click(driver, css):
    wait(driver).until(EC.element_to_be_clickable((By.CSS_SELECTOR, css))).click()


def screenshot(driver, name, width):
    ARTIFACTS.mkdir(exist_ok=True)
    driver.set_window_size(width, 900)
    driver.execute_script("window.scrollTo(0, 0)")
    driver.save_screenshot(str(ARTIFACTS / f"{name}-{width}.png"))


def test_host_runs_a_live_session_with_a_participant(server, browsers):
    session = scheduled_session(program(server))
    room_id = session["roomId"]

    host = browsers("en")
    sign_in(host, server, ORGANISER["email"], ORGANISER["password"])
    open_room(host, server, room_id)
    visible(host, "#host-console")

    participant = browsers("en")
    sign_up(participant, server, name="Amina Diallo")
    open_room(participant, server, room_id)
    # A participant has no host console (its module is not even loaded: it is for hosts only).
    assert [e for e in participant.find_elements(By.CSS_SELECTOR, "#host-console") if e.is_displayed()] == []
    assert participant.execute_script("return performance.getEntriesByType('resource').some((e) => e.name.includes('room-host.js'))") is False
    assert participant.find_element(By.CSS_SELECTOR, "#chat-input").get_attribute("disabled") is not None

    # The host opens, then starts the session from the console; the participant sees it go live.
    click(host, "#host-open")
    visible(participant, "#room-state[data-state=open]")
    click(host, "#host-start")
    visible(participant, "#room-state[data-state=live]")
    text_in(participant, "#room-state", "Live now")
    # No Janus on this server: the page says the video stage is unavailable (the stream address plays as before).
    text_in(participant, "#stage-unavailable", "not available on this server")

    # Chat, both ways, and markup shown as text.
    box = visible(participant, "#chat-input")
    wait(participant).until(lambda d: box.is_enabled())
    box.send_keys("Hello from the floor")
    click(participant, "#chat-send")
    text_in(host, "#chat-list", "Hello from the floor")
    box.send_keys(XSS)
    click(participant, "#chat-send")
    for driver in (host, participant):
        wait(driver).until(lambda d: any(e.text == XSS for e in d.find_elements(By.CSS_SELECTOR, "#chat-list .chat-text")))
        assert driver.find_elements(By.CSS_SELECTOR, "#area-room img") == []
        no_alert(driver)

    # A question, marked answered by the host.
    visible(participant, "#question-input").send_keys("How do cities share data?")
    click(participant, "#question-ask")
    text_in(host, "#questions-list", "How do cities share data?")
    click(host, "#questions-list li.question .answer")
    text_in(participant, "#questions-list li.question", "Answered")
    visible(participant, "#questions-list li.question.is-answered")

    # A poll made by the host; the participant's vote shows in the host's results.
    visible(host, "#poll-question").send_keys("Which topic next?")
    host.find_element(By.CSS_SELECTOR, "#poll-options").send_keys("Housing\nMobility")
    click(host, "#poll-create")
    visible(participant, "#polls-list article.poll input[type=radio][value='1']").click()
    click(participant, "#polls-list article.poll button[type=submit]")
    text_in(host, "#polls-list .poll-results li[data-option='1'] .result-count", "1 vote")
    text_in(participant, "#polls-list .poll-results li[data-option='1'] .result-count", "1 vote")

    screenshot(host, "room-host", 1280)
    screenshot(participant, "room-participant", 360)
    for driver in (host, participant):
        driver.set_window_size(1280, 900)

    # The host mutes the participant, who is told why the chat refuses their message.
    click(host, "#chat-list li.chat-message:not(.mine) .menu-toggle")
    click(host, "#chat-list li.chat-message:not(.mine) .menu-item.mute")
    text_in(participant, ".room-notice", "You are muted")
    participant.find_element(By.CSS_SELECTOR, "#chat-input").send_keys("Can you hear me?")
    click(participant, "#chat-send")
    text_in(participant, "#chat-error", "You are muted")

    # Breakout groups: the participant is told, follows the link into the group's room, and is brought back.
    size = visible(host, "#breakout-size")
    size.clear()
    size.send_keys("2")
    click(host, "#breakout-start")
    visible(participant, ".notice-breakout-assigned a").click()
    wait(participant).until(lambda d: d.current_url.split("#")[-1].startswith("/room/") and d.current_url.split("#")[-1] != f"/room/{room_id}")
    visible(participant, "#room-state")
    click(host, "#breakout-end")
    # Ended: the participant is taken back to the main room and told so (test_breakouts.py has the rest).
    wait(participant).until(lambda d: d.current_url.endswith(f"#/room/{room_id}"))
    text_in(participant, ".room-arrival", "you are back in the main room")
    no_alert(participant)

    # The program shows the session live, and ended once the host ends it (the `seminar` topic's room.state).
    participant.get(f"{server.url}/#/sessions")
    click(participant, f"#day-tab-{day_of(session, program(server)['timeZone'])}")
    visible(participant, f".session-item[data-session-id='{session['id']}'][data-state=live]")
    click(host, "#host-end")
    click(host, "#host-end-confirm")
    visible(participant, f".session-item[data-session-id='{session['id']}'][data-state=ended]")


def test_program_by_day_bookmark_in_agenda_and_session_history(server, browsers):
    data = program(server)
    zone = data["timeZone"]
    day = data["days"][1]
    expected = {s["title"]["en"] for s in data["sessions"] if day_of(s, zone) == day and "en" in s["title"]}
    assert expected

    participant = browsers("en")
    sign_up(participant, server)
    participant.get(f"{server.url}/#/sessions")
    visible(participant, "#connection-status[data-state=online]")
    click(participant, f"#day-tab-{day}")
    visible(participant, f"#day-tab-{day}[aria-selected=true]")
    wait(participant).until(lambda d: {e.text for e in d.find_elements(By.CSS_SELECTOR, "#program-panel .session-title")} == expected)
    screenshot(participant, "program", 1280)
    screenshot(participant, "program", 360)
    participant.set_window_size(1280, 900)

    first = participant.find_element(By.CSS_SELECTOR, "#program-panel .session-item")
    session_id = first.get_attribute("data-session-id")
    title = first.find_element(By.CSS_SELECTOR, ".session-title").text
    first.find_element(By.CSS_SELECTOR, "button.bookmark").click()
    visible(participant, f".session-item[data-session-id='{session_id}'] button.bookmark[aria-pressed=true]")

    participant.get(f"{server.url}/#/agenda")
    text_in(participant, "#area-agenda .agenda-list", title)
    assert participant.find_element(By.CSS_SELECTOR, "#agenda-ics").get_attribute("href").endswith("/api/agenda.ics")
    url = visible(participant, "#calendar-url").get_attribute("value")
    assert "/api/calendar/" in url
    screenshot(participant, "agenda", 360)
    participant.set_window_size(1280, 900)

    # The organiser edits the English description on the session page; everyone sees it and its history.
    organiser = browsers("en")
    sign_in(organiser, server, ORGANISER["email"], ORGANISER["password"])
    organiser.get(f"{server.url}/#/sessions/{session_id}")
    # The form is filled once the session has arrived (it may be drawn again then): replace its text only after that.
    # Which session comes first on that day depends on the hour (the demo is anchored to now): some have no English
    # description yet, and then the history shows an insertion only.
    visible(organiser, "#edit-title-en")
    wait_until(lambda: any(e.get_attribute("value") for e in organiser.find_elements(By.CSS_SELECTOR, "[id^=edit-title-]")),
               what="the session in the form")
    had_description = bool(organiser.find_element(By.CSS_SELECTOR, "#edit-description-en").get_attribute("value"))
    def replaced(d):
        box = d.find_element(By.CSS_SELECTOR, "#edit-description-en")
        box.clear()
        box.send_keys("A fresh description for the browser test.")
        return box.get_attribute("value") == "A fresh description for the browser test."
    wait(organiser).until(replaced)
    click(organiser, "#session-edit-submit")
    text_in(organiser, ".session-edit", "Changes saved.")

    participant.get(f"{server.url}/#/sessions/{session_id}")
    text_in(participant, "#area-sessions .description", "A fresh description for the browser test.")
    text_in(participant, "#area-sessions .revisions", "Org Aniser")
    wait_until(lambda: any("fresh" in e.text for e in participant.find_elements(By.CSS_SELECTOR, "#area-sessions .revisions ins")),
               what="the insertion marked in the history")
    if had_description:
        assert participant.find_elements(By.CSS_SELECTOR, "#area-sessions .revisions del")
    assert participant.find_elements(By.CSS_SELECTOR, "#edit-description-en") == []
    visible(participant, "#enter-room")
    screenshot(participant, "session", 1280)
    screenshot(participant, "session", 360)


def test_session_page_marks_text_in_another_language_and_the_language_filter(server, browsers):
    data = program(server)
    zone = data["timeZone"]
    french_only = next(s for s in data["sessions"] if s["key"] == "power-of-we-opening")
    with_agenda = next(s for s in data["sessions"] if s["key"] == "dissemination-strategy")
    spanish_only = next(s for s in data["sessions"] if set(s["title"]) == {"es"})
    assert spanish_only["languages"] == ["es"]

    reader = browsers("en")
    sign_up(reader, server)
    reader.get(f"{server.url}/#/sessions/{french_only['id']}")
    description = visible(reader, "#area-sessions .description")
    assert description.get_attribute("lang") == "fr"
    text_in(reader, "#area-sessions .description .lang-fallback", "(in French)")
    # The demo's own texts read right: an English description (once, no stray "+" or Spanish "Compartir"), and
    # agenda items numbered by the list alone ("1. 1." and "1) a)" were the text's numbers on top of the list's).
    reader.get(f"{server.url}/#/sessions/{with_agenda['id']}")
    text_in(reader, "#area-sessions-title", "Dissemination strategy")
    description = visible(reader, "#area-sessions .description")
    assert description.get_attribute("lang") in (None, "", "en") and not reader.find_elements(By.CSS_SELECTOR, "#area-sessions .description .lang-fallback")
    assert "Compartir" not in description.text and "\n+\n" not in description.text and description.text.count("In a context") == 1
    items = reader.find_elements(By.CSS_SELECTOR, "#area-sessions .session-agenda li")  # three parts, two nested
    nested = reader.find_elements(By.CSS_SELECTOR, "#area-sessions .session-agenda > li > ol > li")
    assert len(items) == 5 and len(nested) == 2 and nested[0].text.startswith("Icebreaker")
    assert not any(re.match(r"^\s*(\d+[.)]|[a-z][.)])\s", item.text) for item in items)
    assert reader.find_element(By.LINK_TEXT, "Concept note").get_attribute("href").startswith("https://")
    text_in(reader, "#area-sessions .facts", "French and English")

    reader.get(f"{server.url}/#/sessions")
    click(reader, f"#day-tab-{day_of(spanish_only, zone)}")
    item = f".session-item[data-session-id='{spanish_only['id']}']"
    visible(reader, item)
    text_in(reader, f"{item} .lang-fallback", "(in Spanish)")
    Select(reader.find_element(By.CSS_SELECTOR, "#program-language")).select_by_value("en")
    wait(reader).until(lambda d: not d.find_elements(By.CSS_SELECTOR, item))
    Select(reader.find_element(By.CSS_SELECTOR, "#program-language")).select_by_value("es")
    visible(reader, item)


def test_room_catches_up_after_a_server_restart(server, browsers):
    session = scheduled_session(program(server))
    room_id = session["roomId"]
    client = ProtocolClient(server, ORGANISER["email"], ORGANISER["password"])
    assert client.request("room.open", {"roomId": room_id})["ok"]
    client.close()

    participant = browsers("en")
    sign_up(participant, server)
    open_room(participant, server, room_id)
    visible(participant, "#room-state[data-state=open]")
    server.stop()
    visible(participant, "#offline-banner")
    server.start()
    client = ProtocolClient(server, ORGANISER["email"], ORGANISER["password"])
    assert client.request("room.enter", {"roomId": room_id})["ok"]
    assert client.request("chat.send", {"roomId": room_id, "text": "Said while you were away"}, key="away-1")["ok"]
    assert client.request("question.ask", {"roomId": room_id, "text": "Asked while you were away"})["ok"]
    client.close()
    visible(participant, "#connection-status[data-state=online]", timeout=40)
    text_in(participant, "#chat-list", "Said while you were away", timeout=40)
    text_in(participant, "#questions-list", "Asked while you were away", timeout=40)
    matching = [e for e in participant.find_elements(By.CSS_SELECTOR, "#chat-list .chat-text") if e.text == "Said while you were away"]
    assert len(matching) == 1


def test_room_refusals_are_clear_sentences(server, browsers):
    session = scheduled_session(program(server))
    room_id = session["roomId"]
    host = ProtocolClient(server, ORGANISER["email"], ORGANISER["password"])
    try:
        assert host.request("room.enter", {"roomId": room_id})["ok"]

        participant = browsers("en")
        sign_up(participant, server, name="Pat Removed")
        open_room(participant, server, room_id)
        text_in(participant, "#chat-closed", "The chat is closed: the room is not open.")
        assert participant.find_element(By.CSS_SELECTOR, "#chat-input").get_attribute("disabled") is not None

        assert host.request("room.open", {"roomId": room_id})["ok"]
        visible(participant, "#room-state[data-state=open]")
        wait(participant).until(lambda d: d.find_element(By.CSS_SELECTOR, "#chat-send").is_enabled())
        assert participant.find_element(By.CSS_SELECTOR, "#chat-closed").text == ""
        participant.find_element(By.CSS_SELECTOR, "#chat-input").send_keys("Too early?")
        click(participant, "#chat-send")
        text_in(participant, "#chat-list", "Too early?")
        author = next(m["author"]["id"] for m in host.request("chat.history", {"roomId": room_id})["data"]["messages"] if m["text"] == "Too early?")
        assert host.request("room.remove", {"roomId": room_id, "userId": author})["ok"]
        text_in(participant, "#area-room .error", "You were removed from this room")
        assert participant.find_elements(By.CSS_SELECTOR, "#chat-input") == []

        assert host.request("room.lock", {"roomId": room_id, "locked": True})["ok"]
        latecomer = browsers("en")
        sign_up(latecomer, server, name="Lee Late")
        latecomer.get(f"{server.url}/#/room/{room_id}")
        text_in(latecomer, "#area-room .error", "This room is locked")

        assert host.request("room.lock", {"roomId": room_id, "locked": False, "capacity": 1})["ok"]
        latecomer.get(f"{server.url}/#/sessions")
        visible(latecomer, "#program-panel")
        latecomer.get(f"{server.url}/#/room/{room_id}")
        text_in(latecomer, "#area-room .error", "This room is full")
    finally:
        host.close()


def test_agenda_marks_clashes_and_revokes_the_calendar_address(server, browsers):
    data = program(server)
    by_key = {s["key"]: s for s in data["sessions"]}
    clashing = [by_key["section-noram"], by_key["presidency"]]  # the same time slot in the demo program
    client = ProtocolClient(server, ORGANISER["email"], ORGANISER["password"])
    for session in clashing:
        assert client.request("agenda.add", {"sessionId": session["id"]})["ok"]
    client.close()

    organiser = browsers("en")
    sign_in(organiser, server, ORGANISER["email"], ORGANISER["password"])
    organiser.get(f"{server.url}/#/agenda")
    for session, other in (clashing, clashing[::-1]):
        item = f".agenda-item[data-session-id='{session['id']}']"
        visible(organiser, f"{item}.has-clash")
        text_in(organiser, f"{item} .clash", other["title"]["en"])
    before = visible(organiser, "#calendar-url").get_attribute("value")
    click(organiser, "#calendar-revoke")
    organiser.switch_to.alert.accept()
    text_in(organiser, "#agenda-status", "Old address revoked")
    wait(organiser).until(lambda d: d.find_element(By.CSS_SELECTOR, "#calendar-url").get_attribute("value") not in ("", before))
    screenshot(organiser, "agenda-clash", 1280)


def test_reminder_for_a_bookmarked_session_shows_on_any_page(server, browsers):
    zone = program(server)["timeZone"]
    start = datetime.now(ZoneInfo(zone)) + timedelta(minutes=3)
    import_program(server, {
        "name": {"en": "UCLG Seminar"}, "tagline": {"en": "Test"}, "timeZone": zone,
        "tracks": [{"key": "plenary", "name": {"en": "Plenaries"}}],
        "sessions": [{"key": "starts-soon", "track": "plenary", "start": start.strftime("%Y-%m-%dT%H:%M"),
                      "end": (start + timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M"), "title": {"en": "Starting very soon"}}],
    })
    session = next(s for s in program(server)["sessions"] if s["key"] == "starts-soon")

    participant = browsers("en")
    sign_up(participant, server)
    participant.get(f"{server.url}/#/sessions/{session['id']}")
    click(participant, "#area-sessions button.bookmark[aria-pressed=false]")
    visible(participant, "#area-sessions button.bookmark[aria-pressed=true]")
    participant.get(f"{server.url}/#/lounge")
    visible(participant, "#connection-status[data-state=online]")
    # The server sends due reminders every 20 seconds.
    text_in(participant, "#notices .notice-reminder", "Starting very soon", timeout=60)
    link = participant.find_element(By.CSS_SELECTOR, "#notices .notice-reminder a")
    assert link.get_attribute("href").endswith(f"#/room/{session['roomId']}")
    link.click()
    visible(participant, "#room-state")
