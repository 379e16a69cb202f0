"""The main flows with the keyboard alone (Tab, Shift+Tab, Enter, Space, Escape; never a click): sign in, enter a
live room and chat, ask the welcome desk for help, request a meeting in the lounge, search the hub and open a
result. Every control reached shows a visible focus ring, and focus always moves on (no keyboard trap)."""
import uuid
from datetime import datetime, timedelta, timezone

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from conftest import ORGANISER, wait_until
from pages import ProtocolClient, register_over_http, text_in, visible

PASSWORD = "participant-pass"


def register(server, name):
    """A participant made over HTTP; returns (email, id)."""
    person = register_over_http(server, name, PASSWORD)
    return person["email"], person["id"]


def seed(server):
    """A live room, a grid of meeting slots and a post in the hub."""
    organiser = ProtocolClient(server, ORGANISER["email"], ORGANISER["password"])
    try:
        start = (datetime.now(timezone.utc) + timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
        slots = [{"startsAt": (start + timedelta(minutes=25 * i)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                  "endsAt": (start + timedelta(minutes=25 * i + 20)).strftime("%Y-%m-%dT%H:%M:%SZ")} for i in range(3)]
        organiser.ok("grid.set", {"slots": slots, "tables": 5})
        sessions = sorted(organiser.ok("program.get")["sessions"], key=lambda s: s["startsAt"])
        room_id = next(s["roomId"] for s in sessions if s["state"] == "scheduled" and s.get("roomId") is not None)
        organiser.ok("room.enter", {"roomId": room_id})
        organiser.ok("room.open", {"roomId": room_id})
        organiser.ok("room.start", {"roomId": room_id})
        organiser.ok("feed.post", {"kind": "report", "title": "Cooperation between cities", "body": "What networks of cities learned.",
                                   "lang": "en", "tags": ["cities"]}, key=uuid.uuid4().hex)
        return room_id
    finally:
        organiser.close()


def press(driver, *keys):
    ActionChains(driver).send_keys(*keys).perform()


def shift_tab(driver):
    ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()


def describe_focus(driver):
    return driver.execute_script(
        "const e = document.activeElement; if (!e) return 'nothing';"
        "return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.getAttribute('href') ? `[href=${e.getAttribute('href')}]` : '')")


def focus_is(driver, selector):
    return driver.execute_script("return !!document.activeElement && document.activeElement.matches(arguments[0])", selector)


def assert_focus_visible(driver):
    """The focused control matches :focus-visible and draws a ring (an outline of 2 px or more, or a box shadow)."""
    ring = driver.execute_script(
        "const e = document.activeElement, s = getComputedStyle(e);"
        "return {visible: e.matches(':focus-visible'), style: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow}")
    drawn = (ring["style"] != "none" and ring["width"] >= 2) or ring["shadow"] != "none"
    assert ring["visible"] and drawn, f"no visible focus on {describe_focus(driver)}: {ring}"


def tab_to(driver, selector, backwards=False, limit=120):
    """Presses Tab (or Shift+Tab) until the focus is on `selector`; fails naming the way the focus went."""
    visible(driver, selector)
    path = []
    for _ in range(limit):
        if backwards:
            shift_tab(driver)
        else:
            press(driver, Keys.TAB)
        if focus_is(driver, selector):
            assert_focus_visible(driver)
            return driver.switch_to.active_element
        path.append(describe_focus(driver))
    raise AssertionError(f"{'Shift+' if backwards else ''}Tab never reached {selector}; the focus went: {' → '.join(path)}")


def hash_is(driver, wanted):
    wait_until(lambda: driver.execute_script("return location.hash") == wanted, what=f"the page to move to {wanted}")


def test_keyboard_only_flows(server, browsers):
    room_id = seed(server)
    email, _ = register(server, "Amina Diallo")
    register(server, "Bruno Sánchez")
    driver = browsers("en")

    # Sign in: Tab to each field, type, Enter submits.
    driver.get(server.url + "/")
    visible(driver, "#signin-email")
    tab_to(driver, "#signin-email")
    press(driver, email)
    tab_to(driver, "#signin-password")
    press(driver, PASSWORD, Keys.ENTER)
    visible(driver, "#home-view")
    visible(driver, "#connection-status[data-state=online]")

    # Enter the live room from "on now", then chat: Enter sends, the focus stays in the box, and Tab leaves it.
    room_link = f'#home-live a[href="#/room/{room_id}"]'
    tab_to(driver, room_link)
    press(driver, Keys.ENTER)
    hash_is(driver, f"#/room/{room_id}")
    wait_until(lambda: driver.execute_script("const i = document.getElementById('chat-input'); return i && !i.disabled"), what="the chat to open")
    tab_to(driver, "#chat-input")
    press(driver, "Hello from the keyboard", Keys.ENTER)
    text_in(driver, "#chat-list", "Hello from the keyboard")
    assert focus_is(driver, "#chat-input"), describe_focus(driver)
    press(driver, Keys.TAB)
    assert not focus_is(driver, "#chat-input"), "Tab stayed in the chat box"

    # "Need help?": Enter opens the panel with the focus in the question box; Space on the button sends it;
    # Escape closes the panel and gives the focus back to its button.
    tab_to(driver, "#help-button")
    press(driver, Keys.ENTER)
    wait_until(lambda: focus_is(driver, "#help-text"), what="the focus in the question box")
    press(driver, "Where is the Spanish interpretation?")
    tab_to(driver, "#help-submit")
    press(driver, Keys.SPACE)
    text_in(driver, "#help-status", "in the queue")
    text_in(driver, "#help-log", "Spanish interpretation")
    press(driver, Keys.ESCAPE)
    wait_until(lambda: focus_is(driver, "#help-button"), what="the focus back on the help button")
    assert not driver.find_element("css selector", "#help-panel").is_displayed()

    # The lounge: find Bruno, ask for a meeting in a slot (Space picks it), send with Enter.
    tab_to(driver, '#main-nav a[data-area="lounge"]', backwards=True)
    press(driver, Keys.ENTER)
    hash_is(driver, "#/lounge")
    tab_to(driver, "#people-q")
    press(driver, "sanchez", Keys.ENTER)
    text_in(driver, "#people-results", "Bruno Sánchez")
    tab_to(driver, "#people-results .person-card a.button.primary")
    press(driver, Keys.ENTER)
    visible(driver, "#request-form")
    tab_to(driver, "#request-form input[name=request-slot]")
    press(driver, Keys.SPACE)
    assert focus_is(driver, "#request-form input[name=request-slot]:checked"), describe_focus(driver)
    tab_to(driver, "#request-message")
    press(driver, "Shall we talk about housing?")
    tab_to(driver, "#request-submit")
    press(driver, Keys.ENTER)
    text_in(driver, "#request-sent", "Bruno Sánchez")

    # The hub: search, then open the result.
    tab_to(driver, '#main-nav a[data-area="hub"]', backwards=True)
    press(driver, Keys.ENTER)
    hash_is(driver, "#/hub")
    tab_to(driver, "#hub-q")
    press(driver, "cooperation", Keys.ENTER)
    text_in(driver, "#hub-results", "Cooperation between cities")
    tab_to(driver, '#hub-results a[href^="#/hub/post/"]')
    press(driver, Keys.ENTER)
    wait_until(lambda: driver.execute_script("return location.hash").startswith("#/hub/post/"), what="the post's page")
    text_in(driver, "#area-hub-title", "Cooperation between cities")
