"""Times in the viewer's zone and language with the seminar's time beside, and content in another language than the
reader's marked "(in French)" with its `lang`: a participant in Bogotá (CDP Emulation.setTimezoneOverride) reads a
session's time in her own zone and Madrid's, in English then in French; an English reader sees a French post and a
French-only FAQ entry marked; a French reader sees an announcement an organiser wrote in Spanish marked "(en espagnol)"."""
import json
import re
import urllib.request
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import ORGANISER, wait_until
from pages import ProtocolClient, click, css, import_program, sign_in, sign_up, text_in, visible

VIEWER_ZONE = "America/Bogota"
FRENCH_MONTHS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]


def as_organiser(server, type_, data=None):
    client = ProtocolClient(server, ORGANISER["email"], ORGANISER["password"])
    try:
        return client.ok(type_, data)
    finally:
        client.close()


def clock(moment, hour24):
    """"4:50" / "16:50" (Intl drops the leading zero in a range), to find in the page's text."""
    return f"{moment.hour if hour24 else (moment.hour % 12 or 12)}:{moment.minute:02d}"


def flat(text):
    return re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\u2009", " "))


def test_session_time_in_the_viewers_zone_with_the_seminars_beside(server, browsers):
    program = as_organiser(server, "program.get")
    event_zone = program["timeZone"]
    assert event_zone and event_zone != VIEWER_ZONE
    session = sorted(program["sessions"], key=lambda s: s["startsAt"])[0]
    start = datetime.fromisoformat(session["startsAt"].replace("Z", "+00:00"))
    here, there = start.astimezone(ZoneInfo(VIEWER_ZONE)), start.astimezone(ZoneInfo(event_zone))
    place = event_zone.split("/")[-1].replace("_", " ")

    driver = browsers("en")
    driver.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": VIEWER_ZONE})
    sign_up(driver, server, name="Valentina Rojas")
    assert driver.execute_script("return Intl.DateTimeFormat().resolvedOptions().timeZone") == VIEWER_ZONE

    driver.get(f"{server.url}/#/sessions/{session['id']}")
    visible(driver, "#connection-status[data-state=online]")
    when = visible(driver, ".facts time")
    wait_until(lambda: when.text.strip(), what="the session's time")
    text = flat(when.text)
    # English: 12-hour clock, the viewer's time first, then "(Madrid …)" with the seminar's.
    assert clock(here, False) in text.split("(")[0], text
    assert re.search(r"\b(AM|PM)\b", text), text
    assert f"({place} " in text and clock(there, False) in text.split("(", 1)[1], text
    assert when.get_attribute("datetime") == start.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    # The program says whose time is shown.
    driver.get(f"{server.url}/#/sessions")
    text_in(driver, "#area-sessions-title + .note", VIEWER_ZONE)

    # French: 24-hour clock and French month names, same two zones.
    Select(css(driver, "#lang-select")).select_by_value("fr")
    driver.get(f"{server.url}/#/sessions/{session['id']}")
    visible(driver, "#connection-status[data-state=online]")
    def time_text():
        found = driver.find_elements(By.CSS_SELECTOR, "#area-sessions .facts time")
        return flat(found[0].text) if found else ""
    text = wait_until(lambda: (lambda v: v if v.strip() and not re.search(r"\b(AM|PM)\b", v) else "")(time_text()),
                      what="the time in French")
    assert clock(here, True) in text.split("(")[0], text
    assert f"({place} " in text and clock(there, True) in text.split("(", 1)[1], text
    assert FRENCH_MONTHS[here.month - 1] in text, text


