"""Issue 26, the seminar as people live it: what broke or confused them in a real browser. A room's chat that follows
new messages (and a "new messages" button when the reader has scrolled up), shows more than a few, makes http(s)
addresses links and nothing else, keeps the hosts' moderation behind one menu per message; drafts that stay with their
room; reactions that count up; "End the session" that asks first; a hidden question its author is told about;
meeting reminders; a meeting grid that appears without a reload; regions by their names."""
from datetime import datetime, timedelta, timezone

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import ORGANISER, wait
from pages import ProtocolClient, click, future_slots, register_over_http, sign_in, text_in, visible

PASSWORD = "participant-pass"


def organiser(server):
    return ProtocolClient(server, ORGANISER["email"], ORGANISER["password"])


def scheduled_rooms(client, count=1):
    sessions = sorted(client.ok("program.get")["sessions"], key=lambda s: s["startsAt"])
    return [s["roomId"] for s in sessions if s["state"] == "scheduled"][:count]


def open_room(driver, server, room_id):
    driver.get(f"{server.url}/#/room/{room_id}")
    visible(driver, "#connection-status[data-state=online]")
    visible(driver, "#room-state")


def chat_open(driver):
    wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "#chat-input").is_enabled())


def list_state(driver):
    """What the reader sees of the chat: how far from the bottom, and how many messages are wholly in view."""
    return driver.execute_script("""
        const list = document.getElementById('chat-list');
        const box = list.getBoundingClientRect();
        const whole = [...list.querySelectorAll('.chat-message')].filter((m) => {
          const r = m.getBoundingClientRect();
          return r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
        });
        return {fromBottom: list.scrollHeight - list.scrollTop - list.clientHeight, whole: whole.length,
                last: whole.length ? whole[whole.length - 1].querySelector('.chat-text').textContent : ''};
    """)


def at_bottom_showing(driver, text):
    state = list_state(driver)
    return state["fromBottom"] < 24 and state["last"] == text


def scroll_chat_to_top(driver):
    driver.execute_script("document.getElementById('chat-list').scrollTop = 0")
    wait(driver).until(lambda d: list_state(d)["fromBottom"] > 100)


