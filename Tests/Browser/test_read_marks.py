"""Read state is the person's, not the tab's (issue 26): one person signed in on two devices (two browser sessions).
A direct message or a desk reply read on one clears its count on the other at once, and after a reload."""
from selenium.webdriver.common.by import By

from conftest import AGENT, wait
from pages import ProtocolClient, click, css, register_over_http, sign_in, text_in, visible

PASSWORD = "participant-pass"


def two_devices(server, browsers, person):
    devices = [browsers("en"), browsers("en")]
    for device in devices:
        sign_in(device, server, person["email"], PASSWORD)
    return devices


def shown(driver, selector):
    found = driver.find_elements(By.CSS_SELECTOR, selector)
    return bool(found) and found[0].is_displayed()


def test_a_direct_message_read_on_one_device_is_read_on_the_other(server, browsers):
    amina, bruno = register_over_http(server, "Amina Writes"), register_over_http(server, "Bruno Reads")
    phone, laptop = two_devices(server, browsers, bruno)
    writer = ProtocolClient(server, token=amina["token"])
    writer.ok("dm.send", {"to": bruno["id"], "text": "Coffee at the break?"}, key="dm-1")
    writer.close()
    for device in (phone, laptop):
        text_in(device, "#lounge-nav-badge", "1")

    # read on the laptop: the phone's count goes, live
    click(laptop, "#main-nav a[data-area=lounge]")
    click(laptop, ".lounge-tabs a[data-tab=messages]")
    click(laptop, "#conversations a.conversation-link")
    text_in(laptop, "#dm-messages", "Coffee at the break?")
    wait(phone).until(lambda d: not shown(d, "#lounge-nav-badge"))
    wait(laptop).until(lambda d: not shown(d, "#lounge-nav-badge"))

    # and it stays read when the phone's page is opened again
    phone.refresh()
    visible(phone, "#connection-status[data-state=online]")
    click(phone, "#main-nav a[data-area=lounge]")
    click(phone, ".lounge-tabs a[data-tab=messages]")
    text_in(phone, "#conversations", "Amina Writes")
    assert not shown(phone, "#lounge-nav-badge") and not phone.find_elements(By.CSS_SELECTOR, "#conversations .unread-badge")


def test_a_desk_reply_read_on_one_device_is_read_on_the_other(staff_server, browsers):
    server = staff_server
    rosa = register_over_http(server, "Rosa Reads")
    phone, laptop = two_devices(server, browsers, rosa)
    asker = ProtocolClient(server, token=rosa["token"])
    ticket = asker.ok("desk.ask", {"text": "Where is the plenary?"})["ticket"]
    asker.close()
    agent = ProtocolClient(server, AGENT["email"], AGENT["password"])
    agent.ok("desk.claim", {"ticketId": ticket["id"]})
    agent.ok("desk.message", {"ticketId": ticket["id"], "text": "In room 3, on the left"})
    for device in (phone, laptop):
        text_in(device, "#help-button .help-badge", "1")

    # read on the phone (the help panel opened): the laptop's count goes, live
    click(phone, "#help-button")
    text_in(phone, "#help-log", "In room 3, on the left")
    wait(laptop).until(lambda d: not shown(d, "#help-button .help-badge"))

    # a second reply: unread on both again; the laptop reloads and still counts it (the server keeps the mark)
    click(phone, "#help-close")
    agent.ok("desk.message", {"ticketId": ticket["id"], "text": "Ask me if you get lost"})
    text_in(phone, "#help-button .help-badge", "1")
    laptop.refresh()
    visible(laptop, "#connection-status[data-state=online]")
    text_in(laptop, "#help-button .help-badge", "1")
    click(laptop, "#help-button")
    text_in(laptop, "#help-log", "Ask me if you get lost")
    wait(phone).until(lambda d: not shown(d, "#help-button .help-badge"))
    agent.close()


def test_an_agents_unread_counts_are_the_same_on_both_devices(staff_server, browsers):
    """The agent console counts a claimed ticket's unread messages per agent: opening the ticket on one device clears
    the count on the other, live and after a reload, and the next message counts 1 there, not 2."""
    server = staff_server
    rosa = register_over_http(server, "Rosa Asks")
    phone, laptop = browsers("en"), browsers("en")
    for device in (phone, laptop):
        sign_in(device, server, AGENT["email"], AGENT["password"])
        device.execute_script("location.hash = '#/desk/agent'")
        visible(device, "#desk-queue")
    asker = ProtocolClient(server, token=rosa["token"])
    ticket_id = asker.ok("desk.ask", {"text": "Which room is the plenary?"})["ticket"]["id"]
    agent = ProtocolClient(server, AGENT["email"], AGENT["password"])
    agent.ok("desk.claim", {"ticketId": ticket_id})
    agent.close()
    badge = f"#desk-claimed .ticket[data-id='{ticket_id}'] .help-badge"

    asker.ok("desk.message", {"ticketId": ticket_id, "text": "I am on the second floor"})
    for device in (phone, laptop):
        text_in(device, badge, "1")

    # opened on the laptop: the phone's count goes, live
    click(laptop, f"#desk-claimed .ticket[data-id='{ticket_id}'] .ticket-open")
    text_in(laptop, "#desk-chat-log", "I am on the second floor")
    wait(phone).until(lambda d: not d.find_elements(By.CSS_SELECTOR, badge))

    # the laptop moves on and the next message arrives: 1 on the phone, live; and 1, not 2, on the laptop reloaded,
    # whose count comes from the server alone (the first message stays read)
    laptop.execute_script("location.hash = '#/'")
    visible(laptop, "#home-title")
    asker.ok("desk.message", {"ticketId": ticket_id, "text": "Near the lifts"})
    text_in(phone, badge, "1")
    laptop.refresh()
    visible(laptop, "#connection-status[data-state=online]")
    laptop.execute_script("location.hash = '#/desk/agent'")
    text_in(laptop, badge, "1")
    assert css(laptop, badge).text == "1" and css(phone, badge).text == "1"

    # opened on the phone: the laptop's count goes
    click(phone, f"#desk-claimed .ticket[data-id='{ticket_id}'] .ticket-open")
    text_in(phone, "#desk-chat-log", "Near the lifts")
    wait(laptop).until(lambda d: not d.find_elements(By.CSS_SELECTOR, badge))
    asker.close()
