"""Issue 26, more of what people tripped over: a session started early shows once (under "live now"), and while
disconnected the page says that what the person sends will go when the connection is back, and it does."""
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

