"""Every page of the client checked with axe-core (axe-selenium-python) in a real browser: signed out, as a
participant (home, desk, help panel, lounge, meeting table, program, room, agenda, hub), as a room host and
organiser (host console, organiser console) and as a welcome-desk agent (agent console). A page passes with no
violation of impact "serious" or "critical"; the assertion lists every such violation found on every page."""
import uuid

from axe_selenium_python import Axe
from selenium.webdriver.common.by import By

from conftest import AGENT, ORGANISER, wait_until
from pages import ProtocolClient, future_slots, register_over_http, sign_in, sign_up, text_in, visible

BLOCKING = ("serious", "critical")
PASSWORD = "participant-pass"


class Audit:
    """Runs axe on the current page and keeps the serious and critical violations, named by page."""

    def __init__(self):
        self.found = []
        self.pages = []

    def check(self, driver, page):
        driver.set_script_timeout(60)
        axe = Axe(driver)
        axe.inject()
        results = axe.run()
        self.pages.append(page)
        for violation in results["violations"]:
            if violation["impact"] not in BLOCKING:
                continue
            lines = [f"[{page}] {violation['id']} ({violation['impact']}): {violation['help']}"]
            for node in violation["nodes"][:8]:
                summary = (node.get("failureSummary") or "").replace("\n", " ")
                lines.append(f"    at {', '.join(map(str, node['target']))}: {summary[:300]}")
            self.found.append("\n".join(lines))

    def assert_clean(self):
        assert not self.found, f"{len(self.found)} serious/critical axe violation(s) on {len(self.pages)} page(s):\n\n" + "\n\n".join(self.found)


def go(driver, hash_):
    driver.execute_script("location.hash = arguments[0]", hash_)
    wait_until(lambda: driver.execute_script("return location.hash") == hash_, what=f"the page to move to {hash_}")


def staff(server, who=ORGANISER):
    return ProtocolClient(server, who["email"], who["password"])


def seed(server):
    """A grid, a post in the hub, a live room with a chat message: what the pages show when a seminar runs."""
    organiser = staff(server)
    try:
        slots = [slot["id"] for slot in organiser.ok("grid.set", {"slots": future_slots(3), "tables": 5})["slots"]]
        program = organiser.ok("program.get")
        session = next(s for s in sorted(program["sessions"], key=lambda s: s["startsAt"])
                       if s["state"] == "scheduled" and s.get("roomId") is not None)
        room_id = session["roomId"]
        organiser.ok("room.enter", {"roomId": room_id})
        organiser.ok("room.open", {"roomId": room_id})
        organiser.ok("room.start", {"roomId": room_id})
        organiser.ok("chat.send", {"roomId": room_id, "text": "Welcome, everyone"}, key=uuid.uuid4().hex)
        organiser.ok("question.ask", {"roomId": room_id, "text": "How do cities share data?"})
        post = organiser.ok("feed.post", {"kind": "report", "title": "Report on city networks", "body": "A **short** report.\n\n- one\n- two",
                                          "lang": "en", "tags": ["cities"]}, key=uuid.uuid4().hex)
        return {"slots": slots, "session": session["id"], "room": room_id, "post": post["id"]}
    finally:
        organiser.close()


