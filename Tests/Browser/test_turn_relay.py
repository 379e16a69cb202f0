"""1:1 meeting tables through a real TURN relay (coturn, started by the test on loopback): the server gives each person
time-limited credentials (media.config), the pages are forced through the relay (iceTransportPolicy relay), and the
call connects with video over a relay candidate. With a secret the relay does not share, the same call fails, and
the page says so. Without a relay configured, the table says calls across strict firewalls may fail."""
import re
import shutil
import tempfile

from selenium.webdriver.common.by import By

from conftest import ORGANISER, Server, wait, wait_until
from pages import ProtocolClient, future_slots, register_over_http, sign_in, text_in, visible

PASSWORD = "participant-pass"


def relay_server(turn, secret=None, policy="relay"):
    """A seminar server (with the organiser) configured with `turn`'s address and `secret` (the relay's by default)."""
    data_dir = tempfile.mkdtemp(prefix="seminar-turn-server-")
    server = Server(data_dir, extra_env={
        "SEMINAR_TURN_URLS": turn.url, "SEMINAR_TURN_SECRET": secret or turn.secret, "SEMINAR_ICE_TRANSPORT_POLICY": policy,
    })
    server.add_user(ORGANISER["email"], ORGANISER["password"], ORGANISER["name"], "organiser")
    server.start()
    return server


def booked_table(server):
    """Two participants with a meeting booked: (amina, bruno, meeting id), each {"email", "token", "id"}."""
    organiser = ProtocolClient(server, ORGANISER["email"], ORGANISER["password"])
    slot = organiser.ok("grid.set", {"slots": future_slots(1), "tables": 2})["slots"][0]["id"]
    organiser.close()
    amina, bruno = register_over_http(server, "Amina Diallo"), register_over_http(server, "Bruno Sánchez")
    asker, invitee = ProtocolClient(server, token=amina["token"]), ProtocolClient(server, token=bruno["token"])
    request = asker.ok("meeting.request", {"to": bruno["id"], "slots": [slot]})["request"]
    meeting = invitee.ok("meeting.accept", {"requestId": request["id"], "slot": slot})["meeting"]
    asker.close()
    invitee.close()
    return amina, bruno, meeting["id"]


def at_the_table(browsers, server):
    """Both people signed in, each in a browser with a fake camera, at their meeting's table."""
    amina, bruno, meeting_id = booked_table(server)
    drivers = []
    for person in (amina, bruno):
        driver = browsers("en")
        sign_in(driver, server, person["email"], PASSWORD)
        driver.get(f"{server.url}/#/table/{meeting_id}")
        visible(driver, "#rtc-state")
        drivers.append(driver)
    return drivers, (amina, bruno)


def rtc_state(driver):
    return driver.find_element(By.ID, "rtc-state").get_attribute("data-rtc-state")


def test_the_call_goes_through_the_relay_with_video(turn, browsers):
    server = relay_server(turn)
    try:
        (amina, bruno), people = at_the_table(browsers, server)
        for driver in (amina, bruno):
            wait(driver, 45).until(lambda d: rtc_state(d) == "connected")
            # The selected candidate pair of each side is a relay candidate (iceTransportPolicy "relay" allows no other).
            wait(driver, 10).until(lambda d: d.find_element(By.ID, "rtc-state").get_attribute("data-rtc-route") == "relay")
            assert not driver.find_element(By.ID, "relay-notice").is_displayed()
        # Video came through: the other's picture has a size, and its time moves on (frames keep being decoded).
        for driver in (amina, bruno):
            wait_until(lambda: driver.execute_script(
                "const v = document.getElementById('remote-video'); return v.srcObject && v.videoWidth > 0"), timeout=30, what="remote video")
            first = driver.execute_script("return document.getElementById('remote-video').currentTime")
            wait_until(lambda: driver.execute_script("return document.getElementById('remote-video').currentTime") > first + 0.5,
                       timeout=20, what="the remote video to play on")
            frames = driver.execute_script("return document.getElementById('remote-video').getVideoPlaybackQuality().totalVideoFrames")
            assert frames > 0, frames
        # The relay itself allocated for both people, under their own time-limited usernames (<expiry>:<user id>).
        log = turn.log_path.read_text()
        for person in people:
            assert re.search(rf"user <\d+:{person['id']}>: incoming packet ALLOCATE processed, success", log), turn.log()
    finally:
        server.stop()
        shutil.rmtree(server.data_dir, ignore_errors=True)


def test_a_wrong_secret_fails_the_forced_relay_call_and_the_page_says_so(turn, browsers):
    server = relay_server(turn, secret="not-the-relays-secret")
    try:
        (amina, bruno), people = at_the_table(browsers, server)
        # The relay refuses the credentials, no candidate can be gathered: each page fails the call by itself (the
        # browser alone would wait in "new" for ever) and shows the failure; it never connects.
        for driver in (amina, bruno):
            wait(driver, 30).until(lambda d: rtc_state(d) == "failed")
            text_in(driver, "#rtc-state", "The video connection failed")
        # The relay was asked, under each person's username, and refused.
        log = turn.log_path.read_text()
        for person in people:
            assert re.search(rf"user <\d+:{person['id']}>: incoming packet \w+ processed, error 401", log), turn.log()
            assert not re.search(rf"user <\d+:{person['id']}>: incoming packet ALLOCATE processed, success", log), turn.log()
        assert all(rtc_state(driver) != "connected" for driver in (amina, bruno))
    finally:
        server.stop()
        shutil.rmtree(server.data_dir, ignore_errors=True)


def test_without_a_relay_the_table_warns_about_strict_firewalls(server, browsers):
    (amina, bruno), _ = at_the_table(browsers, server)
    text_in(amina, "#relay-notice", "No relay server")
    for driver in (amina, bruno):
        wait(driver, 45).until(lambda d: rtc_state(d) == "connected")
        wait(driver, 10).until(lambda d: d.find_element(By.ID, "rtc-state").get_attribute("data-rtc-route") == "host")