def test_the_chat_follows_new_messages_shows_links_and_keeps_moderation_in_a_menu(server, browsers):
    host_client = organiser(server)
    try:
        room_id = scheduled_rooms(host_client)[0]
        host_client.ok("room.open", {"roomId": room_id})
        host_client.ok("room.enter", {"roomId": room_id})
        for n in range(4):
            host_client.ok("chat.send", {"roomId": room_id, "text": f"Long message {n}\nwith a second line\nand a third"}, key=f"long-{n}")
        for n in range(6):
            host_client.ok("chat.send", {"roomId": room_id, "text": f"Short {n}"}, key=f"short-{n}")

        person = register_over_http(server, "Amina Diallo", PASSWORD)
        participant = browsers("en")
        sign_in(participant, server, person["email"], PASSWORD)
        open_room(participant, server, room_id)
        chat_open(participant)

        # The newest message is in view, and with it more than three others.
        wait(participant).until(lambda d: at_bottom_showing(d, "Short 5"))
        assert list_state(participant)["whole"] >= 6, list_state(participant)

        # Scrolled up to read: a new message does not pull the reader down; a button says there is more.
        scroll_chat_to_top(participant)
        host_client.ok("chat.send", {"roomId": room_id, "text": "Are you still there?"}, key="still")
        text_in(participant, "#chat-new", "New messages: 1")
        assert list_state(participant)["fromBottom"] > 100
        click(participant, "#chat-new")
        wait(participant).until(lambda d: at_bottom_showing(d, "Are you still there?"))
        wait(participant).until(lambda d: not d.find_element(By.CSS_SELECTOR, "#chat-new").is_displayed())

        # At the bottom, the list follows; scrolled up, the reader's own message still takes them down to it.
        host_client.ok("chat.send", {"roomId": room_id, "text": "Welcome back"}, key="back")
        wait(participant).until(lambda d: at_bottom_showing(d, "Welcome back"))
        scroll_chat_to_top(participant)
        participant.find_element(By.CSS_SELECTOR, "#chat-input").send_keys("I am here" + Keys.ENTER)
        wait(participant).until(lambda d: at_bottom_showing(d, "I am here"))

        # An http(s) address is a link that opens apart; nothing else in the text becomes one.
        host_client.ok("chat.send", {"roomId": room_id, "text": "Slides: https://example.org/slides?part=2. Not links: "
                                     "javascript:alert(1) www.example.org <a href=x>x</a>"}, key="links")
        wait(participant).until(lambda d: at_bottom_showing(d, "Slides: https://example.org/slides?part=2. Not links: "
                                                                "javascript:alert(1) www.example.org <a href=x>x</a>"))
        links = participant.find_elements(By.CSS_SELECTOR, "#chat-list .chat-message:last-child .chat-text a")
        assert [(a.get_attribute("href"), a.text, a.get_attribute("rel"), a.get_attribute("target")) for a in links] == [
            ("https://example.org/slides?part=2", "https://example.org/slides?part=2", "noopener noreferrer", "_blank")]

        # A participant has no moderation menu on other people's messages, only Reply.
        other = participant.find_elements(By.CSS_SELECTOR, "#chat-list .chat-message:not(.mine)")[-1]
        assert other.find_elements(By.CSS_SELECTOR, ".menu-toggle") == [] and other.find_elements(By.CSS_SELECTOR, "button.reply")

        # The host: one menu button per message, nothing else; the menu works from the keyboard.
        host = browsers("en")
        sign_in(host, server, ORGANISER["email"], ORGANISER["password"])
        open_room(host, server, room_id)
        theirs = "#chat-list li.chat-message:not(.mine)"
        visible(host, f"{theirs} .menu-toggle")
        assert not any(b.is_displayed() for b in host.find_elements(By.CSS_SELECTOR, "#chat-list .menu-item"))
        toggle = host.find_elements(By.CSS_SELECTOR, f"{theirs} .menu-toggle")[-1]
        host.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus()", toggle)
        toggle.send_keys(Keys.ENTER)
        assert toggle.get_attribute("aria-expanded") == "true"
        focused = lambda: host.execute_script("return document.activeElement.textContent")
        wait(host).until(lambda d: focused() == "Delete")
        host.switch_to.active_element.send_keys(Keys.END)
        wait(host).until(lambda d: focused() == "Remove")
        host.switch_to.active_element.send_keys(Keys.ESCAPE)
        wait(host).until(lambda d: d.switch_to.active_element == toggle and toggle.get_attribute("aria-expanded") == "false")
        toggle.send_keys(Keys.ARROW_DOWN)
        wait(host).until(lambda d: focused() == "Delete")
        host.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
        wait(host).until(lambda d: focused() == "Pin")
        host.switch_to.active_element.send_keys(Keys.ENTER)
        text_in(host, ".pinned-text", "I am here")
        text_in(participant, ".pinned-text", "I am here")
    finally:
        host_client.close()


def test_end_the_session_asks_first(server, browsers):
    client = organiser(server)
    try:
        room_id = scheduled_rooms(client)[0]
        client.ok("room.open", {"roomId": room_id})
        client.ok("room.start", {"roomId": room_id})
    finally:
        client.close()
    host = browsers("en")
    sign_in(host, server, ORGANISER["email"], ORGANISER["password"])
    open_room(host, server, room_id)
    visible(host, "#room-state[data-state=live]")

    click(host, "#host-end")
    dialog = visible(host, "#host-end-confirmation")
    assert dialog.get_attribute("role") == "alertdialog"
    assert "End the session for everyone?" in dialog.text
    wait(host).until(lambda d: d.switch_to.active_element.get_attribute("id") == "host-end-cancel")
    host.switch_to.active_element.send_keys(Keys.ESCAPE)
    wait(host).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "#host-end-confirmation"))
    assert host.switch_to.active_element.get_attribute("id") == "host-end"
    assert host.find_element(By.CSS_SELECTOR, "#room-state").get_attribute("data-state") == "live"

    click(host, "#host-end")
    click(host, "#host-end-confirm")
    visible(host, "#room-state[data-state=ended]")
    assert not host.find_elements(By.CSS_SELECTOR, "#host-end-confirmation")


