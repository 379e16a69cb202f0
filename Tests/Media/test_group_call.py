"""A breakout group with video: the host splits the room, each group's room is its own VideoRoom room, and its three
members go live and see each other (frames decoded), while someone outside the group cannot watch it; when the
groups end, the group's call ends on Janus at once and everyone is back in the main room."""
from selenium.webdriver.common.by import By

from conftest import wait_until
from pages import ProtocolClient, click, register_over_http, sign_in, text_in, visible
from test_stage import PASSWORD, live_room, plays


def test_a_breakout_group_sees_each_other(stage_server, browsers):
    room_id, organiser = live_room(stage_server)
    people = [register_over_http(stage_server, name) for name in ("Ana Grupo", "Ben Gruppe", "Chloé Groupe")]
    drivers = []
    for person in people:
        driver = browsers("en")
        sign_in(driver, stage_server, person["email"], PASSWORD)
        driver.get(f"{stage_server.url}/#/room/{room_id}")
        visible(driver, "#room-state[data-state=live]")
        drivers.append(driver)
    # Not a member: in the main room it has no "Go live" (no host, not invited).
    assert not drivers[0].find_elements(By.ID, "stage-go-live")
    groups = organiser.ok("breakout.start", {"roomId": room_id, "size": 3, "mode": "random", "minutes": 10})["rooms"]
    assert len(groups) == 1 and len(groups[0]["members"]) == 3, groups
    group_room = groups[0]["roomId"]
    for driver in drivers:
        driver.get(f"{stage_server.url}/#/room/{group_room}")
        visible(driver, "#stage-go-live", timeout=45)
    for driver in drivers:
        click(driver, "#stage-go-live")
    for driver in drivers:
        text_in(driver, "#stage-status", "You are live", timeout=45)
    for driver, person in zip(drivers, people):
        for other in people:
            if other is not person:
                plays(driver, f"#stage-grid video[data-user-id='{other['id']}']")
        assert len(driver.find_elements(By.CSS_SELECTOR, "#stage-grid video")) == 3  # the two others and oneself
    # The host of the session may look in; someone else may not (not a member of the group).
    stranger = ProtocolClient(stage_server, token=register_over_http(stage_server, "Dan Dehors")["token"])
    refused = stranger.request("room.enter", {"roomId": group_room})
    assert not refused["ok"] and refused["error"]["code"] == "forbidden", refused
    refused = stranger.request("stage.watch", {"roomId": group_room})
    assert not refused["ok"] and refused["error"]["code"] == "forbidden", refused
    organiser.ok("room.enter", {"roomId": group_room})
    watch = organiser.ok("stage.watch", {"roomId": group_room})
    assert {stream["feedId"] for stream in watch["streams"]} and len({s["feedId"] for s in watch["streams"]}) == 3, watch
    assert len(stage_server.janus.publishers(group_room)) == 3
    # The groups end: the group's call ends on Janus with them, at once (before the reply), not as each page leaves.
    organiser.ok("breakout.end", {"roomId": room_id})
    assert stage_server.janus.publishers(group_room) is None
    refused = organiser.request("stage.watch", {"roomId": group_room})
    assert refused["error"]["detail"] == "empty", refused
    # Each page goes back to the main room by itself.
    for driver in drivers:
        wait_until(lambda: driver.execute_script("return location.hash") == f"#/room/{room_id}", timeout=20, what="back in the main room")
        visible(driver, "#room-state[data-state=live]")
        assert not driver.find_elements(By.CSS_SELECTOR, "#stage-grid video")
    stranger.close()
    organiser.close()
