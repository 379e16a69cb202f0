"""The organiser console in real browsers: a participants import with one-time sign-in links (and a bad file's
problems by line), the live dashboard counting a newcomer, roles, scheduled announcements, the audit log, a real
export download, and the console refused to participants."""
import shutil
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import ARTIFACTS, ORGANISER, wait, wait_until
from pages import ProtocolClient, click, css, register_over_http, set_account_language, sign_in, sign_up, text_in, visible

PASSWORD = "participant-pass"
GOOD_CSV = (
    "email,name,role,organisation\n"
    "ana.perez@example.org,Ana Pérez,participant,Ministry of Planning\n"
    '"bo.okafor@example.org","Okafor, Bo",host,City of Lagos\n'
)
BAD_CSV = (
    "email,name,role\n"
    "not-an-email,Somebody,participant\n"
    "new.person@example.org,,participant\n"
    "carla@example.org,Carla,boss\n"
)


@pytest.fixture
def downloading_browser(request):
    """A headless Chromium (as conftest's `browsers`) whose downloads land in a temporary folder: (driver, folder)."""
    folder = tempfile.mkdtemp(prefix="seminar-downloads-")
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=en"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {
        "intl.accept_languages": "en", "download.default_directory": folder, "download.prompt_for_download": False,
        "download.directory_upgrade": True, "safebrowsing.enabled": True,
    })
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(30)
    # Headless Chromium saves downloads only when told where (the preference alone is not always honoured).
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": folder})
    yield driver, Path(folder)
    if getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        try:
            driver.save_screenshot(str(ARTIFACTS / f"{request.node.name}-organiser.png"))
            (ARTIFACTS / f"{request.node.name}-organiser.log").write_text("\n".join(str(e) for e in driver.get_log("browser")))
        except Exception:  # the browser may already be gone
            pass
    driver.quit()
    shutil.rmtree(folder, ignore_errors=True)



def open_console(driver, server, tab="people"):
    """Opens the console on one of its tabs (each part of the console is a tab: `#/admin/<tab>`)."""
    driver.get(server.url + f"/#/admin/{tab}")
    visible(driver, "#connection-status[data-state=online]")
    visible(driver, f"#admin-{tab}-title")


def console_tab(driver, tab):
    """Clicks the console's tab `tab` and waits for its part."""
    click(driver, f"#console-tab-{tab}")
    visible(driver, f"#admin-{tab}-title")
    assert css(driver, f"#console-tab-{tab}").get_attribute("aria-current") == "page"


def shot(driver, name, part, width=1280):
    """Saves one part of the console (`part`: a CSS selector) at `width` into artifacts/ for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    size = driver.get_window_size()
    driver.set_window_size(width, 900)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(height + 150, 12000))  # the whole page fits: the part is never cut
    css(driver, part).screenshot(str(ARTIFACTS / f"{name}-{width}.png"))
    driver.set_window_size(size["width"], size["height"])


def paste_csv(driver, text):
    box = visible(driver, "#people-import-text")
    box.clear()
    box.send_keys(text)
    click(driver, "#people-import-submit")


def online_now(driver):
    value = css(driver, "#dash-online-now").get_attribute("data-value")
    return int(value) if value else None


def fetch_in_page(driver, href):
    """GETs `href` with the page's cookie; returns {status, type, disposition, bytes: [first 3], text}."""
    return driver.execute_async_script("""
        const [href, done] = arguments;
        fetch(href, { credentials: 'same-origin' }).then(async (r) => {
          const buffer = new Uint8Array(await r.arrayBuffer());
          done({ status: r.status, type: r.headers.get('Content-Type'), disposition: r.headers.get('Content-Disposition'),
                 bytes: Array.from(buffer.slice(0, 3)), text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(buffer) });
        }, (e) => done({ status: 0, text: String(e) }));
    """, href)


def set_local_datetime(driver, selector, moment):
    """Sets a datetime-local input (its typed format depends on the browser's locale) and tells the form."""
    driver.execute_script("""
        const [input, value] = arguments;
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
    """, css(driver, selector), moment.strftime("%Y-%m-%dT%H:%M"))


