"""The welcome desk and the knowledge hub in real browsers: a participant asks for help from a room and follows the
agent's "take me there" link; an organiser publishes a report with a PDF that a participant finds by searching
without accents; markup typed into tickets, posts and comments stays text."""

from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import AGENT, ORGANISER, wait_until
from pages import ProtocolClient, sign_in, sign_up, text_in, visible

PAYLOAD = "<img src=x onerror=alert(1)>"


def go(driver, hash_):
    driver.execute_script("location.hash = arguments[0]", hash_)
    wait_until(lambda: driver.execute_script("return location.hash") == hash_, what=f"the page to move to {hash_}")


def two_rooms(server):
    """Two different rooms of demo sessions, from program.get."""
    client = ProtocolClient(server, ORGANISER["email"], ORGANISER["password"])
    try:
        reply = client.request("program.get")
    finally:
        client.close()
    assert reply["ok"], reply
    rooms = []
    for session in reply["data"]["sessions"]:
        if session.get("roomId") is not None and session["roomId"] not in rooms:
            rooms.append(session["roomId"])
    assert len(rooms) >= 2, rooms
    return rooms[0], rooms[1]


def element_text(driver, css):
    found = driver.find_elements(By.CSS_SELECTOR, css)
    return found[0].text if found else ""


def assert_no_alert(driver):
    try:
        driver.switch_to.alert
    except NoAlertPresentException:
        return
    raise AssertionError("an alert ran")


def ask_for_help(driver, question):
    visible(driver, "#help-button").click()
    box = visible(driver, "#help-text")
    box.send_keys(question)
    driver.find_element(By.CSS_SELECTOR, "#help-submit").click()


def open_console_and_claim(agent, question):
    """In the agent console: waits for the question to arrive live, claims it, and waits for the reply box."""
    ticket_css = "#desk-waiting .ticket"
    wait_until(lambda: any(question in t.text for t in agent.find_elements(By.CSS_SELECTOR, ticket_css)), what="the ticket in the queue")
    ticket = next(t for t in agent.find_elements(By.CSS_SELECTOR, ticket_css) if question in t.text)
    ticket.find_element(By.CSS_SELECTOR, ".ticket-claim").click()
    visible(agent, "#desk-reply")


def test_help_from_a_room_then_take_me_there(staff_server, browsers):
    server = staff_server
    here, there = two_rooms(server)

    agent = browsers("en")
    sign_in(agent, server, AGENT["email"], AGENT["password"])
    go(agent, "#/desk/agent")
    visible(agent, "#desk-queue")
    text_in(agent, "#desk-waiting-title", "Waiting (0)")

    participant = browsers("en")
    sign_up(participant, server, name="Amina Diallo")
    go(participant, f"#/room/{here}")
    question = "I cannot hear the Spanish interpretation"
    ask_for_help(participant, question)
    text_in(participant, "#help-status", "number 1 in the queue")
    text_in(participant, "#help-log", question)

    # The open request comes back after a reload, with the panel.
    participant.refresh()
    visible(participant, "#connection-status[data-state=online]")
    text_in(participant, "#help-status", "number 1 in the queue")
    assert participant.find_element(By.CSS_SELECTOR, "#help-button").get_attribute("data-state") == "waiting"

    # The agent sees it arrive live, with the page it came from, and claims it.
    text_in(agent, "#desk-waiting", question)
    text_in(agent, "#desk-waiting", f"#/room/{here}")
    open_console_and_claim(agent, question)
    text_in(participant, "#help-status", "Ada Agent is helping you")

    reply = "Hello! Let me take you to the right room."
    agent.find_element(By.CSS_SELECTOR, "#desk-reply").send_keys(reply)
    agent.find_element(By.CSS_SELECTOR, "#desk-send").click()
    text_in(agent, "#desk-chat-log", reply)
    Select(agent.find_element(By.CSS_SELECTOR, "#desk-destination")).select_by_value(f"room:{there}")
    agent.find_element(By.CSS_SELECTOR, "#desk-guide-send").click()
    visible(agent, "#desk-chat-log a.desk-link")

    # The participant reads the reply and follows the link in one click.
    text_in(participant, "#help-log .desk-msg-theirs", reply)
    link = visible(participant, "#help-log a.desk-link")
    assert link.get_attribute("href").endswith(f"#/room/{there}")
    link.click()
    wait_until(lambda: participant.execute_script("return location.hash") == f"#/room/{there}", what="the link to be followed")

    # The participant closes the request; it leaves the agent's list.
    visible(participant, "#help-resolve").click()
    text_in(participant, "#help-status", "closed")
    wait_until(lambda: question not in element_text(agent, "#desk-claimed"), what="the closed ticket to leave the console")


