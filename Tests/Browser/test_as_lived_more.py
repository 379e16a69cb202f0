"""Issue 26, more of what people tripped over: a session started early shows once (under "live now"); while
disconnected the page says that what the person sends will go when the connection is back, and it does; the room
lists who is there (hosts first, with badges, live as people come and go); a meeting's table opens for check-in only
shortly before its slot and shows the other's name card when their camera is off; the help panel closes on another
page and covers no button (nor, on a phone, the hub's Search); search snippets keep list items apart; a revision shows
the text before and after; authors edit and delete their own posts."""
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import ORGANISER, wait
from pages import ProtocolClient, click, future_slots, register_over_http, sign_in, soon_slots, text_in, visible

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
    """(name, badge) of each line of the open list; None while the list is being drawn again (a presence change)."""
    try:
        return [(li.find_element(By.CSS_SELECTOR, ".person-name").text,
                 (li.find_elements(By.CSS_SELECTOR, ".role-badge") or [None])[0] and li.find_element(By.CSS_SELECTOR, ".role-badge").get_attribute("data-badge"))
                for li in driver.find_elements(By.CSS_SELECTOR, "#people-list li")]
    except StaleElementReferenceException:
        return None


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


def book(requester, invitee, slot):
    request = requester.ok("meeting.request", {"to": invitee.id, "slots": [slot]})["request"]
    return invitee.ok("meeting.accept", {"requestId": request["id"], "slot": slot})["meeting"]["id"]


def test_the_table_opens_for_check_in_shortly_before_and_shows_a_name_card_when_the_camera_is_off(server, browsers):
    host = organiser(server)
    clients = []
    try:
        soon = soon_slots(1)[0]
        later = future_slots(1)[0]
        slots = [s["id"] for s in host.ok("grid.set", {"slots": [soon, later], "tables": 3})["slots"]]
        people = {name: register_over_http(server, name, PASSWORD) for name in ("Amina Diallo", "Bruno Costa", "Carla Ruiz")}
        amina, bruno, carla = (ProtocolClient(server, token=people[n]["token"]) for n in ("Amina Diallo", "Bruno Costa", "Carla Ruiz"))
        clients += [amina, bruno, carla]
        now_meeting = book(amina, bruno, slots[0])
        later_meeting = book(amina, carla, slots[1])

        # Tomorrow's table: the check-in button waits and says when it opens; the server refuses it too.
        amina_page = browsers("en")
        sign_in(amina_page, server, people["Amina Diallo"]["email"], PASSWORD)
        amina_page.get(f"{server.url}/#/table/{later_meeting}")
        text_in(amina_page, "#checkin-when", "Check-in opens at")
        assert "10 minutes before the meeting" in amina_page.find_element(By.CSS_SELECTOR, "#checkin-when").text
        assert amina_page.find_element(By.CSS_SELECTOR, "#checkin-button").get_attribute("disabled") is not None
        early = amina.request("meeting.checkin", {"meetingId": later_meeting})
        assert early["error"]["code"] == "conflict" and early["error"]["detail"] == "too_early"

        # A table starting in a few minutes is open: both check in and the call connects.
        amina_page.get(f"{server.url}/#/lounge")
        visible(amina_page, "#area-lounge h1")
        amina_page.get(f"{server.url}/#/table/{now_meeting}")
        bruno_page = browsers("en")
        sign_in(bruno_page, server, people["Bruno Costa"]["email"], PASSWORD)
        bruno_page.get(f"{server.url}/#/table/{now_meeting}")
        assert not amina_page.find_elements(By.CSS_SELECTOR, "#checkin-when")
        click(bruno_page, "#checkin-button")
        visible(amina_page, "#checkin-other[data-checked-in=true]")
        for driver in (amina_page, bruno_page):
            wait(driver, 45).until(lambda d: d.find_element(By.ID, "rtc-state").get_attribute("data-rtc-state") == "connected")

        # With Bruno's camera on, Amina sees his picture; off, she sees his name card (name, initials), not a black box.
        wait(amina_page, 30).until(lambda d: d.find_element(By.CSS_SELECTOR, ".remote").get_attribute("data-camera") == "on")
        assert not amina_page.find_element(By.CSS_SELECTOR, "#remote-card").is_displayed()
        click(bruno_page, "#toggle-cam")
        card = visible(amina_page, "#remote-card")
        assert card.find_element(By.CSS_SELECTOR, ".initials").text == "BC"
        assert card.find_element(By.CSS_SELECTOR, ".card-name").text == "Bruno Costa"
        text_in(amina_page, "#remote-card", "Camera off")
        click(bruno_page, "#toggle-cam")
        wait(amina_page).until(lambda d: not d.find_element(By.CSS_SELECTOR, "#remote-card").is_displayed())
    finally:
        for client in [host, *clients]:
            client.close()


