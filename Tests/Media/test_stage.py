"""The stage on a real Janus (started by the test, in the network namespace of Tests/Media/netns.sh): a host goes live
from the room page and shares their screen, and a participant's page decodes both; a raised hand is invited, checks their camera
backstage, goes on stage and is seen; muted by the host, their sound stops reaching others; removed, their feed stops. Access: an uninvited participant cannot go live, a
person who has not entered the room cannot watch — both refused before any call to Janus. A speaker whose socket drops
goes live again by itself once the page is back."""
from selenium.webdriver.common.by import By

from conftest import ORGANISER, wait, wait_until
from pages import ProtocolClient, click, register_over_http, sign_in, text_in, visible

PASSWORD = "participant-pass"


def live_room(server):
    """A session room made live by the organiser (a host everywhere): (room id, organiser's ProtocolClient)."""
    organiser = ProtocolClient(server, ORGANISER["email"], ORGANISER["password"])
    program = organiser.ok("program.get")
    session = next(s for s in sorted(program["sessions"], key=lambda s: s["startsAt"]) if s["state"] == "scheduled")
    room_id = session["roomId"]
    organiser.ok("room.enter", {"roomId": room_id})
    organiser.ok("room.open", {"roomId": room_id})
    organiser.ok("room.start", {"roomId": room_id})
    return room_id, organiser


# Keeps the page's RTCPeerConnections where the test can read their statistics (installed before the page loads).
KEEP_CONNECTIONS = """
const Native = window.RTCPeerConnection;
window.keptConnections = [];
window.RTCPeerConnection = function (...args) { const pc = new Native(...args); window.keptConnections.push(pc); return pc; };
window.RTCPeerConnection.prototype = Native.prototype;
"""


# Keeps the page's WebSockets where the test can close them (installed before the page loads).
KEEP_SOCKETS = """
const NativeSocket = window.WebSocket;
window.keptSockets = [];
window.WebSocket = function (...args) { const ws = new NativeSocket(...args); window.keptSockets.push(ws); return ws; };
window.WebSocket.prototype = NativeSocket.prototype;
Object.assign(window.WebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
"""


def audio_packets(driver):
    """Audio packets this page has received so far, over its open connections."""
    return driver.execute_script("""return (async () => {
      let total = 0;
      for (const pc of window.keptConnections.filter((c) => c.connectionState !== 'closed')) {
        (await pc.getStats()).forEach((r) => { if (r.type === 'inbound-rtp' && r.kind === 'audio') total += r.packetsReceived; });
      }
      return total;
    })()""")


def sound_flows(driver, flowing):
    """Waits until the page's received audio grows (`flowing`) or stands still over a second (not flowing)."""
    samples = []

    def check():
        samples.append(audio_packets(driver))
        recent = samples[-3:]
        return len(recent) == 3 and ((recent[-1] > recent[0]) if flowing else (recent[-1] == recent[0]))
    wait_until(check, timeout=20, interval=0.5, what=f"the sound to {'flow' if flowing else 'stop'}")


def in_room(browsers, server, email, password, room_id, keep_connections=False, keep_sockets=False):
    driver = browsers("en")
    for keep, script in ((keep_connections, KEEP_CONNECTIONS), (keep_sockets, KEEP_SOCKETS)):
        if keep:
            driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": script})
    sign_in(driver, server, email, password)
    driver.get(f"{server.url}/#/room/{room_id}")
    visible(driver, "#room-state[data-state=live]")
    visible(driver, "#stage h2")
    return driver


def frames(driver, css):
    """Frames decoded so far by the video at `css` (None while there is none)."""
    return driver.execute_script(
        "const v = document.querySelector(arguments[0]); return v && v.srcObject ? v.getVideoPlaybackQuality().totalVideoFrames : null", css)


def plays(driver, css, timeout=45):
    """The video at `css` decodes frames, and keeps decoding."""
    first = wait_until(lambda: (frames(driver, css) or 0) > 0 and frames(driver, css), timeout=timeout, what=f"frames in {css}")
    wait_until(lambda: (frames(driver, css) or 0) > first + 10, timeout=20, what=f"more frames in {css}")


def test_a_host_goes_live_and_a_participant_sees_the_video(stage_server, browsers):
    room_id, organiser = live_room(stage_server)
    amina = register_over_http(stage_server, "Amina Diallo")
    host = in_room(browsers, stage_server, ORGANISER["email"], ORGANISER["password"], room_id)
    viewer = in_room(browsers, stage_server, amina["email"], PASSWORD, room_id)
    assert not viewer.find_elements(By.ID, "stage-go-live")  # not a host, not invited
    text_in(viewer, "#stage-grid", "Nobody is live")

    click(host, "#stage-go-live")
    text_in(host, "#stage-status", "You are live", timeout=45)
    # The participant's page subscribes once the feed is listed (stage.feeds), and decodes the host's frames.
    plays(viewer, f"#stage-grid video[data-user-id='{organiser.id}']")
    text_in(viewer, "#stage-grid figcaption", ORGANISER["name"])
    # The host sees their own picture (the local stream) in the grid.
    visible(host, f"#stage-grid video[data-user-id='{organiser.id}']")

    # Screen share: a second feed of the same speaker (it takes no new place), seen beside the camera.
    click(host, "#stage-share")
    plays(viewer, "#stage-grid .kind-screen video")
    assert len(viewer.find_elements(By.CSS_SELECTOR, "#stage-grid video")) == 2

    # Someone who comes in now watches what is live at once (the snapshot's stage).
    late = register_over_http(stage_server, "Lea Late")
    latecomer = in_room(browsers, stage_server, late["email"], PASSWORD, room_id)
    plays(latecomer, "#stage-grid .kind-camera video")
    plays(latecomer, "#stage-grid .kind-screen video")
    latecomer.quit()

    click(host, "#stage-stop")
    wait(viewer, 20).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "#stage-grid video"))
    text_in(viewer, "#stage-grid", "Nobody is live")

    # Janus restarts while the host is live: the stage empties everywhere, the host's page says the feed ended and
    # offers "Go live" again; the server's link comes back by itself, and going live works again.
    click(host, "#stage-go-live")
    plays(viewer, f"#stage-grid video[data-user-id='{organiser.id}']")
    stage_server.janus.restart()
    wait(viewer, 30).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "#stage-grid video"))
    text_in(host, "#stage-status", "Your feed has ended")
    wait_until(lambda: stage_server.log_path.read_text().count("Janus session open") >= 2, timeout=30, what="the link to Janus again")
    click(host, "#stage-go-live")
    plays(viewer, f"#stage-grid video[data-user-id='{organiser.id}']")
    organiser.close()


