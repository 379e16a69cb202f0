"""Who speaks, and with what role, in real browsers (security review, issue 21): a host's chat message shows a Host
badge to a participant, while a participant who took the host's very name shows none; and a role changed by an
organiser shows at once in the person's open page — the agent console link appears, then goes, and the open agent
console says why."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import ARTIFACTS, ORGANISER, wait
from pages import ProtocolClient, click, css, register_over_http, sign_in, sign_up, text_in, visible


def a_session_room(organiser):
    """A room of the program whose session is still to come (so it can be opened)."""
    sessions = organiser.ok("program.get")["sessions"]
    return next(s for s in sorted(sessions, key=lambda s: s["startsAt"]) if s["state"] == "scheduled")["roomId"]


def chat_items(driver):
    return driver.find_elements(By.CSS_SELECTOR, "#chat-list li.chat-message")


def test_a_hosts_message_shows_the_badge_and_a_namesakes_does_not(server, browsers):
    organiser = ProtocolClient(server, ORGANISER["email"], ORGANISER["password"])
    room_id = a_session_room(organiser)
    host = register_over_http(server, "Hana Host")
    organiser.ok("role.set", {"userId": host["id"], "role": "host", "roomId": room_id})
    namesake = register_over_http(server, "Hana Host")
    host_client = ProtocolClient(server, token=host["token"])
    namesake_client = ProtocolClient(server, token=namesake["token"])
    host_client.ok("room.enter", {"roomId": room_id})
    host_client.ok("room.open", {"roomId": room_id})
    namesake_client.ok("room.enter", {"roomId": room_id})

    participant = browsers("en")
    sign_up(participant, server, name="Amina Diallo")
    participant.get(f"{server.url}/#/room/{room_id}")
    visible(participant, "#room-state[data-state=open]")

    host_client.ok("chat.send", {"roomId": room_id, "text": "Welcome, I am your host"})
    namesake_client.ok("chat.send", {"roomId": room_id, "text": "I am the host too"})
    organiser.ok("room.enter", {"roomId": room_id})
    organiser.ok("chat.send", {"roomId": room_id, "text": "Organisers here"})
    wait(participant).until(lambda d: len(chat_items(d)) == 3)
    real, fake, staff = chat_items(participant)
    assert "Welcome, I am your host" in real.text and "I am the host too" in fake.text
    # The same name on both; only the server's badge tells them apart.
    assert real.find_element(By.CSS_SELECTOR, ".chat-meta strong").text == fake.find_element(By.CSS_SELECTOR, ".chat-meta strong").text == "Hana Host"
    badge = real.find_element(By.CSS_SELECTOR, ".role-badge")
    assert badge.get_attribute("data-badge") == "host" and "Host" in badge.text
    assert badge.get_attribute("textContent") == " (Host)"  # read out as "Hana Host (Host)"
    assert fake.find_elements(By.CSS_SELECTOR, ".role-badge") == []
    assert "Organiser" in staff.find_element(By.CSS_SELECTOR, ".role-badge").text
    ARTIFACTS.mkdir(exist_ok=True)
    css(participant, "#chat-list").screenshot(str(ARTIFACTS / "chat-badges.png"))

    # The page is translated: the badge too.
    Select(css(participant, "#lang-select")).select_by_value("fr")
    text_in(participant, "#chat-list li.chat-message .role-badge", "Animateur·rice")
    for client in (organiser, host_client, namesake_client):
        client.close()


def set_role(organiser, name, role):
    row = next(r for r in organiser.find_elements(By.CSS_SELECTOR, "#people-table tbody tr") if name in r.text)
    selector = f'#people-table tr[data-user-id="{row.get_attribute("data-user-id")}"]'
    Select(css(organiser, f"{selector} select.console-role")).select_by_value(role)
    click(organiser, f"{selector} button.console-apply")
    return selector


def test_a_role_change_shows_at_once_in_the_open_page(server, browsers):
    person = browsers("en")
    sign_up(person, server, name="Paula Promoted")
    assert not css(person, "#nav-agent-console").is_displayed()

    organiser = browsers("en")
    sign_in(organiser, server, ORGANISER["email"], ORGANISER["password"])
    organiser.get(server.url + "/#/admin/people")
    visible(organiser, "#admin-people-title")
    wait(organiser).until(lambda d: any("Paula Promoted" in r.text for r in d.find_elements(By.CSS_SELECTOR, "#people-table tbody tr")))

    # made an agent: the link to the agent console appears in the open page, no reload; a notice says why
    row = set_role(organiser, "Paula Promoted", "agent")
    text_in(organiser, f"{row} .console-row-status", "Desk agent")
    visible(person, "#nav-agent-console")
    text_in(person, "#notices .notice-role", "Your role is now: desk agent.")
    person.execute_script("window.__sameDocument = true")
    click(person, "#nav-agent-console")
    visible(person, "#desk-queue")
    assert person.execute_script("return window.__sameDocument === true"), "the page was reloaded"

    # made a participant again: the link goes, and the open agent console is left for the home page, saying why
    set_role(organiser, "Paula Promoted", "participant")
    text_in(person, "#notices", "This page is not open to your new role")
    wait(person).until(lambda d: not css(d, "#nav-agent-console").is_displayed())
    wait(person).until(lambda d: d.execute_script("return location.hash") in ("", "#/"))
    visible(person, "#overview")
    assert not css(person, "#desk-queue").is_displayed()
    assert person.execute_script("return window.__sameDocument === true"), "the page was reloaded"

    # the agent console's address now shows the guide, not the queue
    person.get(server.url + "/#/desk/agent")
    visible(person, "#desk-guide")
    assert not person.find_elements(By.CSS_SELECTOR, "#desk-queue") or not css(person, "#desk-queue").is_displayed()


def test_a_host_is_given_several_rooms_and_sees_them_on_the_home_page_live(server, browsers):
    """The console gives a host two rooms, one after the other, and takes one away: the host's open home page lists
    "Your sessions" (time, room state, a link to run each room) and follows each change without a reload."""
    client = ProtocolClient(server, ORGANISER["email"], ORGANISER["password"])
    sessions = sorted(client.ok("program.get")["sessions"], key=lambda s: s["startsAt"])
    client.close()
    first, second = [s for s in sessions if s["roomId"] is not None][:2]

    host = browsers("en")
    sign_up(host, server, name="Hector Host")
    visible(host, "#overview")
    host.execute_script("window.__sameDocument = true")
    organiser = browsers("en")
    sign_in(organiser, server, ORGANISER["email"], ORGANISER["password"])
    organiser.get(server.url + "/#/admin/people")
    visible(organiser, "#admin-people-title")
    wait(organiser).until(lambda d: any("Hector Host" in r.text for r in d.find_elements(By.CSS_SELECTOR, "#people-table tbody tr")))
    row = next(r for r in organiser.find_elements(By.CSS_SELECTOR, "#people-table tbody tr") if "Hector Host" in r.text)
    selector = f'#people-table tr[data-user-id="{row.get_attribute("data-user-id")}"]'

    for session in (first, second):
        Select(css(organiser, f"{selector} select.console-role")).select_by_value("host")
        Select(css(organiser, f"{selector} select.console-room")).select_by_value(str(session["roomId"]))
        click(organiser, f"{selector} button.console-apply")
        visible(organiser, f'{selector} .console-hosted li[data-room-id="{session["roomId"]}"]')
    assert len(organiser.find_elements(By.CSS_SELECTOR, f"{selector} .console-hosted li")) == 2

    # the host's open home page: both sessions, titles, times and links to their rooms
    text_in(host, "#home-hosting-title", "Your sessions")
    wait(host).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#home-hosting-list li")) == 2)
    items = host.find_elements(By.CSS_SELECTOR, "#home-hosting-list li")
    assert [i.get_attribute("data-room-id") for i in items] == [str(first["roomId"]), str(second["roomId"])]
    assert first["title"].get("en", next(iter(first["title"].values()))) in items[0].text
    assert "Not open yet" in items[0].text or "Room open" in items[0].text or "Live now" in items[0].text, items[0].text
    assert items[0].find_element(By.CSS_SELECTOR, "time"), "the session's time"
    link = items[1].find_element(By.CSS_SELECTOR, "a")
    assert link.get_attribute("href").endswith(f"#/room/{second['roomId']}") and link.text == "Open and run the room"
    ARTIFACTS.mkdir(exist_ok=True)
    css(host, "#home-hosting").screenshot(str(ARTIFACTS / "home-your-sessions.png"))

    # one taken away: gone from the console row and, live, from the host's page
    click(organiser, f'{selector} .console-hosted li[data-room-id="{first["roomId"]}"] button.console-unhost')
    text_in(organiser, f"{selector} .console-row-status", "no longer hosts")
    wait(host).until(lambda d: [i.get_attribute("data-room-id") for i in d.find_elements(By.CSS_SELECTOR, "#home-hosting-list li")] == [str(second["roomId"])])
    assert host.execute_script("return window.__sameDocument === true"), "the page was reloaded"

    # the second room's host controls are the host's
    click(host, "#home-hosting-list li a")
    visible(host, "#host-console")
