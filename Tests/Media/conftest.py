"""Fixtures for the media tests (the stage on Janus), run inside the network namespace made by Tests/Media/netns.sh:
a throwaway Janus (its own configuration folder, VideoRoom and the WebSocket transport only, API on loopback, ICE on
the namespace's media0 = 127.0.0.2), a coturn relaying on 127.0.0.2, and a seminar server configured with both.
The browser suite's fixtures (headless Chromium, the seminar server) are reused as they are."""
import importlib.util
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import websocket

BROWSER = Path(__file__).resolve().parents[1] / "Browser"
sys.path.insert(0, str(BROWSER))
_spec = importlib.util.spec_from_file_location("browser_conftest", BROWSER / "conftest.py")
browser_conftest = importlib.util.module_from_spec(_spec)
sys.modules["browser_conftest"] = browser_conftest
_spec.loader.exec_module(browser_conftest)
# Re-exported: the fixtures and the report hook for pytest, the helpers for `from conftest import …` (pages.py, tests).
from browser_conftest import (ARTIFACTS, ORGANISER, Server, Throwaway, Turn, stop_process, browsers, free_port, pytest_runtest_makereport,  # noqa: E402,F401
                              wait, wait_until)

MEDIA_INTERFACE = "media0"
MEDIA_ADDRESS = "127.0.0.2"
JANUS_LIB = Path("/usr/lib/x86_64-linux-gnu/janus")


@pytest.fixture(scope="session", autouse=True)
def in_the_namespace():
    """The media tests need the namespace's media0 (Janus gathers no candidates on loopback): run them through netns.sh."""
    names = subprocess.run(["ip", "-brief", "address", "show", "dev", MEDIA_INTERFACE], capture_output=True, text=True)
    if MEDIA_ADDRESS not in names.stdout:
        pytest.exit(f"Tests/Media runs inside its network namespace: bash Tests/Media/netns.sh ({names.stderr.strip()})", returncode=2)


