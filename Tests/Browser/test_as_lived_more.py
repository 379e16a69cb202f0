"""Issue 26, more of what people tripped over: a session started early shows once (under "live now"); while
disconnected the page says that what the person sends will go when the connection is back, and it does; the room
lists who is there (hosts first, with badges, live as people come and go)."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import ORGANISER, wait
from pages import ProtocolClient, register_over_http, sign_in, text_in, visible

PASSWORD = "participant-pass"


def organiser(server):
    return ProtocolClient(server, ORGANISER["email"], ORGANISER["password"])


def test_a_session_started_early_shows_only_under_live_now(server, browsers):
    host = organiser(server)
    try:
        coming = host.ok("guide.now")["next"][0]
        person = register_over_http(server, "Amina Diallo", PASSWORD)
        driver = browsers("en")
        sign_in(driver, server, person["email"], PASSWORD)
        driver.get(f"{server.url}/#/desk")
        visible(driver, f"#guide-next [data-session-id='{coming['id']}']")
        host.ok("room.open", {"roomId": coming["roomId"]})
        host.ok("room.start", {"roomId": coming["roomId"]})
        driver.get(f"{server.url}/?again#/")  # a new page load: what a person who comes back sees
        visible(driver, f"#home-live-list a[href='#/room/{coming['roomId']}']")
        driver.get(f"{server.url}/?again#/desk")
        visible(driver, f"#guide-now [data-session-id='{coming['id']}']")
        visible(driver, "#guide-next")
        assert driver.find_elements(By.CSS_SELECTOR, f"#guide-next [data-session-id='{coming['id']}']") == []
    finally:
        host.close()


def test_offline_the_page_says_what_is_sent_will_go_and_it_goes(server, browsers):
    host = organiser(server)
    room_id = sorted(host.ok("program.get")["sessions"], key=lambda s: s["startsAt"])[0]["roomId"]
    host.ok("room.open", {"roomId": room_id})
    host.close()
    person = register_over_http(server, "Amina Diallo", PASSWORD)
    driver = browsers("en")
    sign_in(driver, server, person["email"], PASSWORD)
    driver.get(f"{server.url}/#/room/{room_id}")
    visible(driver, "#room-state[data-state=open]")
    wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "#chat-input").is_enabled())

    server.stop()
    banner = visible(driver, "#offline-banner", timeout=40)
    assert "What you send now will go as soon as the connection is back" in banner.text
    driver.find_element(By.CSS_SELECTOR, "#chat-input").send_keys("Written while offline" + Keys.ENTER)

    server.start()
    visible(driver, "#connection-status[data-state=online]", timeout=40)
    wait(driver).until(lambda d: not d.find_element(By.CSS_SELECTOR, "#offline-banner").is_displayed())
    text_in(driver, "#chat-list", "Written while offline", timeout=40)
    host = organiser(server)
    try:
        host.ok("room.enter", {"roomId": room_id})
        texts = [m["text"] for m in host.ok("chat.history", {"roomId": room_id})["messages"]]
        assert texts.count("Written while offline") == 1
    finally:
        host.close()


def people_shown(driver):
    return [(li.find_element(By.CSS_SELECTOR, ".person-name").text,
             (li.find_elements(By.CSS_SELECTOR, ".role-badge") or [None])[0] and li.find_element(By.CSS_SELECTOR, ".role-badge").get_attribute("data-badge"))
            for li in driver.find_elements(By.CSS_SELECTOR, "#people-list li")]


def test_the_room_lists_who_is_there_hosts_first_and_live(server, browsers):
    host = organiser(server)
    others = []
    try:
        room_id = sorted(host.ok("program.get")["sessions"], key=lambda s: s["startsAt"])[0]["roomId"]
        host.ok("room.open", {"roomId": room_id})
        host.ok("room.enter", {"roomId": room_id})
        bruno = ProtocolClient(server, token=register_over_http(server, "Bruno Costa", PASSWORD)["token"])
        others.append(bruno)
        bruno.ok("room.enter", {"roomId": room_id})

        person = register_over_http(server, "amina Diallo", PASSWORD)
        driver = browsers("en")
        sign_in(driver, server, person["email"], PASSWORD)
        driver.get(f"{server.url}/#/room/{room_id}")
        text_in(driver, "#present-toggle", "3 people here")
        toggle = driver.find_element(By.CSS_SELECTOR, "#present-toggle")
        assert toggle.get_attribute("aria-expanded") == "false"
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true"
        wait(driver).until(lambda d: people_shown(d) == [("Org Aniser", "organiser"), ("amina Diallo", None), ("Bruno Costa", None)])
        assert "Organiser" in driver.find_element(By.CSS_SELECTOR, "#people-list li:first-child").text

        # People come and go: the open list follows without a reload.
        bruno.ok("room.leave", {"roomId": room_id})
        wait(driver).until(lambda d: people_shown(d) == [("Org Aniser", "organiser"), ("amina Diallo", None)])
        text_in(driver, "#present-toggle", "2 people here")
        carla = ProtocolClient(server, token=register_over_http(server, "Carla Ruiz", PASSWORD)["token"])
        others.append(carla)
        carla.ok("room.enter", {"roomId": room_id})
        wait(driver).until(lambda d: people_shown(d) == [("Org Aniser", "organiser"), ("amina Diallo", None), ("Carla Ruiz", None)])

        # Closed again, it is gone (and asks nothing more).
        toggle.click()
        wait(driver).until(lambda d: not d.find_element(By.CSS_SELECTOR, "#people-box").is_displayed())
    finally:
        for client in [host, *others]:
            client.close()

