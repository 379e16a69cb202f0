"""The foundation in a real browser: sign-up, languages, live announcements, reconnect after a restart, XSS."""
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import ORGANISER, wait_until
from pages import ProtocolClient, announce_in_page, sign_in, sign_up, text_in, visible


def test_sign_up_in_french_then_switch_to_english(server, browsers):
    driver = browsers("fr")
    driver.get(server.url + "/")
    visible(driver, "#auth-view")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
    sign_up(driver, server)
    text_in(driver, "#home-title", "Bienvenue au Séminaire")
    assert driver.find_element(By.CSS_SELECTOR, "nav#main-nav a[data-area=desk]").text.replace("\u2019", "'") == "Bureau d'accueil"
    Select(driver.find_element(By.CSS_SELECTOR, "#lang-select")).select_by_value("en")
    text_in(driver, "#home-title", "Welcome to the Seminar")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    driver.refresh()
    text_in(driver, "#home-title", "Welcome to the Seminar")


def test_announcement_appears_live(server, browsers):
    participant = browsers("en")
    sign_up(participant, server)
    organiser = browsers("en")
    sign_in(organiser, server, ORGANISER["email"], ORGANISER["password"])
    announce_in_page(organiser, "Plenary starts in 10 minutes", "urgent")
    text_in(participant, "#announcements-list li.announcement .announcement-text", "Plenary starts in 10 minutes")
    text_in(participant, "#announcement-banner", "Plenary starts in 10 minutes")


def test_reconnects_after_restart_and_catches_up(server, browsers):
    participant = browsers("en")
    sign_up(participant, server)
    server.stop()
    visible(participant, "#offline-banner")
    wait_until(lambda: participant.find_element(By.CSS_SELECTOR, "#connection-status").get_attribute("data-state") in ("offline", "connecting"),
               what="the page to notice the server is gone")
    server.start()
    client = ProtocolClient(server, ORGANISER["email"], ORGANISER["password"])
    text = "Made while you were away"
    assert client.request("announce", {"text": text, "level": "info"})["ok"]
    client.close()
    visible(participant, "#connection-status[data-state=online]", timeout=40)
    text_in(participant, "#announcements-list", text, timeout=40)
    matching = [e for e in participant.find_elements(By.CSS_SELECTOR, "#announcements-list li.announcement .announcement-text") if e.text == text]
    assert len(matching) == 1


def test_markup_in_an_announcement_is_shown_as_text(server, browsers):
    participant = browsers("en")
    sign_up(participant, server)
    client = ProtocolClient(server, ORGANISER["email"], ORGANISER["password"])
    payload = "<img src=x onerror=alert(1)>"
    assert client.request("announce", {"text": payload, "level": "info"})["ok"]
    client.close()
    text_in(participant, "#announcements-list li.announcement .announcement-text", payload)
    assert participant.find_elements(By.CSS_SELECTOR, "#announcements-list img") == []
    try:
        participant.switch_to.alert
        raise AssertionError("an alert ran")
    except NoAlertPresentException:
        pass


def test_home_shows_what_is_live_and_the_channel(server, browsers):
    participant = browsers("en")
    sign_up(participant, server)
    visible(participant, "#home-live-list li a")
    text_in(participant, "#home-channel", "UCLG TV")
    watch = visible(participant, "#home-channel a.button-link")
    room = watch.get_attribute("href").split("#/room/")[1]
    watch.click()
    wait_until(lambda: participant.execute_script("return location.hash") == f"#/room/{room}", what="the channel's room to open")

    # Issue 26: the demo's UCLG TV plays something, a clip the seminar serves itself (not "No video for this room yet")
    video = visible(participant, "#area-room video")
    assert video.get_attribute("src").endswith("/media/uclg-tv.webm")
    assert participant.find_elements(By.CSS_SELECTOR, "#area-room .player .note") == []
    participant.execute_script("arguments[0].muted = true; arguments[0].play()", video)
    wait_until(lambda: participant.execute_script("return arguments[0].currentTime", video) > 1.0, what="the clip to play")
    assert participant.execute_script("return arguments[0].videoWidth", video) == 640
    assert participant.execute_script("return arguments[0].error", video) is None
