"""Issue 26, breakouts as people live them: a countdown everyone in a group (and in the main room) sees; when the
groups end, by the host or when their time is up, everyone in a group is taken back to the main room; a group's room
no longer shows live; "You are in breakout group N – Join my group" goes when the groups end and never follows the
person elsewhere afterwards."""
import re

from selenium.webdriver.common.by import By

from conftest import ORGANISER, wait
from pages import ProtocolClient, click, register_over_http, sign_in, text_in, visible

PASSWORD = "participant-pass"
CLOCK = re.compile(r"^\d+:\d\d$")


def seconds_left(driver):
    text = driver.find_element(By.CSS_SELECTOR, "#breakout-clock").text
    assert CLOCK.match(text), text
    minutes, seconds = text.split(":")
    return int(minutes) * 60 + int(seconds)


def route(driver):
    return driver.current_url.split("#", 1)[-1]


def shown(driver, selector):
    return [e for e in driver.find_elements(By.CSS_SELECTOR, selector) if e.is_displayed()]


def test_groups_count_down_and_everyone_is_taken_back(server, browsers):
    host = ProtocolClient(server, ORGANISER["email"], ORGANISER["password"])
    try:
        sessions = sorted(host.ok("program.get")["sessions"], key=lambda s: s["startsAt"])
        main = [s["roomId"] for s in sessions if s["state"] == "scheduled"][0]
        host.ok("room.open", {"roomId": main})
        host.ok("room.start", {"roomId": main})
        host.ok("room.enter", {"roomId": main})

        people = []
        for name in ("Amina Diallo", "Bruno Costa"):
            person = register_over_http(server, name, PASSWORD)
            driver = browsers("en")
            sign_in(driver, server, person["email"], PASSWORD)
            driver.get(f"{server.url}/#/room/{main}")
            visible(driver, "#room-state[data-state=live]")
            people.append(driver)
        amina, bruno = people
        wait(amina).until(lambda d: "2 people" in d.find_element(By.CSS_SELECTOR, ".present").text or
                          "3 people" in d.find_element(By.CSS_SELECTOR, ".present").text)

        # The host splits the room: both are told, and the main room shows the groups' clock to everyone in it.
        reply = host.ok("breakout.start", {"roomId": main, "size": 2, "mode": "random", "minutes": 5})
        group = reply["rooms"][0]["roomId"]
        for driver in people:
            visible(driver, ".notice-breakout-assigned a")
            text_in(driver, "#breakout-bar", "1 breakout group(s) running")
            assert 240 < seconds_left(driver) <= 300

        # Amina joins her group: its clock counts down; the "join my group" notice is not shown inside the group.
        click(amina, ".notice-breakout-assigned a")
        wait(amina).until(lambda d: route(d) == f"/room/{group}")
        text_in(amina, "#breakout-bar", "Breakout group")
        first = seconds_left(amina)
        wait(amina).until(lambda d: seconds_left(d) < first)
        assert shown(amina, ".notice-breakout-assigned") == []
        visible(amina, "#breakout-back")

        # Bruno goes to the lounge: there the notice still offers the way into his group while it runs.
        bruno.get(f"{server.url}/#/lounge")
        visible(bruno, ".notice-breakout-assigned a")

        # He reloads the main room (the notice is gone with the old page): the room itself leads him to his group.
        bruno.get(f"{server.url}/?again#/room/{main}")
        click(bruno, "#breakout-join")
        wait(bruno).until(lambda d: route(d).startswith("/room/") and route(d) != f"/room/{main}")
        text_in(bruno, "#breakout-bar", "Breakout group")
        click(bruno, "#main-nav a[data-area=lounge]")  # in the page: its own topic is followed already
        visible(bruno, "#area-lounge h1")

        # The host ends the groups: Amina is back in the main room, told so, with no clock and no stale notice.
        host.ok("breakout.end", {"roomId": main})
        wait(amina).until(lambda d: route(d) == f"/room/{main}")
        text_in(amina, ".room-arrival", "you are back in the main room")
        visible(amina, "#room-state[data-state=live]")
        wait(amina).until(lambda d: not d.find_element(By.CSS_SELECTOR, "#breakout-bar").is_displayed())
        assert shown(amina, ".notice-breakout-assigned") == [] and shown(amina, ".notice-breakout-ended") == []

        # Bruno, in the lounge, no longer sees "Join my group": he is told the groups ended, with the way back.
        wait(bruno).until(lambda d: shown(d, ".notice-breakout-assigned") == [])
        visible(bruno, ".notice-breakout-ended a").click()
        wait(bruno).until(lambda d: route(d) == f"/room/{main}")
        wait(bruno).until(lambda d: shown(d, ".notice-breakout-ended") == [])
        bruno.get(f"{server.url}/#/lounge")
        visible(bruno, "#area-lounge h1")
        assert shown(bruno, ".notice-breakout-assigned") == [] and shown(bruno, ".notice-breakout-ended") == []

        # The group's old address no longer shows a live room: it leads back to the main room.
        amina.get(f"{server.url}/#/room/{group}")
        wait(amina).until(lambda d: route(d) == f"/room/{main}")
        visible(amina, "#room-state[data-state=live]")

        # Groups of one minute: when the time is up (the server's clock, not the host), Amina is taken back again.
        reply = host.ok("breakout.start", {"roomId": main, "size": 2, "mode": "random", "minutes": 1})
        group = reply["rooms"][0]["roomId"]
        click(amina, ".notice-breakout-assigned a")
        wait(amina).until(lambda d: route(d) == f"/room/{group}")
        assert seconds_left(amina) <= 60
        wait(amina, 100).until(lambda d: route(d) == f"/room/{main}")
        text_in(amina, ".room-arrival", "you are back in the main room")
        assert shown(amina, ".notice-breakout-assigned") == []
    finally:
        host.close()