def test_import_links_dashboard_and_export(server, browsers, downloading_browser):
    organiser, downloads = downloading_browser
    sign_in(organiser, server, ORGANISER["email"], ORGANISER["password"])
    open_console(organiser, server)

    # the import: two people, each with a one-time sign-in link
    paste_csv(organiser, GOOD_CSV)
    text_in(organiser, "#people-import-done", "2 created, 0 updated")
    rows = organiser.find_elements(By.CSS_SELECTOR, "#people-import-table tbody tr")
    assert [r.find_elements(By.TAG_NAME, "td")[1].text for r in rows] == ["ana.perez@example.org", "bo.okafor@example.org"]
    links = [e.get_attribute("value") for e in organiser.find_elements(By.CSS_SELECTOR, "#people-import-table input.console-link")]
    assert len(links) == 2 and all(link.startswith(server.url + "/api/link/") for link in links), links
    assert all(r.find_elements(By.TAG_NAME, "time") for r in rows), "each link shows its expiry"
    text_in(organiser, "#people-table", "Okafor, Bo")  # the people list was refreshed
    shot(organiser, "console-import", "#admin-people")
    shot(organiser, "console-import", "#admin-people", width=360)

    # the dashboard counts a newcomer (it asks every 5 s)
    console_tab(organiser, "dashboard")
    wait(organiser, 20).until(lambda d: online_now(d) is not None)
    before = online_now(organiser)
    assert before >= 1
    participant = browsers("en")
    participant_email = sign_up(participant, server, name="Newcomer Nadia")
    wait(organiser, 30).until(lambda d: online_now(d) > before)

    # messages show in the plot of the last hour, and in its text alternative
    org = ProtocolClient(server, ORGANISER["email"], ORGANISER["password"])
    organiser_id = org.request("people.list", {"q": ORGANISER["email"]})["data"]["people"][0]["id"]
    org.close()
    client = ProtocolClient(server, participant_email, PASSWORD)
    for text in ("Hello", "Where is the plenary?", "Thanks"):
        assert client.request("dm.send", {"to": organiser_id, "text": text})["ok"]
    client.close()
    text_in(organiser, "#dash-plot-summary", "3 messages", timeout=30)
    assert organiser.find_elements(By.CSS_SELECTOR, "#dash-plot svg[role=img] rect.bar")
    assert css(organiser, "#dash-plot svg").get_attribute("aria-labelledby") == "dash-plot-title dash-plot-summary"
    shot(organiser, "console-dashboard", "#admin-dashboard")
    shot(organiser, "console-dashboard", "#admin-dashboard", width=360)

    # a link signs its person in, once
    linked = browsers("fr")
    linked.get(links[0])
    visible(linked, "#home-view")
    text_in(linked, "#user-name", "Ana Pérez")

    # the attendance export, downloaded by clicking its link, and with the BOM for spreadsheets
    console_tab(organiser, "reports")
    click(organiser, "#export-attendance")
    saved = downloads / "attendance.csv"
    wait_until(lambda: saved.exists() and not list(downloads.glob("*.crdownload")), what="attendance.csv to be downloaded")
    assert saved.read_bytes().decode("utf-8").startswith("person,"), saved.read_bytes()[:80]
    click(organiser, "#reports-bom")
    href = css(organiser, "#export-attendance").get_attribute("href")
    assert href.endswith("/api/export/attendance.csv?bom=1"), href
    answer = fetch_in_page(organiser, href)
    assert answer["status"] == 200 and answer["bytes"] == [0xEF, 0xBB, 0xBF], answer
    assert "attachment" in (answer["disposition"] or "")
    assert css(organiser, "#export-chat").get_attribute("aria-disabled") == "true"  # the chat needs a room
    shot(organiser, "console-reports", "#admin-reports")
    shot(organiser, "console-reports", "#admin-reports", width=360)


def test_an_import_gives_existing_accounts_no_link(server, browsers):
    """Security review, issue 21, finding 9: a link to an existing account (an organiser's included) would let the
    importing organiser sign in as its owner; existing accounts are updated and listed without one."""
    existing = register_over_http(server, "Erin Existing")
    organiser = browsers("en")
    sign_in(organiser, server, ORGANISER["email"], ORGANISER["password"])
    open_console(organiser, server)
    paste_csv(organiser, f"email,name,organisation\n{existing['email']},,City of Accra\n{ORGANISER['email']},,\nnew.one@example.org,New One,\n")
    text_in(organiser, "#people-import-done", "1 created, 2 updated")
    rows = organiser.find_elements(By.CSS_SELECTOR, "#people-import-table tbody tr")
    cells = [[c.text for c in r.find_elements(By.TAG_NAME, "td")] for r in rows]
    assert [c[1] for c in cells] == [existing["email"], ORGANISER["email"], "new.one@example.org"], cells
    for row in rows[:2]:
        assert "Existing account, updated" in row.text and "No link" in row.text, row.text
        assert row.find_elements(By.CSS_SELECTOR, "input.console-link") == []
    links = [e.get_attribute("value") for e in rows[2].find_elements(By.CSS_SELECTOR, "input.console-link")]
    assert len(links) == 1 and links[0].startswith(server.url + "/api/link/"), links
    shot(organiser, "console-import-existing", "#admin-people")

    # the existing account was updated, and its session works as before
    client = ProtocolClient(server, token=existing["token"])
    assert client.ok("profile.get")["profile"]["organisation"] == "City of Accra"
    client.close()


