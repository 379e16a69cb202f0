"""Recording the stage on a real Janus (in the network namespace of Tests/Media/netns.sh): a host goes live and records
the stage; every page in the room says it is being recorded, and a participant cannot stop it; once stopped, the
replay (janus-pp-rec and ffmpeg's file) appears on the session's page and a browser plays it, picture and sound; a
recording that gives nothing is said to the host."""
import shutil
import urllib.error
import urllib.request
from pathlib import Path

from selenium.webdriver.common.by import By

from conftest import ORGANISER, wait, wait_until
from pages import ProtocolClient, click, register_over_http, text_in, visible
from test_stage import PASSWORD, frames, in_room, live_room, plays

# The replay's player, once playing (muted, so that the browser lets it start): its state, length and what it decoded.
REPLAY_STATE = """
const v = document.querySelector('#replays video');
if (!v) return null;
if (!v.dataset.started) { v.dataset.started = '1'; v.muted = true; v.play().catch(() => {}); }
return { ready: v.readyState, duration: isFinite(v.duration) ? v.duration : -1, frames: v.getVideoPlaybackQuality().totalVideoFrames,
         sound: v.webkitAudioDecodedByteCount ?? -1, error: v.error && v.error.code, src: v.currentSrc };
"""


def test_a_host_records_the_stage_and_the_replay_plays(stage_server, browsers):
    room_id, organiser = live_room(stage_server)
    session_id = next(s["id"] for s in organiser.ok("program.get")["sessions"] if s["roomId"] == room_id)
    amina = register_over_http(stage_server, "Amina Diallo")
    host = in_room(browsers, stage_server, ORGANISER["email"], ORGANISER["password"], room_id)
    viewer = in_room(browsers, stage_server, amina["email"], PASSWORD, room_id)
    assert not viewer.find_elements(By.ID, "stage-record")  # hosts only
    camera = f"#stage-grid video[data-user-id='{organiser.id}']"
    click(host, "#stage-go-live")
    text_in(host, "#stage-status", "You are live", timeout=45)
    plays(viewer, camera)

    click(host, "#stage-record")
    for page in (host, viewer):
        text_in(page, "#stage-recording", "Recording")
    participant = ProtocolClient(stage_server, token=amina["token"])
    refused = participant.request("stage.record", {"roomId": room_id, "on": False})
    assert refused["error"]["code"] == "forbidden", refused
    # A few seconds of the stage on record (as the viewer decodes them), then stop.
    start = frames(viewer, camera)
    wait_until(lambda: frames(viewer, camera) > start + 60, timeout=30, what="a few seconds of stage")
    click(host, "#stage-record")
    wait(viewer, 20).until(lambda d: not d.find_elements(By.ID, "stage-recording"))
    assert viewer.find_elements(By.CSS_SELECTOR, camera)  # recording stopped, the stage goes on

    # The session's page shows the replay once its file is made (replay.added), and the browser plays it.
    viewer.get(f"{stage_server.url}/#/sessions/{session_id}")
    visible(viewer, "#replays video", timeout=60)
    text_in(viewer, "#replays", ORGANISER["name"])
    played = wait_until(lambda: (lambda s: s and s["ready"] >= 2 and s["duration"] > 1 and s["frames"] > 10 and s["sound"] > 0 and s)(
        viewer.execute_script(REPLAY_STATE)), timeout=30, what="the replay to play")
    assert played["error"] is None, played
    # The file is for signed-in people only.
    try:
        urllib.request.urlopen(played["src"], timeout=10)
        raise AssertionError("a replay was served without signing in")
    except urllib.error.HTTPError as error:
        assert error.code == 401, error
    participant.close()
    organiser.close()

    # A recording that gives nothing (here its folder is taken by a file, as when Janus cannot write there) is said to
    # the host, not left silent; the next recording clears it. A file, not just a removal: Janus makes a missing folder
    # again when it opens a publisher's files after the removal, and that recording would then play.
    click(host, "#stage-record")
    text_in(host, "#stage-recording", "Recording")
    folder = max((Path(stage_server.data_dir) / "recordings").glob(f"room-{room_id}-*"), key=lambda f: int(f.name.rsplit("-", 1)[1]))
    shutil.rmtree(folder)
    folder.write_text("not a folder")
    click(host, "#stage-record")
    text_in(host, "#stage-record-problem", "The recording gave nothing", timeout=30)
    assert not viewer.find_elements(By.ID, "stage-record-problem")  # the hosts' business