def make_pdf(folder, name):
    path = folder / name
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                     b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    return path


def test_report_with_a_pdf_found_by_searching_without_accents(server, browsers, tmp_path):
    participant = browsers("en")
    sign_up(participant, server)
    go(participant, "#/hub")
    wait_until(lambda: participant.execute_script(
        "const s = document.querySelector('#hub-feed-status'); return s && s.textContent !== 'Loading…'"), what="the feed to load")

    organiser = browsers("en")
    sign_in(organiser, server, ORGANISER["email"], ORGANISER["password"])
    go(organiser, "#/hub/new")
    Select(visible(organiser, "#post-kind")).select_by_value("report")
    title = "Rapport : la coopération décentralisée entre villes"
    organiser.find_element(By.CSS_SELECTOR, "#post-title").send_keys(title)
    organiser.find_element(By.CSS_SELECTOR, "#post-body-input").send_keys(
        "Synthèse de la **session** sur la coopération.\n\n- villes\n- réseaux")
    Select(organiser.find_element(By.CSS_SELECTOR, "#post-lang")).select_by_value("fr")
    organiser.find_element(By.CSS_SELECTOR, "#post-tags").send_keys("coopération, villes")
    pdf = make_pdf(tmp_path, "rapport-cooperation.pdf")
    organiser.find_element(By.CSS_SELECTOR, "#post-files").send_keys(str(pdf))
    visible(organiser, "#upload-list .upload[data-state=done]")
    organiser.find_element(By.CSS_SELECTOR, "#post-submit").click()
    wait_until(lambda: organiser.execute_script("return location.hash").startswith("#/hub/post/"), what="the new post's page")
    text_in(organiser, "#area-hub-title", title)
    text_in(organiser, "#post-attachments", "rapport-cooperation.pdf")
    assert organiser.find_element(By.CSS_SELECTOR, "#post-body strong").text == "session"

    # The new post appears live in the feed the participant is reading; then they search without accents.
    text_in(participant, "#hub-feed", title)
    search = visible(participant, "#hub-q")
    search.send_keys("cooperation")
    participant.find_element(By.CSS_SELECTOR, "#hub-search-submit").click()
    text_in(participant, "#hub-results", title)
    card = next(c for c in participant.find_elements(By.CSS_SELECTOR, "#hub-results .post-card") if title in c.text)
    marks = card.find_elements(By.CSS_SELECTOR, "mark")
    assert marks and any("coop" in m.text.lower() for m in marks), [m.text for m in marks]
    next(a for a in participant.find_elements(By.CSS_SELECTOR, "#hub-results .post-title a") if a.text == title).click()
    text_in(participant, "#area-hub-title", title)
    link = visible(participant, "#post-attachments a.attachment-link")
    assert link.text == "rapport-cooperation.pdf"
    href = link.get_attribute("href")
    assert "/files/" in href
    fetched = participant.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0]).then(r => r.text().then(t => done([r.status, r.headers.get('content-type'), t.slice(0, 8)])))"
        ".catch(e => done(['error', String(e), '']));", href)
    assert fetched[0] == 200 and fetched[1].startswith("application/pdf") and fetched[2] == "%PDF-1.4", fetched