def test_drafts_stay_in_their_room_reactions_count_up_and_a_hidden_question_is_told(server, browsers):
    client = organiser(server)
    try:
        first, second = scheduled_rooms(client, 2)
        for room in (first, second):
            client.ok("room.open", {"roomId": room})
        client.ok("room.enter", {"roomId": first})
        person = register_over_http(server, "Pat Muted", PASSWORD)
        participant = browsers("en")
        sign_in(participant, server, person["email"], PASSWORD)

        # Muted in the first room: the refused text stays in its box, and only there.
        open_room(participant, server, first)
        chat_open(participant)
        client.ok("room.mute", {"roomId": first, "userId": person["id"], "minutes": 10})
        text_in(participant, ".room-notice", "You are muted")
        participant.find_element(By.CSS_SELECTOR, "#chat-input").send_keys("Am I muted?" + Keys.ENTER)
        text_in(participant, "#chat-error", "You are muted")
        participant.find_element(By.CSS_SELECTOR, "#question-input").send_keys("A question half written")
        assert participant.find_element(By.CSS_SELECTOR, "#chat-input").get_attribute("value") == "Am I muted?"

        open_room(participant, server, second)
        chat_open(participant)
        wait(participant).until(lambda d: d.find_element(By.CSS_SELECTOR, "#chat-input").get_attribute("value") == "")
        assert participant.find_element(By.CSS_SELECTOR, "#question-input").get_attribute("value") == ""
        participant.find_element(By.CSS_SELECTOR, "#chat-input").send_keys("Now I can write?" + Keys.ENTER)
        wait(participant).until(lambda d: [e.text for e in d.find_elements(By.CSS_SELECTOR, "#chat-list .chat-text")] == ["Now I can write?"])
        wait(participant).until(lambda d: d.find_element(By.CSS_SELECTOR, "#chat-input").get_attribute("value") == "")

        open_room(participant, server, first)
        wait(participant).until(lambda d: d.find_element(By.CSS_SELECTOR, "#chat-input").get_attribute("value") == "Am I muted?")
        assert participant.find_element(By.CSS_SELECTOR, "#question-input").get_attribute("value") == "A question half written"
        client.ok("room.mute", {"roomId": first, "userId": person["id"], "minutes": 0})

        # Reactions: the count keeps what was sent since the page entered the room, and each one floats up.
        open_room(participant, server, second)
        chat_open(participant)
        count = lambda d, emoji: d.find_element(By.CSS_SELECTOR, f".reaction[data-emoji='{emoji}'] .count").text
        clap = participant.find_element(By.CSS_SELECTOR, ".reaction[data-emoji='👏']")
        participant.execute_script("""
            window.__floaters = 0;
            new MutationObserver((changes) => { for (const c of changes) for (const n of c.addedNodes) if (n.classList?.contains('floater')) window.__floaters += 1; })
              .observe(document.querySelector('.reactions'), {childList: true, subtree: true});""")
        for _ in range(3):
            clap.click()
        wait(participant).until(lambda d: count(d, "👏") == "3")
        assert participant.execute_script("return window.__floaters") >= 1
        # A later burst of another emoji leaves the first count as it was (it used to fall back to 0).
        participant.find_element(By.CSS_SELECTOR, ".reaction[data-emoji='❤️']").click()
        wait(participant).until(lambda d: count(d, "❤️") == "1")
        assert count(participant, "👏") == "3"
        assert "(3)" in clap.get_attribute("aria-label")

        # Less motion asked for: the count still goes up, nothing floats.
        participant.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]})
        participant.execute_script("window.__floaters = 0")
        participant.find_element(By.CSS_SELECTOR, ".reaction[data-emoji='👍']").click()
        wait(participant).until(lambda d: count(d, "👍") == "1")
        assert participant.execute_script("return window.__floaters") == 0

        # Their question hidden by the host: they are told, not left to wonder where it went.
        participant.find_element(By.CSS_SELECTOR, "#question-input").send_keys("Will the slides be shared?")
        click(participant, "#question-ask")
        text_in(participant, "#questions-list", "Will the slides be shared?")
        question = next(q for q in client.ok("room.enter", {"roomId": second})["snapshot"]["questions"] if q["text"] == "Will the slides be shared?")
        client.ok("question.hide", {"questionId": question["id"]})
        text_in(participant, "#question-notice", "The host hid your question: “Will the slides be shared?”")
        wait(participant).until(lambda d: "Will the slides be shared?" not in d.find_element(By.CSS_SELECTOR, "#questions-list").text)
    finally:
        client.close()


