"""How long from a host pressing "Go live" to a watcher's first decoded frame, on this machine (printed with -s; the
figure is in docs/benchmarks.md). The path: getUserMedia, ICE gathering (complete SDP), stage.publish → Janus's
answer, ICE and DTLS to Janus through coturn, webrtcup → Janus lists the publisher → stage.feeds → the watcher's
stage.watch → Janus's offer → stage.answer → ICE and DTLS → the first frame (requestVideoFrameCallback)."""
import statistics

from selenium.webdriver.common.by import By

from conftest import ORGANISER, wait, wait_until
from pages import click, register_over_http, text_in
from test_stage import PASSWORD, in_room, live_room

# Marks the watcher page's first decoded frame of any new video in the grid (Date.now(), the same clock as the host's).
WATCH_FIRST_FRAME = """
window.firstFrameAt = null;
const seen = new WeakSet();
const mark = () => document.querySelectorAll('#stage-grid video').forEach((video) => {
  if (seen.has(video)) return;
  seen.add(video);
  video.requestVideoFrameCallback(() => { window.firstFrameAt ??= Date.now(); });
});
window.firstFrameObserver?.disconnect();
window.firstFrameObserver = new MutationObserver(mark);
window.firstFrameObserver.observe(document.getElementById('stage'), { childList: true, subtree: true });
"""


def test_go_live_to_the_first_frame(stage_server, browsers):
    room_id, organiser = live_room(stage_server)
    watcher = register_over_http(stage_server, "Wen Watcher")
    host = in_room(browsers, stage_server, ORGANISER["email"], ORGANISER["password"], room_id)
    viewer = in_room(browsers, stage_server, watcher["email"], PASSWORD, room_id)
    # The camera is opened once first (a first getUserMedia is slower: it is not what a speaker waits for each time).
    click(host, "#stage-go-live")
    text_in(host, "#stage-status", "You are live", timeout=45)
    click(host, "#stage-stop")
    wait(viewer, 20).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "#stage-grid video"))
    figures = []
    for _ in range(3):
        viewer.execute_script(WATCH_FIRST_FRAME)
        pressed = host.execute_script("const at = Date.now(); document.getElementById('stage-go-live').click(); return at")
        first = wait_until(lambda: viewer.execute_script("return window.firstFrameAt"), timeout=30, what="the first frame")
        figures.append(first - pressed)
        click(host, "#stage-stop")
        wait(viewer, 20).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "#stage-grid video"))
    print(f"\ngo live → first frame at a watcher (ms): {figures}, median {statistics.median(figures):.0f}")
    assert max(figures) < 10_000, figures
    organiser.close()
