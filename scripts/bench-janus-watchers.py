"""How many watchers one Janus core serves for one speaker (docs/benchmarks.md, "Watchers per Janus core").

Run it as root inside the media tests' network namespace (Janus gathers no candidates on loopback):
`bash Tests/Media/netns.sh --run python3 scripts/bench-janus-watchers.py [--watchers N] [--processes P] [--seconds S]`.
Inside it, the Media tests' own throwaway Janus and seminar server start; a headless Chromium (fake camera) goes live
on a room's stage; then N watchers, spread over P Python processes (one process cannot receive ~100 streams at full
rate), each watcher with its own seminar socket, ask `stage.watch` and answer with aiortc (PyPI) — watchers that do
not decode: each assembled frame is counted and dropped. Over the same S seconds in every process it reads Janus's
CPU time (/proc) and the frames each watcher assembled, and prints one line of figures. Nothing leaves the namespace;
everything stops at the end. Bounded: at most 400 watchers, 16 processes, 120 seconds.
"""
import argparse
import asyncio
import json
import multiprocessing
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "Tests" / "Media"))
os.environ.setdefault("SEMINAR_ROOT", str(ROOT))

import aiortc.rtcrtpreceiver  # noqa: E402
from aiortc import RTCConfiguration, RTCPeerConnection, RTCSessionDescription  # noqa: E402

import conftest  # noqa: E402  (Tests/Media: the throwaway Janus, the seminar server, the namespace's address)
from pages import ProtocolClient, click, register_over_http, sign_in, text_in, visible  # noqa: E402

FRAMES = {}  # watcher index → video frames assembled, counted by the decoder stand-in
FRAMES_LOCK = threading.Lock()
WATCHER_OF_QUEUE = {}  # id of a receiver's decoder queue → watcher index


def counting_worker(loop, input_q, output_q, decode_error):
    """aiortc's decoder thread, without the decoding: counts the video frames the jitter buffer assembles."""
    while True:
        task = input_q.get()
        if task is None:
            asyncio.run_coroutine_threadsafe(output_q.put(None), loop)
            return
        codec, _ = task
        watcher = WATCHER_OF_QUEUE.get(id(input_q))
        if watcher is not None and codec.mimeType.lower().startswith("video/"):
            with FRAMES_LOCK:
                FRAMES[watcher] = FRAMES.get(watcher, 0) + 1


def janus_cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def watch(index, client, room_id):
    """One watcher: stage.watch → Janus's offer → aiortc's answer (complete SDP) → stage.answer."""
    reply = await asyncio.to_thread(client.ok, "stage.watch", {"roomId": room_id})
    pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    pc.on("track", lambda track: None)
    await pc.setRemoteDescription(RTCSessionDescription(sdp=reply["sdp"], type="offer"))
    for transceiver in pc.getTransceivers():
        WATCHER_OF_QUEUE[id(transceiver.receiver._RTCRtpReceiver__decoder_queue)] = index
    await pc.setLocalDescription(await pc.createAnswer())
    await asyncio.to_thread(client.ok, "stage.answer", {"watchId": reply["watchId"], "sdp": pc.localDescription.sdp})
    return pc


SENT_FRAMES = """return (async () => {
  let total = 0;
  for (const pc of window.keptConnections.filter((c) => c.connectionState !== 'closed')) {
    (await pc.getStats()).forEach((r) => { if (r.type === 'outbound-rtp' && r.kind === 'video') total += r.framesSent; });
  }
  return total;
})()"""


class Address:
    """What ProtocolClient needs of the seminar server, passed to the watcher processes."""

    def __init__(self, port, url):
        self.port, self.url = port, url


async def watchers(count, address, token, room_id, connected, start, stop):
    """`count` watchers in this process: connects them, says how many are connected (`connected` queue), then counts
    the frames each assembles between the parent's `start` and `stop` events: their rates, in frames per second."""
    clients = [ProtocolClient(address, token=token) for _ in range(count)]
    for client in clients:
        client.ok("room.enter", {"roomId": room_id})
    connections = []
    for first in range(0, count, 10):  # ten at a time: signalling is quick, ICE and DTLS are not
        connections += await asyncio.gather(*(watch(i, clients[i], room_id) for i in range(first, min(first + 10, count))))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and sum(pc.connectionState == "connected" for pc in connections) < count:
        await asyncio.sleep(0.5)
    connected.put(sum(pc.connectionState == "connected" for pc in connections))
    await asyncio.to_thread(start.wait)
    with FRAMES_LOCK:
        before = dict(FRAMES)
    at = time.monotonic()
    await asyncio.to_thread(stop.wait)
    elapsed = time.monotonic() - at
    with FRAMES_LOCK:
        after = dict(FRAMES)
    for pc in connections:
        await pc.close()
    for client in clients:
        client.close()
    return [(after.get(i, 0) - before.get(i, 0)) / elapsed for i in range(count)]