def soon_slot(minutes_ahead=3, length=20):
    start = (datetime.now(timezone.utc) + timedelta(minutes=minutes_ahead)).replace(second=0, microsecond=0)
    return {"startsAt": start.strftime("%Y-%m-%dT%H:%M:%SZ"), "endsAt": (start + timedelta(minutes=length)).strftime("%Y-%m-%dT%H:%M:%SZ")}


def test_the_grid_appears_live_reminders_for_meetings_and_regions_by_name(server, browsers):
    amina = register_over_http(server, "Amina Diallo", PASSWORD)
    bruno = register_over_http(server, "Bruno Sánchez", PASSWORD)
    a = ProtocolClient(server, token=amina["token"])
    b = ProtocolClient(server, token=bruno["token"])
    client = organiser(server)
    try:
        a.ok("profile.update", {"languages": ["en"], "region": "africa"})
        b.ok("profile.update", {"languages": ["en"], "region": "europe"})
        driver = browsers("en")
        sign_in(driver, server, amina["email"], PASSWORD)

        # The suggestion's reason names Bruno's region, not its key.
        driver.get(f"{server.url}/#/lounge")
        text_in(driver, "#area-lounge", "from another region: Europe")

        # The request form waits for a grid, and shows it as soon as the organiser makes one.
        driver.get(f"{server.url}/#/lounge/people/{bruno['id']}/request")
        text_in(driver, "#request-form", "No meeting slots are open yet")
        client.ok("grid.set", {"slots": future_slots(2), "tables": 3})
        wait(driver).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#request-form input[name=request-slot]")) == 2)
        click(driver, "#request-form input[name=request-slot]")

        # A slot starting in a few minutes: ticked boxes stay ticked when the form is drawn again.
        slot = client.ok("grid.set", {"slots": [soon_slot()], "tables": 3})["slots"][0]
        wait(driver).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#request-form input[name=request-slot]")) == 3)
        assert len(driver.find_elements(By.CSS_SELECTOR, "#request-form input[name=request-slot]:checked")) == 1

        # A meeting booked in that slot: five minutes before, a notice with a link to the table.
        request = b.ok("meeting.request", {"to": amina["id"], "slots": [slot["id"]]})["request"]
        meeting = a.ok("meeting.accept", {"requestId": request["id"], "slot": slot["id"]})["meeting"]
        driver.get(f"{server.url}/#/sessions")
        visible(driver, "#connection-status[data-state=online]")
        text_in(driver, "#notices .notice-meeting-reminder", "Your meeting starts in 5 minutes", timeout=40)
        text_in(driver, "#notices .notice-meeting-reminder", "With Bruno Sánchez, table")
        link = driver.find_element(By.CSS_SELECTOR, "#notices .notice-meeting-reminder a")
        assert link.get_attribute("href").endswith(f"#/table/{meeting['id']}")
        link.click()
        visible(driver, "#area-table-title")
    finally:
        for c in (a, b, client):
            c.close()