def test_markup_in_tickets_posts_and_comments_stays_text(server, browsers):
    participant = browsers("en")
    sign_up(participant, server, name="Curious Person")
    ask_for_help(participant, PAYLOAD)
    text_in(participant, "#help-log", PAYLOAD)

    organiser = browsers("en")
    sign_in(organiser, server, ORGANISER["email"], ORGANISER["password"])
    go(organiser, "#/desk/agent")
    open_console_and_claim(organiser, PAYLOAD)
    text_in(organiser, "#desk-chat-log", PAYLOAD)
    organiser.find_element(By.CSS_SELECTOR, "#desk-reply").send_keys(PAYLOAD)
    organiser.find_element(By.CSS_SELECTOR, "#desk-send").click()
    text_in(participant, "#help-log .desk-msg-theirs", PAYLOAD)

    go(organiser, "#/hub/new")
    Select(visible(organiser, "#post-kind")).select_by_value("news")
    organiser.find_element(By.CSS_SELECTOR, "#post-title").send_keys(PAYLOAD)
    organiser.find_element(By.CSS_SELECTOR, "#post-body-input").send_keys(f"{PAYLOAD}\n\n[click](javascript:alert(1)) and **{PAYLOAD}**")
    organiser.find_element(By.CSS_SELECTOR, "#post-submit").click()
    wait_until(lambda: organiser.execute_script("return location.hash").startswith("#/hub/post/"), what="the new post's page")
    text_in(organiser, "#area-hub-title", PAYLOAD)
    text_in(organiser, "#post-body", PAYLOAD)
    post_hash = organiser.execute_script("return location.hash")

    go(participant, post_hash)
    text_in(participant, "#area-hub-title", PAYLOAD)
    comment = visible(participant, "#comment-text")
    comment.send_keys(PAYLOAD)
    participant.find_element(By.CSS_SELECTOR, "#comment-submit").click()
    text_in(participant, "#post-comments .comment-text", PAYLOAD)
    text_in(organiser, "#post-comments .comment-text", PAYLOAD)

    for driver in (participant, organiser):
        assert driver.find_elements(By.CSS_SELECTOR, "#help-panel img, #area-desk img, #area-hub img") == []
        assert all(not (a.get_attribute("href") or "").startswith("javascript:") for a in driver.find_elements(By.CSS_SELECTOR, "#area-hub a"))
        assert driver.execute_script("return document.querySelectorAll('[onerror]').length") == 0
        assert_no_alert(driver)


def test_faq_edited_by_an_organiser_and_a_refused_upload(server, browsers, tmp_path):
    organiser = browsers("en")
    sign_in(organiser, server, ORGANISER["email"], ORGANISER["password"])
    go(organiser, "#/desk")
    visible(organiser, "#faq-add").click()
    visible(organiser, "#faq-q-fr").send_keys("Comment écouter l’interprétation ?")
    organiser.find_element(By.CSS_SELECTOR, "#faq-a-fr").send_keys("Choisissez votre langue sous la vidéo.")
    organiser.find_element(By.CSS_SELECTOR, "#faq-q-en").send_keys("How do I hear the interpretation?")
    organiser.find_element(By.CSS_SELECTOR, "#faq-a-en").send_keys("Pick your language below the video.")
    organiser.find_element(By.CSS_SELECTOR, "#faq-save").click()
    text_in(organiser, "#faq-list", "How do I hear the interpretation?")

    # A file whose bytes are not what its name says is refused with a clear sentence.
    go(organiser, "#/hub/new")
    fake = tmp_path / "photo.png"
    fake.write_bytes(b"%PDF-1.4\n%%EOF\n")
    visible(organiser, "#post-files").send_keys(str(fake))
    visible(organiser, "#upload-list .upload[data-state=failed]")
    text_in(organiser, "#upload-list", "File type refused")

    # A French reader finds the entry by searching without accents, and sees the guide.
    participant = browsers("fr")
    sign_up(participant, server)
    go(participant, "#/desk")
    visible(participant, "#desk-status")
    search = visible(participant, "#faq-search")
    search.send_keys("interpretation")
    text_in(participant, "#faq-status", "Questions trouvées")
    text_in(participant, "#faq-list", "Comment écouter l’interprétation ?")
    search.clear()
    search.send_keys("nothing-like-this")
    text_in(participant, "#faq-status", "Aucune question ne correspond")