def test_dashboard_counts_people_not_tabs(server, browsers):
    """One person in a room on two sockets (two tabs) and another person are 2 present, 2 at the peak."""
    organiser = browsers("en")
    sign_in(organiser, server, ORGANISER["email"], ORGANISER["password"])
    open_console(organiser, server, "dashboard")
    ana, bruno = register_over_http(server, "Ana Two Tabs"), register_over_http(server, "Bruno")
    sockets = [ProtocolClient(server, token=ana["token"]), ProtocolClient(server, token=ana["token"]), ProtocolClient(server, token=bruno["token"])]
    room_id = next(s["roomId"] for s in sockets[0].ok("program.get")["sessions"] if s.get("roomId") is not None)
    for socket in sockets:
        socket.ok("room.enter", {"roomId": room_id})
    row = f"#dash-rooms-table tr[data-room-id='{room_id}']"
    # the dashboard asks every 5 s
    wait(organiser, 30).until(lambda d: [c.text for c in d.find_elements(By.CSS_SELECTOR, f"{row} td.num")] == ["2", "2"])
    for socket in sockets:
        socket.close()


def test_bad_csv_shows_every_problem_by_line_and_imports_nothing(server, browsers):
    organiser = browsers("en")
    sign_in(organiser, server, ORGANISER["email"], ORGANISER["password"])
    open_console(organiser, server)
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8") as file:
        file.write("\ufeff" + BAD_CSV)  # as a spreadsheet saves it
    css(organiser, "#people-import-file").send_keys(file.name)
    wait(organiser).until(lambda d: "carla@example.org" in css(d, "#people-import-text").get_attribute("value"))
    Path(file.name).unlink()
    click(organiser, "#people-import-submit")
    visible(organiser, "#people-import-problems")
    text_in(organiser, "#people-import-problems-title", "3 problem(s)")
    problems = organiser.find_elements(By.CSS_SELECTOR, "#people-import-problems li")
    assert [p.get_attribute("data-line") for p in problems] == ["2", "3", "4"]
    assert problems[0].text.startswith("Line 2, email:"), problems[0].text
    assert "Line 4, role:" in problems[2].text
    assert organiser.switch_to.active_element.get_attribute("id") == "people-import-problems-title"
    shot(organiser, "console-bad-csv", "#admin-people", width=360)
    client = ProtocolClient(server, ORGANISER["email"], ORGANISER["password"])
    reply = client.request("people.list", {"q": "example.org"})
    client.close()
    assert reply["ok"], reply
    assert not {"new.person@example.org", "carla@example.org"} & {p["email"] for p in reply["data"]["people"]}


def test_labels_in_any_language_valid_values_and_a_corrected_file_of_the_same_name(server, browsers):
    """The file may say interests and regions as the screen does, in French, English or Spanish; an unknown one is
    refused with the valid values listed; the organiser corrects the file and chooses it again (same name): the
    corrected text is read and imported."""
    organiser = browsers("en")
    sign_in(organiser, server, ORGANISER["email"], ORGANISER["password"])
    open_console(organiser, server)
    folder = tempfile.mkdtemp(prefix="seminar-csv-")
    path = Path(folder) / "participants.csv"
    path.write_text("email,name,region,interests\nzoe@example.org,Zoé Martin,Amérique latine,Égalité de genre; knitting\n", encoding="utf-8")
    css(organiser, "#people-import-file").send_keys(str(path))
    wait(organiser).until(lambda d: "knitting" in css(d, "#people-import-text").get_attribute("value"))
    click(organiser, "#people-import-submit")
    text_in(organiser, "#people-import-problems-title", "1 problem(s)")
    problem = css(organiser, "#people-import-problems li").text
    assert "knitting" in problem and "gender equality" in problem and "climate" in problem, problem
    path.write_text("email,name,region,interests\nzoe@example.org,Zoé Martin,Amérique latine,Égalité de genre; Clima\n", encoding="utf-8")
    css(organiser, "#people-import-file").send_keys(str(path))
    wait(organiser).until(lambda d: "Clima" in css(d, "#people-import-text").get_attribute("value"))
    click(organiser, "#people-import-submit")
    text_in(organiser, "#people-import-done", "1 created, 0 updated")
    shutil.rmtree(folder, ignore_errors=True)
    client = ProtocolClient(server, ORGANISER["email"], ORGANISER["password"])
    person = next(p for p in client.ok("people.list", {"q": "zoe"})["people"] if p["email"] == "zoe@example.org")
    profile = client.ok("profile.get", {"userId": person["id"]})
    client.close()
    profile = profile.get("profile", profile)
    assert profile.get("region") == "latin-america", profile
    assert sorted(profile.get("interests", [])) == ["climate", "gender-equality"], profile