# Runs in the page: the visible controls outside the help area that the help button or open panel lies over.
COVERED = r"""
const over = [...document.querySelectorAll('#help-button, #help-panel')].filter((n) => n.checkVisibility())
  .map((n) => { const r = n.getBoundingClientRect(); return {l: r.left + scrollX, t: r.top + scrollY, r: r.right + scrollX, b: r.bottom + scrollY}; });
const fixed = getComputedStyle(document.getElementById('help-root')).position === 'fixed';
const hits = [];
for (const node of document.querySelectorAll('#home-view button, #home-view a[href], #home-view input, #home-view select, #home-view textarea')) {
  if (node.closest('#help-root') || !node.checkVisibility()) continue;
  const r = node.getBoundingClientRect();
  if (r.width < 2 || r.height < 2) continue;
  const box = {l: r.left + scrollX, t: r.top + scrollY, r: r.right + scrollX, b: r.bottom + scrollY};
  for (const o of over) {
    // A fixed help area moves with the view: compare on screen; otherwise on the page.
    const a = fixed ? {l: r.left, t: r.top, r: r.right, b: r.bottom} : box;
    const h = fixed ? {l: o.l - scrollX, t: o.t - scrollY, r: o.r - scrollX, b: o.b - scrollY} : o;
    if (a.l < h.r && h.l < a.r && a.t < h.b && h.t < a.b) hits.push(node.id || node.textContent.trim().slice(0, 30));
  }
}
return hits;
"""


def covered(driver):
    return driver.execute_script(COVERED)


def test_the_help_panel_closes_on_another_page_and_covers_no_button(server, browsers):
    person = register_over_http(server, "Amina Diallo", PASSWORD)
    driver = browsers("en")
    driver.set_window_size(1366, 900)
    sign_in(driver, server, person["email"], PASSWORD)
    driver.get(f"{server.url}/#/sessions")
    visible(driver, ".session-item")
    click(driver, "#help-button")
    visible(driver, "#help-panel")
    assert covered(driver) == []
    for y in (400, 1200, 100000):  # wherever the page is scrolled
        driver.execute_script("scrollTo(0, arguments[0])", y)
        assert covered(driver) == [], y

    # Another page: the panel closes (it stays closed there), and the page has its full width back.
    click(driver, "#main-nav a[data-area=hub]")
    visible(driver, "#hub-search-submit")
    wait(driver).until(lambda d: not d.find_element(By.CSS_SELECTOR, "#help-panel").is_displayed())
    assert driver.find_element(By.CSS_SELECTOR, "#help-button").get_attribute("aria-expanded") == "false"

    # On a phone (390 px) the "?" lies over nothing, the hub's Search button included, however far the page scrolls.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    driver.get(f"{server.url}/#/hub")
    visible(driver, "#hub-search-submit")
    visible(driver, "#help-button")
    for y in (0, 300, 600, 100000):
        driver.execute_script("scrollTo(0, arguments[0])", y)
        assert covered(driver) == [], y
    click(driver, "#help-button")
    visible(driver, "#help-text")
    click(driver, "#help-close")
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_search_snippets_keep_list_items_apart_and_a_revision_shows_before_and_after(server, browsers):
    host = organiser(server)
    try:
        host.ok("feed.post", {"kind": "resource", "title": "How we work", "lang": "en", "tags": [],
                              "body": "We work in:\n\n- three languages\n- Partnership with cities\n"})
        session = sorted(host.ok("program.get")["sessions"], key=lambda s: s["startsAt"])[0]
        host.ok("session.update", {"sessionId": session["id"], "description": {"en": "A workshop open to all, on housing."}})
        host.ok("session.update", {"sessionId": session["id"], "description": {"en": "A workshop closed to all, on housing."}})
        person = register_over_http(server, "Amina Diallo", PASSWORD)
        driver = browsers("en")
        sign_in(driver, server, person["email"], PASSWORD)

        # The snippet reads "three languages · Partnership", not "languagesPartnership".
        driver.get(f"{server.url}/#/hub/search?q=partnership")
        snippet = visible(driver, ".post-card .post-snippet")
        assert "three languages · Partnership with cities" in snippet.text, snippet.text
        assert "languagesPartnership" not in snippet.text

        # The last revision: the text before with the removed word struck, the text after with the added word marked;
        # each says in words (for screen readers) which words were removed or added.
        driver.get(f"{server.url}/#/sessions/{session['id']}")
        latest = visible(driver, "#area-sessions .revisions li.revision")
        before = latest.find_element(By.CSS_SELECTOR, ".diff-before")
        after = latest.find_element(By.CSS_SELECTOR, ".diff-after")
        assert before.text.startswith("Before:") and after.text.startswith("After:")
        shown_words = "return [...arguments[0].querySelectorAll(arguments[1])].map((n) => [...n.childNodes]" \
                      ".filter((c) => !c.classList?.contains('visually-hidden')).map((c) => c.textContent).join(''))"
        assert driver.execute_script(shown_words, before, "del") == ["open"]
        assert driver.execute_script(shown_words, after, "ins") == ["closed"]
        assert before.find_elements(By.CSS_SELECTOR, "ins") == [] and after.find_elements(By.CSS_SELECTOR, "del") == []
        spoken = driver.execute_script("return [arguments[0].textContent, arguments[1].textContent]", before, after)
        assert "[removed: open]" in spoken[0] and "[added: closed]" in spoken[1], spoken
        assert "housing" in before.text and "housing" in after.text
    finally:
        host.close()