def test_content_in_another_language_is_marked(server, browsers):
    post = as_organiser(server, "feed.post", {"kind": "news", "lang": "fr", "tags": ["logement"],
                                              "title": "Les villes et le logement", "body": "Un texte en français."})
    as_organiser(server, "faq.upsert", {"question": {"fr": "Où est le vestiaire ?"}, "answer": {"fr": "Au rez-de-chaussée."}})

    driver = browsers("en")
    sign_up(driver, server, name="Grace Mensah")

    # The feed card and the post page: "(in French)" beside the title, the title in lang=fr, the marker in lang=en.
    driver.get(f"{server.url}/#/hub")
    visible(driver, "#connection-status[data-state=online]")
    card = visible(driver, f".post-card[data-id='{post['id']}']")
    title = card.find_element(By.CSS_SELECTOR, ".post-title")
    assert title.get_attribute("lang") == "fr"
    marker = title.find_element(By.CSS_SELECTOR, ".lang-fallback")
    assert marker.text == "(in French)" and marker.get_attribute("lang") == "en"

    driver.get(f"{server.url}/#/hub/post/{post['id']}")
    visible(driver, "#connection-status[data-state=online]")
    text_in(driver, "#area-hub-title", "Les villes et le logement")
    heading = css(driver, "#area-hub-title[lang=fr]")
    assert heading.find_element(By.CSS_SELECTOR, ".lang-fallback").text == "(in French)"
    assert css(driver, "#post-body").get_attribute("lang") == "fr"

    # The FAQ entry only written in French.
    driver.get(f"{server.url}/#/desk")
    visible(driver, "#connection-status[data-state=online]")
    text_in(driver, "#desk-faq", "Où est le vestiaire ?")
    question = next(s for s in driver.find_elements(By.CSS_SELECTOR, "#desk-faq summary") if "vestiaire" in s.text)
    assert question.get_attribute("lang") == "fr" and "(in French)" in question.text

    # A French reader sees the same post unmarked.
    Select(css(driver, "#lang-select")).select_by_value("fr")
    driver.get(f"{server.url}/#/hub")
    visible(driver, "#connection-status[data-state=online]")
    card = visible(driver, f".post-card[data-id='{post['id']}']")
    wait_until(lambda: not card.find_elements(By.CSS_SELECTOR, ".lang-fallback"), what="no marker for a French reader")


def test_an_announcement_in_another_language_is_marked(server, browsers):
    reader = browsers("fr")
    sign_up(reader, server, name="Camille Durand")
    visible(reader, "#connection-status[data-state=online]")

    # The organiser (page in English) picks Spanish in the console's form: labelled, English by default.
    organiser = browsers("en")
    sign_in(organiser, server, ORGANISER["email"], ORGANISER["password"])
    organiser.get(server.url + "/#/admin/announce")
    visible(organiser, "#connection-status[data-state=online]")
    picker = visible(organiser, "#console-ann-lang")
    assert picker.get_attribute("value") == "en"
    assert css(organiser, "label[for=console-ann-lang]").text == "Language of the announcement"
    Select(picker).select_by_value("es")
    css(organiser, "#console-ann-text").send_keys("La plenaria empieza en diez minutos")
    click(organiser, "#console-ann-submit")
    text_in(organiser, "#console-ann-status", "Announcement published")
    shown = visible(organiser, "#console-ann-active .announcement-text[lang=es]")
    assert shown.find_element(By.CSS_SELECTOR, ".lang-fallback").text == "(in Spanish)"

    # The French reader gets it live: the text in lang=es, "(en espagnol)" beside it in lang=fr, list and banner.
    item = visible(reader, "#announcements-list .announcement-text[lang=es]")
    assert item.text.startswith("La plenaria empieza en diez minutos")
    marker = item.find_element(By.CSS_SELECTOR, ".lang-fallback")
    assert marker.text == "(en espagnol)" and marker.get_attribute("lang") == "fr"
    banner = visible(reader, "#announcement-banner-text[lang=es]")
    wait_until(lambda: banner.find_elements(By.CSS_SELECTOR, ".lang-fallback"), what="the marker in the banner")
    assert banner.find_element(By.CSS_SELECTOR, ".lang-fallback").text == "(en espagnol)"

    # One in French is not marked for her; after a reload (the snapshot) the Spanish one still is.
    as_organiser(server, "announce", {"text": "Le déjeuner est servi", "lang": "fr"})
    french = visible(reader, "#announcements-list li:first-child .announcement-text[lang=fr]")
    assert french.text == "Le déjeuner est servi" and not french.find_elements(By.CSS_SELECTOR, ".lang-fallback")
    reader.refresh()
    visible(reader, "#connection-status[data-state=online]")
    item = visible(reader, "#announcements-list .announcement-text[lang=es]")
    assert item.find_element(By.CSS_SELECTOR, ".lang-fallback").text == "(en espagnol)"