def test_an_invited_speaker_goes_on_stage_and_a_removed_one_stops(stage_server, browsers):
    room_id, organiser = live_room(stage_server)
    bruno, outsider = register_over_http(stage_server, "Bruno Sánchez"), register_over_http(stage_server, "Olga Outside")
    host = in_room(browsers, stage_server, ORGANISER["email"], ORGANISER["password"], room_id, keep_connections=True)
    speaker = in_room(browsers, stage_server, bruno["email"], PASSWORD, room_id)

    # Access, refused before Janus is asked: not invited, one cannot go live; not in the room, one cannot watch.
    uninvited = ProtocolClient(stage_server, token=bruno["token"])
    uninvited.ok("room.enter", {"roomId": room_id})
    offer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
    refused = uninvited.request("stage.publish", {"roomId": room_id, "kind": "camera", "sdp": offer})
    assert not refused["ok"] and refused["error"]["code"] == "forbidden", refused
    stranger = ProtocolClient(stage_server, token=outsider["token"])
    refused = stranger.request("stage.watch", {"roomId": room_id})
    assert not refused["ok"] and refused["error"]["code"] == "forbidden", refused
    assert "Creating new handle" not in stage_server.janus.log()  # nobody has been live yet: no handle was made

    # A raised hand → "Invite to speak" → backstage (their own camera) → "Go on stage" → the host sees them.
    click(speaker, "#hand-toggle")
    click(host, f"#stage-invite-{bruno['id']}")
    visible(speaker, "#stage-backstage")
    plays(speaker, "#stage-preview", timeout=20)
    text_in(host, "#stage-speakers", "Bruno Sánchez")
    click(speaker, "#stage-go-on")
    text_in(speaker, "#stage-status", "You are live", timeout=45)
    plays(host, f"#stage-grid video[data-user-id='{bruno['id']}']")

    # Muted by the host: Janus stops forwarding the speaker's sound to everyone (the picture goes on); unmuted, it
    # flows again.
    sound_flows(host, True)
    click(host, f"#stage-mute-{bruno['id']}")
    text_in(host, "#stage-grid", "🔇 Bruno Sánchez")
    sound_flows(host, False)
    plays(host, f"#stage-grid video[data-user-id='{bruno['id']}']")
    click(host, f"#stage-mute-{bruno['id']}")
    sound_flows(host, True)

    # Removed: the invitation goes, the feed ends on Janus, the host's grid drops it, the speaker's page stops sending.
    click(host, f"#stage-remove-{bruno['id']}")
    wait(host, 20).until(lambda d: not d.find_elements(By.CSS_SELECTOR, f"#stage-grid video[data-user-id='{bruno['id']}']"))
    wait(speaker, 20).until(lambda d: not d.find_elements(By.ID, "stage-go-on") and not d.find_elements(By.ID, "stage-backstage"))
    assert stranger.request("stage.watch", {"roomId": room_id})["error"]["code"] == "forbidden"
    again = uninvited.request("stage.publish", {"roomId": room_id, "kind": "camera", "sdp": offer})
    assert again["error"]["code"] == "forbidden", again
    for client in (uninvited, stranger, organiser):
        client.close()


def feed_ids(driver, user_id):
    return driver.execute_script("return [...document.querySelectorAll(arguments[0])].map((v) => v.dataset.feedId)",
                                 f"#stage-grid video[data-user-id='{user_id}']")


def test_a_speaker_goes_live_again_after_the_socket_drops(stage_server, browsers):
    room_id, organiser = live_room(stage_server)
    amina = register_over_http(stage_server, "Amina Diallo")
    host = in_room(browsers, stage_server, ORGANISER["email"], ORGANISER["password"], room_id, keep_sockets=True)
    viewer = in_room(browsers, stage_server, amina["email"], PASSWORD, room_id)
    click(host, "#stage-go-live")
    text_in(host, "#stage-status", "You are live", timeout=45)
    plays(viewer, f"#stage-grid video[data-user-id='{organiser.id}']")
    [before] = feed_ids(viewer, organiser.id)

    # The page's socket drops (not a reload): the server ends the feed with it; the page reconnects and, the host
    # still being a host of a live room, goes live again without a click: the viewer plays the new feed.
    host.execute_script("window.keptSockets.at(-1).close()")
    wait_until(lambda: feed_ids(viewer, organiser.id) not in ([], [before]), timeout=60, what="the host's feed again")
    [after] = feed_ids(viewer, organiser.id)
    plays(viewer, f"#stage-grid video[data-feed-id='{after}']")
    assert host.execute_script("return window.keptSockets.length") >= 2
    text_in(host, "#stage-status", "You are live")
    organiser.close()