def test_authors_edit_and_delete_their_own_posts(server, browsers):
    people = {name: register_over_http(server, name, PASSWORD) for name in ("Amina Diallo", "Bruno Costa")}
    author = ProtocolClient(server, token=people["Amina Diallo"]["token"])
    try:
        post_id = author.ok("feed.post", {"kind": "learning", "title": "Our mobility pilot", "body": "Buses on demand.", "lang": "en"})["id"]
    finally:
        author.close()
    amina, bruno = browsers("en"), browsers("en")
    for driver, name in ((amina, "Amina Diallo"), (bruno, "Bruno Costa")):
        sign_in(driver, server, people[name]["email"], PASSWORD)
        driver.get(f"{server.url}/#/hub/post/{post_id}")
        text_in(driver, "#post-body", "Buses on demand.")

    # Only the author has the tools; she edits the title and the text, and Bruno's page follows.
    visible(amina, "#post-edit")
    assert bruno.find_elements(By.CSS_SELECTOR, "#post-edit, #post-delete") == []
    click(amina, "#post-edit")
    title = visible(amina, "#post-edit-title")
    title.clear()
    title.send_keys("Our tram pilot")
    text = amina.find_element(By.CSS_SELECTOR, "#post-edit-body")
    text.clear()
    text.send_keys("Trams on demand, **every ten minutes**.")
    click(amina, "#post-edit-save")
    text_in(amina, "#area-hub-title", "Our tram pilot")
    text_in(amina, "#post-body", "Trams on demand, every ten minutes.")
    text_in(amina, "#post-tools + p", "Post updated.")
    text_in(bruno, "#area-hub-title", "Our tram pilot")
    text_in(bruno, "#post-body strong", "every ten minutes")

    # Deleting asks first; "keep it" changes nothing; then it goes, for her and for Bruno.
    click(amina, "#post-delete")
    click(amina, "#post-delete-cancel")
    visible(amina, "#post-delete")
    click(amina, "#post-delete")
    click(amina, "#post-delete-confirm")
    wait(amina).until(lambda d: d.current_url.endswith("#/hub"))
    text_in(amina, "#hub-live", "Post deleted.")
    text_in(bruno, "#post-gone", "This post was deleted.")
    bruno.get(f"{server.url}/?again#/hub/post/{post_id}")
    text_in(bruno, "#area-hub", "This post does not exist")
