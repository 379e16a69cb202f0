"""Issue 26, first impressions: the first page was a sign-in wall. A visitor who is not signed in sees the seminar —
its name, dates and tagline, and its program by day with each session's time in the visitor's own zone (the
seminar's beside), track, host organisation and languages — with the sign-in and sign-up forms beside it; the page
follows a language switch, and signing in from it works as before."""
import json
import re
import urllib.request
from datetime import datetime
from zoneinfo import ZoneInfo

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import ARTIFACTS, ORGANISER, wait
from pages import css, sign_in, text_in, visible

VISITOR_ZONE = "America/Bogota"


def public_program(server):
    with urllib.request.urlopen(server.url + "/api/program", timeout=10) as response:  # no cookie: a visitor
        return json.load(response)


def flat(text):
    return re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\u2009", " "))


def test_a_visitor_sees_the_seminar_and_its_program_beside_the_sign_in(server, browsers):
    program = public_program(server)
    assert program["sessions"], "the demo seminar has a program"
    assert not {"roomId", "room", "state", "bookmarked"} & {k for s in program["sessions"] for k in s}

    driver = browsers("en")
    driver.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": VISITOR_ZONE})
    driver.get(server.url + "/")
    visible(driver, "#signin-form")
    box = visible(driver, "#welcome-program")
    text_in(driver, "#welcome-program-title", "The program")
    text_in(driver, "#welcome-zone", VISITOR_ZONE)
    assert css(driver, "#auth-seminar-dates").text.strip(), "the seminar's dates in the header"

    # every day and every session, in order, each day under its heading
    days = box.find_elements(By.CSS_SELECTOR, ".welcome-day")
    assert len(days) == len(program["days"])
    items = box.find_elements(By.CSS_SELECTOR, ".welcome-session")
    assert [i.get_attribute("data-key") for i in items] == [s["key"] for s in program["sessions"]]

    # the first session's time in the visitor's zone first, the seminar's beside
    first, item = program["sessions"][0], items[0]
    start = datetime.fromisoformat(first["startsAt"].replace("Z", "+00:00"))
    here, there = start.astimezone(ZoneInfo(VISITOR_ZONE)), start.astimezone(ZoneInfo(program["timeZone"]))
    when = flat(item.find_element(By.CSS_SELECTOR, ".welcome-time").text)
    hour = lambda moment: f"{moment.hour % 12 or 12}:{moment.minute:02d}"
    assert hour(here) in when.split("(")[0] and hour(there) in when.split("(", 1)[1], when
    assert item.find_element(By.CSS_SELECTOR, "time").get_attribute("datetime") == start.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    assert item.find_element(By.CSS_SELECTOR, ".welcome-title").text.startswith(first["title"].get("en") or first["title"]["fr"][:20])

    # languages by their own names, marked with their language; the host organisation
    with_languages = next(s for s in program["sessions"] if s["languages"])
    shown = box.find_element(By.CSS_SELECTOR, f".welcome-session[data-key='{with_languages['key']}'] .welcome-languages")
    assert [s.get_attribute("lang") for s in shown.find_elements(By.TAG_NAME, "span")] == with_languages["languages"]
    with_host = next((s for s in program["sessions"] if s.get("hostOrganisation")), None)
    if with_host:
        text_in(driver, f".welcome-session[data-key='{with_host['key']}'] .welcome-facts", with_host["hostOrganisation"])

    # wide screens: the program beside the forms, not below them
    form, listing = css(driver, "#signin-form").rect, box.rect
    assert listing["x"] > form["x"] + form["width"] - 1 and listing["y"] < form["y"] + form["height"], (form, listing)
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / "first-page-1280.png"))
    driver.set_window_size(390, 844)
    visible(driver, "#signin-form")
    driver.save_screenshot(str(ARTIFACTS / "first-page-390.png"))
    driver.set_window_size(1280, 900)

    # in Spanish, the page redraws; then signing in from it works
    Select(css(driver, "#lang-select")).select_by_value("es")
    text_in(driver, "#welcome-program-title", "El programa")
    wait(driver).until(lambda d: "Horas en su zona horaria" in css(d, "#welcome-zone").text)
    sign_in(driver, server, ORGANISER["email"], ORGANISER["password"])
    assert not css(driver, "#auth-view").is_displayed()