def test_roles_scheduled_announcement_and_audit(server, browsers):
    participant = browsers("en")
    email = sign_up(participant, server, name="Hannah Host")
    organiser = browsers("fr")
    set_account_language(server, ORGANISER["email"], ORGANISER["password"], "fr")  # a French-speaking organiser
    sign_in(organiser, server, ORGANISER["email"], ORGANISER["password"])
    open_console(organiser, server)

    # make the participant a host of a room
    wait(organiser, 20).until(lambda d: any(e.text.startswith("Hannah Host") for e in d.find_elements(By.CSS_SELECTOR, "#people-table td:first-child")))
    target = next(r for r in organiser.find_elements(By.CSS_SELECTOR, "#people-table tbody tr") if "Hannah Host" in r.text)
    user_id = target.get_attribute("data-user-id")
    row = f'#people-table tr[data-user-id="{user_id}"]'
    Select(css(organiser, f"{row} select.console-role")).select_by_value("host")
    rooms = Select(css(organiser, f"{row} select.console-room"))
    assert len(rooms.options) > 1, "the program's rooms are offered"
    rooms.select_by_index(1)
    click(organiser, f"{row} button.console-apply")
    text_in(organiser, f"{row} .console-row-status", "Animateur")
    org = ProtocolClient(server, ORGANISER["email"], ORGANISER["password"])
    listed = org.request("people.list", {"q": email})["data"]["people"]
    assert [p["role"] for p in listed] == ["host"], listed

    # demoting oneself is refused with a clear sentence
    own = next(r for r in organiser.find_elements(By.CSS_SELECTOR, "#people-table tbody tr") if ORGANISER["email"] in r.text)
    own_row = f'#people-table tr[data-user-id="{own.get_attribute("data-user-id")}"]'
    Select(css(organiser, f"{own_row} select.console-role")).select_by_value("participant")
    click(organiser, f"{own_row} button.console-apply")
    text_in(organiser, f"{own_row} .console-row-status", "propre rôle")
    shot(organiser, "console-roles", "#admin-people", width=360)

    # a scheduled announcement: listed, then cancelled
    console_tab(organiser, "announce")
    css(organiser, "#console-ann-text").send_keys("Dîner de clôture à 19 h")
    set_local_datetime(organiser, "#console-ann-publish", datetime.now() + timedelta(hours=2))
    set_local_datetime(organiser, "#console-ann-expires", datetime.now() + timedelta(hours=3))
    text_in(organiser, "#console-ann-submit", "Programmer")
    click(organiser, "#console-ann-submit")
    text_in(organiser, "#console-ann-scheduled", "Dîner de clôture à 19 h")
    scheduled = org.request("announce.scheduled")["data"]["announcements"]
    assert [a["text"] for a in scheduled] == ["Dîner de clôture à 19 h"], scheduled
    publish_at = datetime.fromisoformat(scheduled[0]["publishAt"].replace("Z", "+00:00"))
    assert abs((publish_at - datetime.now().astimezone() - timedelta(hours=2)).total_seconds()) < 120, publish_at
    shot(organiser, "console-announce", "#admin-announce")
    shot(organiser, "console-announce", "#admin-announce", width=360)
    click(organiser, "#console-ann-scheduled li button.console-cancel")
    visible(organiser, "#console-ann-none")
    assert org.request("announce.scheduled")["data"]["announcements"] == []

    # one published now is on screen until it is ended
    css(organiser, "#console-ann-text").send_keys("Pause café")
    click(organiser, "#console-ann-submit")
    text_in(organiser, "#console-ann-active", "Pause café")
    text_in(participant, "#announcements-list", "Pause café")
    click(organiser, "#console-ann-active li button.console-end")
    wait(organiser).until(lambda d: "Pause café" not in css(d, "#console-ann-active-box").text)

    # a publishing time in the past is refused in the page
    css(organiser, "#console-ann-text").send_keys("Trop tard")
    set_local_datetime(organiser, "#console-ann-publish", datetime.now() - timedelta(hours=1))
    click(organiser, "#console-ann-submit")
    text_in(organiser, "#console-ann-error", "futur")
    assert css(organiser, "#console-ann-publish").get_attribute("aria-invalid") == "true"
    org.close()

    # the audit log has the role change and the cancelled announcement, newest first
    console_tab(organiser, "audit")
    click(organiser, "#audit-refresh")
    wait(organiser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, '#audit-table tr[data-action="role.set"]'))
    actions = [r.get_attribute("data-action") for r in organiser.find_elements(By.CSS_SELECTOR, "#audit-table tbody tr")]
    assert actions.index("announce.cancel") < actions.index("role.set"), actions
    # whom and where by name (in the organiser's French), not "userId=6 roomId=29"
    target = css(organiser, '#audit-table tr[data-action="role.set"] td.console-target').text
    assert "Personne : Hannah Host" in target and "Salle : " in target, target
    assert "userId=" not in target and "roomId=" not in target, target
    shot(organiser, "console-audit", "#admin-audit")
    shot(organiser, "console-audit", "#admin-audit", width=360)


