"""The networking lounge, bilateral meetings and the meeting table in real browsers: finding someone, a meeting
request accepted in the inbox, both at the table with chat and a WebRTC connection, a live DM with unread badges,
and the organiser's meetings plan (preview with the bound, publish)."""
import shutil
import tempfile
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import ARTIFACTS, ORGANISER, Server, wait, wait_until
from pages import ProtocolClient, click, css, future_slots, import_program, register_over_http, set_account_language, sign_in, sign_up, soon_slots, text_in, visible

PASSWORD = "participant-pass"



def go(driver, server, hash_):
    driver.get(f"{server.url}/{hash_}")
    visible(driver, "#connection-status[data-state=online]")


def shot(driver, name, width=None):
    """Saves a screenshot into artifacts/ (optionally at another window width) for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    if width:
        size = driver.get_window_size()
        driver.set_window_size(width, 900)
        driver.save_screenshot(str(ARTIFACTS / f"{name}-{width}.png"))
        driver.set_window_size(size["width"], size["height"])
    else:
        driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def user_id(server, email):
    client = ProtocolClient(server, email, PASSWORD)
    try:
        return client.request("profile.get")["data"]["id"]
    finally:
        client.close()


def register(server, name):
    """A participant made over HTTP (not in a browser); returns (email, id)."""
    person = register_over_http(server, name, PASSWORD)
    return person["email"], person["id"]


def set_grid(server, count=3, tables=5):
    organiser = ProtocolClient(server, ORGANISER["email"], ORGANISER["password"])
    try:
        # Slots starting in minutes: their tables are open for check-in (from 10 minutes before).
        reply = organiser.request("grid.set", {"slots": soon_slots(count), "tables": tables})
        assert reply["ok"], reply
        return [slot["id"] for slot in reply["data"]["slots"]]
    finally:
        organiser.close()


def test_request_accept_and_meet_at_the_table_with_video(server, browsers):
    amina = browsers("en")
    bruno = browsers("en")
    sign_up(amina, server, name="Amina Diallo")
    bruno_email = sign_up(bruno, server, name="Bruno Sánchez")
    set_grid(server)

    # Amina finds Bruno by searching without the accent, and asks for a meeting in the first slot.
    go(amina, server, "#/lounge")
    visible(amina, "#people-q").send_keys("sanchez")
    text_in(amina, "#people-results", "Bruno Sánchez")
    click(amina, "#people-results .person-card a.button.primary")
    visible(amina, "#request-form")
    click(amina, "#request-form input[name=request-slot]")
    visible(amina, "#request-message").send_keys("Shall we talk about housing?")
    click(amina, "#request-submit")
    text_in(amina, "#request-sent", "Bruno Sánchez")
    shot(amina, "lounge-request-sent")

    # Bruno accepts it in his inbox (the only proposed slot is chosen already).
    go(bruno, server, "#/lounge/meetings")
    text_in(bruno, "#requests-incoming", "Amina Diallo")
    text_in(bruno, "#requests-incoming", "Shall we talk about housing?")
    shot(bruno, "lounge-inbox", width=360)
    click(bruno, "#requests-incoming li[data-request-id] button.accept")
    visible(bruno, "#my-meetings a.join-table")

    # Amina's meetings page shows the booking; both go to the table.
    go(amina, server, "#/lounge/meetings")
    visible(amina, "#my-meetings a.join-table")
    shot(amina, "lounge-meetings")
    click(amina, "#my-meetings a.join-table")
    click(bruno, "#my-meetings a.join-table")
    text_in(amina, "#area-table-title", "Bruno Sánchez")
    text_in(bruno, "#area-table-title", "Amina Diallo")

    click(bruno, "#checkin-button")
    visible(bruno, "#checkin-mine")
    visible(amina, "#checkin-other[data-checked-in=true]")

    visible(amina, "#table-chat-text").send_keys("Hello Bruno, can you see me?")
    click(amina, "#table-chat-send")
    text_in(bruno, "#table-chat", "Hello Bruno, can you see me?")

    for driver in (amina, bruno):
        wait(driver, 45).until(lambda d: d.find_element(By.ID, "rtc-state").get_attribute("data-rtc-state") == "connected")
    wait_until(lambda: bruno.execute_script("const v = document.getElementById('remote-video'); return v.srcObject && v.videoWidth > 0"),
               timeout=30, what="Amina's video at Bruno's")
    shot(amina, "table")
    shot(amina, "table", width=360)

    # Muting is a toggle button; switching the language keeps the call.
    click(amina, "#toggle-mic")
    assert css(amina, "#toggle-mic").get_attribute("aria-pressed") == "true"
    Select(css(amina, "#lang-select")).select_by_value("fr")
    text_in(amina, "#rtc-state", "Connecté")
    assert css(amina, "#rtc-state").get_attribute("data-rtc-state") == "connected"
    text_in(amina, "#toggle-mic", "Activer le micro")

    # Bruno reloads: the call comes back by itself.
    bruno.refresh()
    visible(bruno, "#connection-status[data-state=online]")
    for driver in (amina, bruno):
        wait(driver, 45).until(lambda d: d.find_element(By.ID, "rtc-state").get_attribute("data-rtc-state") == "connected")
    assert bruno_email


def browser_refusing_the_camera():
    """Chromium with a camera that the person refuses (the permission prompt is answered "block")."""
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=en",
                     "--use-fake-device-for-media-stream", "--deny-permission-prompts"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": "en"})
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)


def test_refused_camera_falls_back_to_chat_and_still_sees_the_other(server, browsers):
    amina = browsers("en")
    bruno = browser_refusing_the_camera()
    try:
        sign_up(amina, server, name="Amina Diallo")
        bruno_id = user_id(server, sign_up(bruno, server, name="Bruno Sánchez"))
        set_grid(server)
        go(amina, server, f"#/lounge/people/{bruno_id}/request")
        click(amina, "#request-form input[name=request-slot]")
        click(amina, "#request-submit")
        visible(amina, "#request-sent")
        go(bruno, server, "#/lounge/meetings")
        click(bruno, "#requests-incoming button.accept")
        click(bruno, "#my-meetings a.join-table")
        go(amina, server, "#/lounge/meetings")
        click(amina, "#my-meetings a.join-table")

        visible(bruno, "#media-notice[data-media=denied]")
        text_in(bruno, "#media-notice", "Camera and microphone were refused")
        assert css(bruno, "#toggle-mic").get_attribute("disabled") is not None
        for driver in (amina, bruno):
            wait(driver, 45).until(lambda d: d.find_element(By.ID, "rtc-state").get_attribute("data-rtc-state") == "connected")
        wait_until(lambda: bruno.execute_script("const v = document.getElementById('remote-video'); return v.srcObject && v.videoWidth > 0"),
                   timeout=30, what="Amina's video at Bruno's, who sends none")
        visible(bruno, "#table-chat-text").send_keys("No camera here, typing instead")
        click(bruno, "#table-chat-send")
        text_in(amina, "#table-chat", "No camera here, typing instead")

        # Hanging up tells the other; calling again reconnects.
        click(amina, "#hang-up")
        wait(bruno, 20).until(lambda d: d.find_element(By.ID, "rtc-state").get_attribute("data-rtc-state") == "closed")
        text_in(bruno, ".table-notice", "Amina Diallo left the video call")
        click(amina, "#call-again")
        for driver in (amina, bruno):
            wait(driver, 45).until(lambda d: d.find_element(By.ID, "rtc-state").get_attribute("data-rtc-state") == "connected")
    finally:
        bruno.quit()


def test_direct_message_appears_live_with_unread_badges(server, browsers):
    amina = browsers("en")
    bruno = browsers("en")
    sign_up(amina, server, name="Amina Diallo")
    bruno_email = sign_up(bruno, server, name="Bruno Sánchez")
    bruno_id = user_id(server, bruno_email)

    # Bruno is in the lounge; Amina sees him there and opens a conversation from his card.
    go(bruno, server, "#/lounge")
    go(amina, server, "#/lounge")
    text_in(amina, "#lounge-present", "Bruno Sánchez")
    click(amina, f"#lounge-present li[data-user-id='{bruno_id}'] a[href$='/messages/{bruno_id}']")
    visible(amina, "#dm-text")

    # Bruno is back on the home page (a fresh page: the lounge is not loaded) when Amina writes.
    go(bruno, server, "#/")
    visible(bruno, "#home-title")
    css(amina, "#dm-text").send_keys("Hi Bruno, coffee at the break?")
    click(amina, "#dm-send")
    text_in(amina, "#dm-messages", "Hi Bruno, coffee at the break?")

    # The count shows on the Lounge link, then on the lounge's Messages tab.
    text_in(bruno, "#lounge-nav-badge", "1")
    click(bruno, "#main-nav a[data-area=lounge]")
    text_in(bruno, "#lounge-messages-badge", "1")
    shot(bruno, "lounge-people")
    shot(bruno, "lounge-people", width=360)
    click(bruno, ".lounge-tabs a[data-tab=messages]")
    text_in(bruno, "#conversations", "Amina Diallo")
    click(bruno, "#conversations a.conversation-link")
    text_in(bruno, "#dm-messages", "Hi Bruno, coffee at the break?")
    wait(bruno).until(lambda d: not d.find_element(By.ID, "lounge-nav-badge").is_displayed())

    # With the conversation open, a new message appears live and stays read.
    visible(amina, "#dm-text").send_keys("At 11?")
    click(amina, "#dm-send")
    text_in(bruno, "#dm-messages", "At 11?")
    assert not css(bruno, "#lounge-nav-badge").is_displayed()
    shot(bruno, "lounge-dm", width=360)


def test_organiser_previews_and_publishes_a_plan(server, browsers):
    people = [register(server, name) for name in ("Chloé Martin", "Diego Pérez", "Emeka Obi", "Fatima Zahra")]
    organiser = browsers("en")
    sign_in(organiser, server, ORGANISER["email"], ORGANISER["password"])
    go(organiser, server, "#/admin/plan")
    visible(organiser, "#grid-form")
    tomorrow = (datetime.now(timezone.utc) + timedelta(days=1)).strftime("%Y-%m-%d")
    organiser.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}))",
                             css(organiser, "#grid-first-day"), tomorrow)
    text_in(organiser, "#grid-form", "5 slot(s) will be added")
    click(organiser, "#grid-submit")
    wait(organiser).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#plan-grid tr[data-slot-id]")) == 5)

    # Everyone speaks English, shares an interest and is free in every slot; Chloé asked Diego for a meeting.
    slot_ids = [int(row.get_attribute("data-slot-id")) for row in organiser.find_elements(By.CSS_SELECTOR, "#plan-grid tr[data-slot-id]")]
    for index, (email, _) in enumerate(people):
        client = ProtocolClient(server, email, PASSWORD)
        profile = {"languages": ["en"], "interests": ["housing", "climate"] if index % 2 else ["housing"],
                   "region": ["africa", "europe"][index % 2]}
        assert client.request("profile.update", profile)["ok"]
        assert client.request("availability.set", {"slots": slot_ids})["ok"]
        if index == 0:
            assert client.request("meeting.request", {"to": people[1][1], "slots": slot_ids[:2], "message": "Hola"}, key="k1")["ok"]
        client.close()

    visible(organiser, "#plan-max").clear()
    css(organiser, "#plan-max").send_keys("2")
    click(organiser, "#plan-preview")
    visible(organiser, "#plan-summary")
    assert float(css(organiser, "#plan-bound").text.replace(",", "")) > 0
    assert "%" in css(organiser, "#plan-ratio").text
    text_in(organiser, "#plan-meetings", "Chloé Martin")
    assert "yes" in css(organiser, "#plan-meetings").text
    shot(organiser, "admin-plan")
    shot(organiser, "admin-plan", width=360)
    click(organiser, "#plan-publish")
    text_in(organiser, "#plan-published", "Plan published")
    assert " 0 meeting(s) created" not in css(organiser, "#plan-published").text

    # The plan's meetings are in the participants' lists.
    client = ProtocolClient(server, people[0][0], PASSWORD)
    meetings = client.request("meeting.list")["data"]["meetings"]
    client.close()
    assert any(m["with"]["id"] == people[1][1] for m in meetings)


def test_plan_shows_an_unmet_request_in_the_readers_language(server, browsers):
    """Two ask the same person, who may have one meeting: the console says why one request is unmet, in Spanish."""
    organiser_socket = ProtocolClient(server, ORGANISER["email"], ORGANISER["password"])
    slot_ids = [slot["id"] for slot in organiser_socket.ok("grid.set", {"slots": future_slots(2), "tables": 5})["slots"]]
    organiser_socket.close()
    asked, first, second = (register_over_http(server, name) for name in ("Inés Solicitada", "Juan Primero", "Karim Segundo"))
    for person in (asked, first, second):
        client = ProtocolClient(server, token=person["token"])
        client.ok("availability.set", {"slots": slot_ids})
        if person is not asked:
            client.ok("meeting.request", {"to": asked["id"], "slots": [slot_ids[0 if person is first else 1]]})
        client.close()

    organiser = browsers("es")
    set_account_language(server, ORGANISER["email"], ORGANISER["password"], "es")  # a Spanish-speaking organiser
    sign_in(organiser, server, ORGANISER["email"], ORGANISER["password"])
    go(organiser, server, "#/admin/plan")
    wait(organiser).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#plan-grid tr[data-slot-id]")) == 2)
    visible(organiser, "#plan-max").clear()
    css(organiser, "#plan-max").send_keys("1")
    click(organiser, "#plan-preview")
    text_in(organiser, "#plan-unmet", "se alcanzó el límite de reuniones por persona")
    assert "Inés Solicitada" in css(organiser, "#plan-unmet").text
    assert "limit" not in css(organiser, "#plan-unmet").text


def test_plan_avoids_sessions_in_agendas_and_says_when_it_cannot(server, browsers):
    """A session in someone's agenda overlaps the first slot. A suggested pair goes to the second slot; a requested
    pair free only in the first is booked there, and the preview says so with names, in words an organiser uses."""
    organiser_socket = ProtocolClient(server, ORGANISER["email"], ORGANISER["password"])
    slots = future_slots(2)
    zone = organiser_socket.ok("program.get")["timeZone"]
    local = lambda iso: datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(ZoneInfo(zone)).strftime("%Y-%m-%dT%H:%M")
    import_program(server, {"name": {"en": "UCLG Seminar"}, "timeZone": zone, "tracks": [], "sessions": [
        {"key": "townhall", "title": {"en": "Town Hall on housing"}, "start": local(slots[0]["startsAt"]), "end": local(slots[0]["endsAt"])}]})
    session_id = next(s["id"] for s in organiser_socket.ok("program.get")["sessions"] if s["key"] == "townhall")
    slot_ids = [slot["id"] for slot in organiser_socket.ok("grid.set", {"slots": slots, "tables": 5})["slots"]]
    organiser_socket.close()
    names = ("Lena Asks", "Marco Asked", "Nadia Suggested", "Omar Suggested")
    lena, marco, nadia, omar = (register_over_http(server, name) for name in names)
    for person, free in ((lena, slot_ids[:1]), (marco, slot_ids[:1]), (nadia, slot_ids), (omar, slot_ids)):
        client = ProtocolClient(server, token=person["token"])
        client.ok("profile.update", {"languages": ["en"], "interests": ["housing"]} if person in (nadia, omar) else {"languages": ["fr"]})
        client.ok("availability.set", {"slots": free})
        if person in (marco, nadia):
            client.ok("agenda.add", {"sessionId": session_id})
        if person is lena:
            client.ok("meeting.request", {"to": marco["id"], "slots": slot_ids[:1]})
        client.close()

    organiser = browsers("en")
    sign_in(organiser, server, ORGANISER["email"], ORGANISER["password"])
    go(organiser, server, "#/admin/plan")
    wait(organiser).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#plan-grid tr[data-slot-id]")) == 2)
    click(organiser, "#plan-preview")
    visible(organiser, "#plan-summary")
    summary = css(organiser, "#plan-summary").text
    assert "Affinity points of this plan" in summary and "The most any plan could reach" in summary, summary
    assert "÷" not in summary and "bound" not in summary.lower(), summary
    # the suggested pair is in the second slot, clear of Nadia's session
    second = css(organiser, f'#plan-grid tr[data-slot-id="{slot_ids[1]}"] td').text
    row = next(r for r in organiser.find_elements(By.CSS_SELECTOR, "#plan-meetings tbody tr") if "Nadia Suggested" in r.text)
    assert second in row.text, (second, row.text)
    # the request could only go over Marco's session: said, with names
    text_in(organiser, "#plan-clashes-title", "(1)")
    clash = css(organiser, "#plan-clashes").text
    assert "Lena Asks – Marco Asked" in clash and "“Town Hall on housing” is in Marco Asked’s agenda" in clash, clash
    assert "Nadia" not in clash, clash
    shot(organiser, "admin-plan-clash")


def test_meeting_lists_ice_servers_go_to_rtcpeerconnection_as_they_are(browsers, monkeypatch):
    """meeting.list's iceServers are RTCIceServer objects: Chromium's RTCPeerConnection takes them unchanged."""
    monkeypatch.setenv("SEMINAR_ICE_SERVERS", "stun:127.0.0.1:3478,stun:127.0.0.1:3479")
    data_dir = tempfile.mkdtemp(prefix="seminar-ice-")
    server = Server(data_dir)
    server.start()
    try:
        client = ProtocolClient(server, token=register_over_http(server, "Olga Ice")["token"])
        ice_servers = client.ok("meeting.list")["iceServers"]
        client.close()
        assert ice_servers == [{"urls": ["stun:127.0.0.1:3478"]}, {"urls": ["stun:127.0.0.1:3479"]}], ice_servers
        driver = browsers("en")
        driver.get(server.url + "/")
        taken = driver.execute_script("""
            const pc = new RTCPeerConnection({ iceServers: arguments[0] });
            const servers = pc.getConfiguration().iceServers;
            pc.close();
            return servers.map((s) => s.urls);
        """, ice_servers)
        assert taken == [["stun:127.0.0.1:3478"], ["stun:127.0.0.1:3479"]], taken
    finally:
        server.stop()
        shutil.rmtree(data_dir, ignore_errors=True)