def test_a_sessions_languages_are_named_in_the_readers_language(server, browsers):
    """The program file says a session is held in French and Spanish: a Spanish reader's program says so in Spanish,
    and a session the file says nothing about shows no languages (none are guessed)."""
    zone = as_organiser(server, "program.get")["timeZone"]
    start = datetime.now(ZoneInfo(zone)).replace(minute=0, second=0, microsecond=0) + timedelta(hours=3)
    slot = lambda hours: {"start": (start + timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M"),
                          "end": (start + timedelta(hours=hours, minutes=30)).strftime("%Y-%m-%dT%H:%M")}
    import_program(server, {"name": {"en": "UCLG Seminar"}, "timeZone": zone, "tracks": [], "sessions": [
        {"key": "bilingual", "title": {"es": "Sesión bilingüe"}, "languages": ["fr", "es"], **slot(0)},
        {"key": "unsaid", "title": {"es": "Sesión sin idioma dicho"}, **slot(0)}]})
    sessions = {s["key"]: s for s in as_organiser(server, "program.get")["sessions"]}
    assert sessions["bilingual"]["languages"] == ["fr", "es"] and sessions["unsaid"]["languages"] == []

    driver = browsers("es")
    sign_up(driver, server, name="Lucía Gómez")
    driver.get(f"{server.url}/#/sessions")
    visible(driver, "#connection-status[data-state=online]")
    click(driver, f"#day-tab-{start.strftime('%Y-%m-%d')}")
    item = f".session-item[data-session-id='{sessions['bilingual']['id']}']"
    text_in(driver, f"{item} .session-languages", "Idiomas: francés y español")
    assert not driver.find_elements(By.CSS_SELECTOR, f".session-item[data-session-id='{sessions['unsaid']['id']}'] .session-languages")


def test_the_accounts_language_follows_the_person_to_every_device(server, browsers):
    """An organiser made the account in French: the person's page is in French on an English browser; they choose
    Spanish, and on another device (an English browser again) the page is in Spanish after sign-in."""
    import subprocess
    from conftest import BIN, ROOT
    subprocess.run([BIN, "user", "add", "--data", server.data_dir, "--email", "fatou@example.org", "--password", "participant-pass",
                    "--name", "Fatou Sow", "--role", "participant", "--locale", "fr"], check=True, cwd=ROOT, env=server.env(),
                   capture_output=True)
    first = browsers("en")
    sign_in(first, server, "fatou@example.org", "participant-pass")
    wait_until(lambda: first.execute_script("return document.documentElement.lang") == "fr", what="the page in French")
    assert css(first, "#lang-select").get_attribute("value") == "fr"
    Select(css(first, "#lang-select")).select_by_value("es")
    wait_until(lambda: first.execute_script("return document.documentElement.lang") == "es", what="the page in Spanish")
    token = server.login_token("fatou@example.org", "participant-pass")

    def account_locale():
        request = urllib.request.Request(server.url + "/api/me", headers={"Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)["user"]["locale"]
    wait_until(lambda: account_locale() == "es", what="the account's language saved")
    second = browsers("en")
    sign_in(second, server, "fatou@example.org", "participant-pass")
    wait_until(lambda: second.execute_script("return document.documentElement.lang") == "es", what="the other device in Spanish")