def test_participant_sees_no_console_and_is_refused(server, browsers):
    participant = browsers("es")
    email = sign_up(participant, server, name="Pablo Participante")
    participant.get(server.url + "/#/admin")
    text_in(participant, "#area-admin .error", "solo para la organización")
    assert participant.find_elements(By.CSS_SELECTOR, "#admin-dashboard, #dash-online-now, #people-import-form") == []
    client = ProtocolClient(server, email, PASSWORD)
    for type_ in ("admin.stats", "people.list", "audit.list"):
        reply = client.request(type_)
        assert reply["ok"] is False and reply["error"]["code"] == "forbidden", (type_, reply)
    reply = client.request("role.set", {"userId": 1, "role": "participant"})
    assert reply["ok"] is False and reply["error"]["code"] == "forbidden", reply
    client.close()
    answer = fetch_in_page(participant, "/api/export/attendance.csv")
    assert answer["status"] == 403, answer


def loaded_scripts(driver):
    """The console modules the page has fetched (admin-*.js), by file name."""
    return set(driver.execute_script("""
        return performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.split('/').pop())
          .filter((name) => name.startsWith('admin-') && name.endsWith('.js'));"""))


def test_console_tabs_are_in_the_url_load_on_demand_and_follow_the_back_button(server, browsers):
    """Issue 26: the console was one 5,500-px page loading every part. Each part is a tab with its own address; a first
    visit loads the dashboard only, another tab loads its module when opened, and the back button returns."""
    organiser = browsers("en")
    sign_in(organiser, server, ORGANISER["email"], ORGANISER["password"])
    organiser.get(server.url + "/#/admin")
    visible(organiser, "#admin-dashboard-title")
    tabs = [a.text for a in organiser.find_elements(By.CSS_SELECTOR, ".console-tabs a")]
    assert tabs == ["Dashboard", "Announcements", "People and imports", "Mail outbox", "Meetings plan", "Reports", "Audit log"], tabs
    assert css(organiser, "#console-tab-dashboard").get_attribute("aria-current") == "page"
    assert loaded_scripts(organiser) == {"admin-dashboard.js", "admin-console-kit.js"}, loaded_scripts(organiser)
    assert organiser.find_elements(By.CSS_SELECTOR, "#admin-people, #admin-plan") == [], "one part at a time"

    console_tab(organiser, "plan")
    assert organiser.current_url.endswith("#/admin/plan")
    assert "admin-plan.js" in loaded_scripts(organiser) and "admin-people.js" not in loaded_scripts(organiser)
    assert organiser.find_elements(By.CSS_SELECTOR, "#admin-dashboard") == []
    console_tab(organiser, "audit")
    assert organiser.find_elements(By.CSS_SELECTOR, "#admin-plan") == []
    shot(organiser, "console-tabs", "#area-admin", width=360)

    organiser.back()
    visible(organiser, "#admin-plan-title")
    assert organiser.current_url.endswith("#/admin/plan")
    assert css(organiser, "#console-tab-plan").get_attribute("aria-current") == "page"
    organiser.back()
    visible(organiser, "#admin-dashboard-title")

    # an address names its tab: opened directly (a bookmark, a reload), it shows that tab
    organiser.get(server.url + "/#/admin/people")
    visible(organiser, "#admin-people-title")
    assert css(organiser, "#console-tab-people").get_attribute("aria-current") == "page"