def test_participant_pages_have_no_serious_violations(staff_server, browsers):
    server = staff_server
    data = seed(server)
    audit = Audit()
    driver = browsers("en")

    # Signed out: the sign-in and the sign-up forms.
    driver.get(server.url + "/")
    visible(driver, "#signin-email")
    audit.check(driver, "auth: sign in")
    visible(driver, "#show-signup").click()
    visible(driver, "#signup-name")
    audit.check(driver, "auth: sign up")
    visible(driver, "#show-signin").click()

    # People to meet: a meeting with Bruno accepted (for the table), a request from Chloé waiting, a message.
    amina_email = sign_up(driver, server, name="Amina Diallo", password=PASSWORD)
    amina = ProtocolClient(server, amina_email, PASSWORD)
    bruno = ProtocolClient(server, token=register(server, "Bruno Sánchez"))
    chloe = ProtocolClient(server, token=register(server, "Chloé Martin"))
    try:
        for client in (amina, bruno, chloe):
            client.ok("availability.set", {"slots": data["slots"]})
        asked = amina.ok("meeting.request", {"to": bruno.id, "slots": data["slots"][:1], "message": "Shall we talk?"}, key=uuid.uuid4().hex)
        meeting = bruno.ok("meeting.accept", {"requestId": asked["request"]["id"], "slot": data["slots"][0]})["meeting"]
        chloe.ok("meeting.request", {"to": amina.id, "slots": data["slots"][1:3], "message": "Hola"}, key=uuid.uuid4().hex)
        bruno.ok("dm.send", {"to": amina.id, "text": "See you at the table"}, key=uuid.uuid4().hex)
    finally:
        for client in (amina, bruno, chloe):
            client.close()

    driver.refresh()
    visible(driver, "#connection-status[data-state=online]")
    visible(driver, "#home-title")
    audit.check(driver, "home")

    go(driver, "#/desk")
    visible(driver, "#desk-guide")
    audit.check(driver, "desk (guide and FAQ)")

    visible(driver, "#help-button").click()
    visible(driver, "#help-text").send_keys("Where is the Spanish interpretation?")
    driver.find_element(By.CSS_SELECTOR, "#help-submit").click()
    text_in(driver, "#help-log", "Spanish interpretation")
    audit.check(driver, "help panel open, with a request")
    visible(driver, "#help-close").click()

    go(driver, "#/lounge")
    visible(driver, "#people-search")
    audit.check(driver, "lounge: people")
    go(driver, f"#/lounge/people/{bruno.id}")
    visible(driver, "#person-title")
    audit.check(driver, "lounge: a person")
    go(driver, f"#/lounge/people/{chloe.id}/request")
    visible(driver, "#request-form")
    audit.check(driver, "lounge: meeting request form")
    go(driver, "#/lounge/profile")
    visible(driver, "#profile-form")
    audit.check(driver, "lounge: profile")
    go(driver, "#/lounge/messages")
    text_in(driver, "#conversations", "Bruno")
    audit.check(driver, "lounge: conversations")
    go(driver, f"#/lounge/messages/{bruno.id}")
    text_in(driver, "#dm-messages", "See you at the table")
    audit.check(driver, "lounge: a conversation")
    go(driver, "#/lounge/meetings")
    text_in(driver, "#requests-incoming", "Chloé Martin")
    visible(driver, "#my-meetings a.join-table")
    audit.check(driver, "lounge: meetings and requests")

    go(driver, f"#/table/{meeting['id']}")
    text_in(driver, "#area-table-title", "Bruno")
    visible(driver, "#table-chat-form")
    audit.check(driver, "meeting table")

    go(driver, "#/sessions")
    visible(driver, "#program-panel")
    wait_until(lambda: driver.find_elements(By.CSS_SELECTOR, "#program-panel li, #program-panel article"), what="the program")
    audit.check(driver, "sessions: program")
    go(driver, f"#/sessions/{data['session']}")
    visible(driver, "#enter-room")
    audit.check(driver, "sessions: a session page")

    go(driver, f"#/room/{data['room']}")
    visible(driver, "#room-state")
    text_in(driver, "#chat-list", "Welcome, everyone")
    audit.check(driver, "room (participant)")

    go(driver, "#/agenda")
    visible(driver, "#area-agenda-title")
    wait_until(lambda: driver.find_elements(By.CSS_SELECTOR, "#calendar-url, #agenda-status"), what="the agenda")
    audit.check(driver, "agenda")

    go(driver, "#/hub")
    text_in(driver, "#hub-feed", "Report on city networks")
    audit.check(driver, "hub: feed")
    go(driver, "#/hub/search?q=cities")
    text_in(driver, "#hub-results", "Report on city networks")
    audit.check(driver, "hub: search results")
    go(driver, f"#/hub/post/{data['post']}")
    visible(driver, "#post-body")
    visible(driver, "#comment-form")
    audit.check(driver, "hub: a post")
    go(driver, "#/hub/new")
    visible(driver, "#post-form")
    audit.check(driver, "hub: composer")

    audit.assert_clean()