class Janus(Throwaway):
    """A throwaway Janus: janus.jcfg (api_secret, no trickle expected from browsers, ICE on media0 only, a short
    session_timeout), the VideoRoom plugin (rooms made only with admin_key) and the WebSocket transport on loopback,
    loaded from folders of symbolic links so that no other plugin or transport starts. Log in its folder."""

    def __init__(self, session_timeout=30, rtp_ports=64):
        self.dir = Path(tempfile.mkdtemp(prefix="seminar-janus-"))
        self.port = free_port()
        self.url = f"ws://127.0.0.1:{self.port}"
        self.api_secret = secrets.token_hex(16)
        self.admin_key = secrets.token_hex(16)
        self.session_timeout = session_timeout
        self.rtp_ports = rtp_ports  # one per peer connection (bundled): a benchmark's hundreds of watchers need more
        self.log_path = self.dir / "janus.log"
        self.process = None

    def configure(self):
        for folder, library in (("plugins", "plugins/libjanus_videoroom.so"), ("transports", "transports/libjanus_websockets.so")):
            (self.dir / folder).mkdir()
            (self.dir / folder / Path(library).name).symlink_to(JANUS_LIB / library)
        (self.dir / "none").mkdir()
        rtp = 20000 + secrets.randbelow(300) * 64
        (self.dir / "janus.jcfg").write_text(f"""
general: {{
    configs_folder = "{self.dir}"
    plugins_folder = "{self.dir}/plugins"
    transports_folder = "{self.dir}/transports"
    events_folder = "{self.dir}/none"
    loggers_folder = "{self.dir}/none"
    log_to_stdout = false
    log_to_file = "{self.log_path}"
    debug_level = 4
    api_secret = "{self.api_secret}"
    session_timeout = {self.session_timeout}
    protected_folders = ["/bin", "/boot", "/dev", "/etc", "/lib", "/proc", "/sbin", "/sys", "/usr", "/var"]
}}
media: {{
    rtp_port_range = "{rtp}-{rtp + self.rtp_ports - 1}"
}}
nat: {{
    full_trickle = false
    ice_enforce_list = "{MEDIA_INTERFACE}"
    ignore_mdns = true
}}
""")
        (self.dir / "janus.plugin.videoroom.jcfg").write_text(f"""
general: {{
    admin_key = "{self.admin_key}"
    lock_rtp_forward = true
}}
""")
        (self.dir / "janus.transport.websockets.jcfg").write_text(f"""
general: {{
    json = "compact"
    ws = true
    ws_port = {self.port}
    ws_ip = "127.0.0.1"
    wss = false
}}
admin: {{
    admin_ws = false
    admin_wss = false
}}
""")

    def start(self):
        self.configure()
        self.launch()

    def launch(self):
        binary = shutil.which("janus") or "/usr/bin/janus"
        self.process = subprocess.Popen([binary, "-F", str(self.dir), "-C", str(self.dir / "janus.jcfg")],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        wait_until(self.listens, timeout=20, what=f"Janus to listen (log: {self.log()})")

    def restart(self):
        """Stops Janus (its sessions, handles and rooms go with it) and starts it again on the same port."""
        stop_process(self.process)
        self.launch()

    def publishers(self, room):
        """The publishers Janus lists in VideoRoom room `room` (asked on its own API, as our server does), or None when
        Janus has no such room."""
        ws = websocket.create_connection(self.url, subprotocols=["janus-protocol"], timeout=10)
        count = 0

        def call(message):
            nonlocal count
            count += 1
            transaction = f"t{count}"
            ws.send(json.dumps({**message, "transaction": transaction, "apisecret": self.api_secret}))
            while True:
                reply = json.loads(ws.recv())
                if reply.get("transaction") == transaction and reply.get("janus") != "ack":
                    assert reply.get("janus") == "success", reply
                    return reply
        try:
            session = call({"janus": "create"})["data"]["id"]
            handle = call({"janus": "attach", "session_id": session, "plugin": "janus.plugin.videoroom"})["data"]["id"]
            data = call({"janus": "message", "session_id": session, "handle_id": handle,
                         "body": {"request": "listparticipants", "room": room}})["plugindata"]["data"]
            call({"janus": "destroy", "session_id": session})
        finally:
            ws.close()
        if data.get("error_code") == 426:  # no such room
            return None
        assert "participants" in data, data
        return [p for p in data["participants"] if p.get("publisher")]

    def listens(self):
        if self.process.poll() is not None:
            raise AssertionError(f"janus exited: {self.log()}")
        with socket.socket() as s:
            return s.connect_ex(("127.0.0.1", self.port)) == 0


@pytest.fixture
def janus():
    instance = Janus()
    instance.start()
    yield instance
    instance.stop()


@pytest.fixture
def media_turn():
    """coturn on 127.0.0.2, where Janus's candidates are: the browsers reach Janus through it."""
    relay = Turn(address=MEDIA_ADDRESS)
    relay.start()
    yield relay
    relay.stop()


@pytest.fixture
def stage_server(janus, media_turn):
    """A seminar server (the demo program, with the organiser) configured with the Janus and the relay above."""
    data_dir = tempfile.mkdtemp(prefix="seminar-stage-")
    instance = Server(data_dir, extra_env={
        "SEMINAR_JANUS_URL": janus.url, "SEMINAR_JANUS_API_SECRET": janus.api_secret, "SEMINAR_JANUS_ADMIN_KEY": janus.admin_key,
        "SEMINAR_TURN_URLS": media_turn.url, "SEMINAR_TURN_SECRET": media_turn.secret, "SEMINAR_STAGE_MAX_SPEAKERS": "3",
    })
    instance.add_user(ORGANISER["email"], ORGANISER["password"], ORGANISER["name"], "organiser")
    instance.start()
    instance.janus = janus
    yield instance
    instance.stop()
    shutil.rmtree(data_dir, ignore_errors=True)