def watcher_process(count, address, token, room_id, connected, start, stop, results):
    aiortc.rtcrtpreceiver.decoder_worker = counting_worker
    results.put(asyncio.run(watchers(count, address, token, room_id, connected, start, stop)))


def measure(args, server, room_id, janus_pid, speaker):
    # One person on N sockets (each socket holds its own watch): no N sign-ups against the sign-up limit.
    token = register_over_http(server, "Wen Watcher")["token"]
    spawn = multiprocessing.get_context("spawn")  # not fork: this process runs threads (Selenium, the server's)
    connected, results, start, stop = spawn.Queue(), spawn.Queue(), spawn.Event(), spawn.Event()
    address = Address(server.port, server.url)
    shares = [args.watchers // args.processes + (1 if i < args.watchers % args.processes else 0) for i in range(args.processes)]
    processes = [spawn.Process(target=watcher_process, args=(n, address, token, room_id, connected, start, stop, results), daemon=True)
                 for n in shares if n]
    for process in processes:
        process.start()
    connected_count = sum(connected.get(timeout=300) for _ in processes)
    settle = threading.Event()
    settle.wait(3)  # keyframes requested, the flows settle
    sent_before = speaker.execute_script(SENT_FRAMES)
    cpu_before, at = janus_cpu_seconds(janus_pid), time.monotonic()
    start.set()
    settle.wait(args.seconds)
    stop.set()
    cpu_after, elapsed = janus_cpu_seconds(janus_pid), time.monotonic() - at
    sent = (speaker.execute_script(SENT_FRAMES) - sent_before) / elapsed
    load = os.getloadavg()
    rates = [rate for _ in processes for rate in results.get(timeout=120)]
    for process in processes:
        process.join(timeout=30)
    core = (cpu_after - cpu_before) / elapsed
    full = sum(r >= 0.9 * sent for r in rates)  # watchers that got at least 90 % of the frames the speaker sent
    return {"watchers": args.watchers, "processes": len(processes), "connected": connected_count, "seconds": round(elapsed, 1),
            "janusCore": round(core, 3), "janusCorePer100": round(core * 100 / args.watchers, 3), "speakerFps": round(sent, 1),
            "watcherFpsMedian": round(statistics.median(rates), 1), "watcherFpsMin": round(min(rates), 1),
            "watchersAtFullRate": full, "watchersPerCore": round(full / core) if core > 0 else None,
            "load": [round(x, 1) for x in load]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--watchers", type=int, default=100)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--seconds", type=int, default=20)
    args = parser.parse_args()
    if not 1 <= args.watchers <= 400 or not 5 <= args.seconds <= 120 or not 1 <= args.processes <= 16:
        parser.error("--watchers 1–400, --processes 1–16, --seconds 5–120")
    janus = conftest.Janus(session_timeout=120, rtp_ports=1024)
    janus.start()
    data_dir = tempfile.mkdtemp(prefix="seminar-bench-janus-")
    server = conftest.Server(data_dir, extra_env={
        "SEMINAR_JANUS_URL": janus.url, "SEMINAR_JANUS_API_SECRET": janus.api_secret, "SEMINAR_JANUS_ADMIN_KEY": janus.admin_key,
        "SEMINAR_CONNECTIONS_PER_ADDRESS": "10000", "SEMINAR_PING_INTERVAL_SECONDS": "3600", "SEMINAR_LOG_LEVEL": "warning",
        "SEMINAR_SIGNAL_RATE": "1000", "SEMINAR_SIGNAL_BURST": "1000", "SEMINAR_READ_RATE": "1000", "SEMINAR_READ_BURST": "1000",
        "SEMINAR_SUBSCRIBE_RATE": "1000", "SEMINAR_SUBSCRIBE_BURST": "1000",
    })
    server.add_user(conftest.ORGANISER["email"], conftest.ORGANISER["password"], conftest.ORGANISER["name"], "organiser")
    server.start()
    driver = None
    try:
        from test_stage import KEEP_CONNECTIONS, live_room
        room_id, organiser = live_room(server)
        driver = conftest.browser_conftest.chromium()
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": KEEP_CONNECTIONS})
        sign_in(driver, server, conftest.ORGANISER["email"], conftest.ORGANISER["password"])
        driver.get(f"{server.url}/#/room/{room_id}")
        visible(driver, "#room-state[data-state=live]")
        click(driver, "#stage-go-live", timeout=30)
        text_in(driver, "#stage-status", "You are live", timeout=45)
        load_before = [round(x, 1) for x in os.getloadavg()]
        figures = measure(args, server, room_id, janus.process.pid, driver)
        figures.update({"cpus": os.cpu_count(), "loadBefore": load_before})
        print(json.dumps(figures))
        organiser.close()
    finally:
        if driver:
            driver.quit()
        server.stop()
        janus.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