def test_host_organiser_and_agent_pages_have_no_serious_violations(staff_server, browsers):
    server = staff_server
    data = seed(server)
    audit = Audit()

    organiser = browsers("en")
    sign_in(organiser, server, ORGANISER["email"], ORGANISER["password"])
    go(organiser, f"#/room/{data['room']}")
    visible(organiser, "#host-console")
    text_in(organiser, "#chat-list", "Welcome, everyone")
    audit.check(organiser, "room (host console)")
    organiser.find_element(By.CSS_SELECTOR, "#host-end").click()
    visible(organiser, "#host-end-confirmation")
    organiser.find_element(By.CSS_SELECTOR, "#chat-list .menu-toggle").click()
    visible(organiser, "#chat-list .menu-list")
    audit.check(organiser, "room: a message's menu open, ending the session asks first")

    # the console's tabs, each a part of its own
    for part in ("dashboard", "announce", "people", "mail", "reports", "audit", "plan"):
        go(organiser, f"#/admin/{part}")
        visible(organiser, f"#admin-{part}-title")
        if part == "people":
            wait_until(lambda: organiser.find_elements(By.CSS_SELECTOR, "#admin-people table, #admin-people li"), what="the people list")
        audit.check(organiser, f"organiser console: {part}")
    visible(organiser, "#grid-form")
    organiser.find_element(By.CSS_SELECTOR, "#plan-preview").click()
    visible(organiser, "#plan-summary")
    audit.check(organiser, "organiser console: plan preview")
    go(organiser, "#/desk")
    visible(organiser, "#desk-guide")
    audit.check(organiser, "desk (organiser: FAQ editing)")

    # A participant asks; the agent claims the request and answers it.
    asker = ProtocolClient(server, token=register(server, "Diego Pérez"))
    try:
        asker.ok("desk.ask", {"text": "Where is room B?", "page": "#/sessions"}, key=uuid.uuid4().hex)
    finally:
        asker.close()
    agent = browsers("en")
    sign_in(agent, server, AGENT["email"], AGENT["password"])
    go(agent, "#/desk/agent")
    visible(agent, "#desk-queue")
    text_in(agent, "#desk-waiting", "Where is room B?")
    audit.check(agent, "desk agent console: queue")
    visible(agent, "#desk-waiting .ticket .ticket-claim").click()
    visible(agent, "#desk-reply").send_keys("Second floor, on the left.")
    agent.find_element(By.CSS_SELECTOR, "#desk-send").click()
    text_in(agent, "#desk-chat-log", "Second floor")
    audit.check(agent, "desk agent console: a claimed request")

    audit.assert_clean()


def register(server, name):
    """A participant made over HTTP (not in a browser); returns their session token."""
    person = register_over_http(server, name, PASSWORD)
    return person["token"]


def politeness(driver, container, text):
    """How the live region holding `text` inside `container` speaks: the closest aria-live (or role=log) ancestor."""
    def found():
        return driver.execute_script("""
            const box = document.querySelector(arguments[0]);
            if (!box || !box.textContent.includes(arguments[1])) return null;
            const leaf = [...box.querySelectorAll('*')].reverse().find((n) => n.textContent.includes(arguments[1])) || box;
            const region = leaf.closest('[aria-live], [role=log]');
            if (!region) return {live: 'none'};
            return {live: region.getAttribute('aria-live') || 'polite', id: region.id};
        """, container, text)
    return wait_until(found, what=f"{text!r} in {container}")


def test_new_chat_messages_and_desk_replies_are_read_out_politely(staff_server, browsers):
    server = staff_server
    data = seed(server)

    # A room: a message from someone else is read out by the room's polite announcer (the list itself is redrawn on
    # snapshots, so it is not live: it would read the whole history again).
    participant = browsers("en")
    sign_up(participant, server, name="Amina Diallo")
    go(participant, f"#/room/{data['room']}")
    text_in(participant, "#chat-list", "Welcome, everyone")
    organiser = staff(server)
    try:
        organiser.ok("room.enter", {"roomId": data["room"]})
        organiser.ok("chat.send", {"roomId": data["room"], "text": "The next talk starts in five minutes"}, key=uuid.uuid4().hex)
    finally:
        organiser.close()
    text_in(participant, "#chat-list", "The next talk starts in five minutes")
    assert politeness(participant, "#chat-announcer", "The next talk starts in five minutes") == {"live": "polite", "id": "chat-announcer"}

    # The help panel and the agent console: each new line lands in a polite live list.
    participant.find_element(By.CSS_SELECTOR, "#help-button").click()
    visible(participant, "#help-text").send_keys("Where is the Spanish interpretation?")
    participant.find_element(By.CSS_SELECTOR, "#help-submit").click()
    text_in(participant, "#help-status", "in the queue")
    agent = browsers("en")
    sign_in(agent, server, AGENT["email"], AGENT["password"])
    go(agent, "#/desk/agent")
    text_in(agent, "#desk-waiting", "Spanish interpretation")
    visible(agent, "#desk-waiting .ticket .ticket-claim").click()
    visible(agent, "#desk-reply").send_keys("Channel 2 on your headset.")
    agent.find_element(By.CSS_SELECTOR, "#desk-send").click()
    assert politeness(participant, "#help-log", "Channel 2 on your headset.") == {"live": "polite", "id": "help-log"}
    visible(participant, "#help-text").send_keys("Thank you!")
    participant.find_element(By.CSS_SELECTOR, "#help-submit").click()
    assert politeness(agent, "#desk-chat-log", "Thank you!") == {"live": "polite", "id": "desk-chat-log"}


MOTION = """
    const probe = document.createElement('div');
    probe.id = 'motion-probe';
    probe.style.cssText = 'transition: opacity 1s ease 0.5s; animation: slide-in 2s infinite';
    document.body.append(probe);
    const read = (selector) => {
        const node = document.querySelector(selector);
        if (!node) return null;
        const s = getComputedStyle(node);
        return {transition: s.transitionDuration, animation: s.animationDuration, delay: s.transitionDelay};
    };
    const out = {scroll: getComputedStyle(document.documentElement).scrollBehavior};
    for (const selector of arguments[0]) out[selector] = read(selector);
    probe.remove();
    return out;
"""
ANIMATED = ["#announcement-banner", "#offline-banner", "#motion-probe", "#help-button", "#main-nav a"]


def test_reduced_motion_turns_animations_and_transitions_off(server, browsers):
    driver = browsers("en")
    sign_up(driver, server)

    # Without the preference, the banners slide in (so the emulation below is what turns them off).
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-reduced-motion", "value": "no-preference"}]})
    moving = driver.execute_script(MOTION, ANIMATED)
    assert moving["#announcement-banner"]["animation"] == "0.2s", moving
    assert moving["#motion-probe"]["transition"] == "1s", moving

    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]})
    assert driver.execute_script("return matchMedia('(prefers-reduced-motion: reduce)').matches")
    still = driver.execute_script(MOTION, ANIMATED)
    for selector in ANIMATED:
        assert still[selector] is not None, f"{selector} is not on the page"
        assert still[selector]["animation"] == "0s" and still[selector]["transition"] == "0s" and still[selector]["delay"] == "0s", (selector, still)
    assert still["scroll"] == "auto", still
