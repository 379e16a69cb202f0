"""Fixtures for the real-browser suite: a real seminar server on a free loopback port, and headless Chromium."""
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(os.environ.get("SEMINAR_ROOT", Path(__file__).resolve().parents[2]))
BIN = os.environ.get("SEMINAR_BIN", str(ROOT / ".build" / "debug" / "seminar"))
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ORGANISER = {"email": "org@example.org", "password": "organiser-pass", "name": "Org Aniser"}
AGENT = {"email": "agent@example.org", "password": "agent-pass-1", "name": "Ada Agent"}


def wait_until(condition, timeout=30.0, interval=0.1, what="condition"):
    """Polls `condition` until it returns a truthy value (never a bare sleep: waits on an Event with a timeout)."""
    pause = threading.Event()
    waited = 0.0
    while waited < timeout:
        value = condition()
        if value:
            return value
        pause.wait(interval)
        waited += interval
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_process(process):
    """SIGTERM, then SIGKILL after 10 s."""
    if process and process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Server:
    def __init__(self, data_dir, extra_env=None):
        self.data_dir = data_dir
        self.extra_env = dict(extra_env or {})
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(data_dir) / "server.log"
        self.process = None

    def add_user(self, email, password, name, role):
        subprocess.run([BIN, "user", "add", "--data", self.data_dir, "--email", email, "--password", password,
                        "--name", name, "--role", role], check=True, cwd=ROOT, env=self.env(), capture_output=True)

    def env(self):
        env = dict(os.environ)
        env["SEMINAR_BCRYPT_COST"] = "4"
        env["SEMINAR_LOG_LEVEL"] = "info"
        env.update(self.extra_env)
        return env

    def start(self):
        log = open(self.log_path, "a")
        self.process = subprocess.Popen([BIN, "serve", "--host", "127.0.0.1", "--port", str(self.port), "--data", self.data_dir],
                                        cwd=ROOT, env=self.env(), stdout=log, stderr=subprocess.STDOUT)
        wait_until(self.healthy, timeout=60, what=f"the server to answer /healthz (log: {self.log()})")

    def healthy(self):
        if self.process.poll() is not None:
            raise AssertionError(f"server exited: {self.log()}")
        try:
            with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:
                return response.status == 200
        except (urllib.error.URLError, ConnectionError, OSError):
            return False

    def stop(self):
        stop_process(self.process)

    def log(self):
        try:
            return self.log_path.read_text()[-4000:]
        except OSError:
            return ""

    def login_token(self, email, password):
        request = urllib.request.Request(self.url + "/api/login", method="POST", data=json.dumps({"email": email, "password": password}).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)["token"]


@pytest.fixture
def server():
    data_dir = tempfile.mkdtemp(prefix="seminar-browser-")
    instance = Server(data_dir)
    instance.add_user(ORGANISER["email"], ORGANISER["password"], ORGANISER["name"], "organiser")
    instance.start()
    yield instance
    instance.stop()
    shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture
def staff_server():
    """The demo seminar with an organiser and a welcome-desk agent (users are added before the server starts)."""
    data_dir = tempfile.mkdtemp(prefix="seminar-staff-")
    instance = Server(data_dir)
    instance.add_user(ORGANISER["email"], ORGANISER["password"], ORGANISER["name"], "organiser")
    instance.add_user(AGENT["email"], AGENT["password"], AGENT["name"], "agent")
    instance.start()
    yield instance
    instance.stop()
    shutil.rmtree(data_dir, ignore_errors=True)


def free_udp_port(address="127.0.0.1"):
    """A port free for both UDP and TCP on `address` (a TURN listener takes both)."""
    while True:
        port = free_port()
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            try:
                s.bind((address, port))
                return port
            except OSError:
                continue


class Throwaway:
    """A helper process of a test (a relay, a media server): its own folder (`dir`), stopped and removed after."""
    process = None
    dir = None
    log_path = None

    def stop(self):
        stop_process(self.process)
        shutil.rmtree(self.dir, ignore_errors=True)

    def log(self):
        try:
            return self.log_path.read_text()[-4000:]
        except OSError:
            return ""


class Turn(Throwaway):
    """A throwaway coturn on loopback: everything on the command line (nothing read from /etc), its own log, database
    and pid files in a temporary folder, time-limited credentials (use-auth-secret) under `secret`, and a small relay
    port range. Loopback peers are allowed here only: both browsers and the relay are on 127.0.0.1 (the media tests
    put it on 127.0.0.2, the address Janus gathers in their network namespace, so that it can relay to Janus)."""

    def __init__(self, secret=None, address="127.0.0.1"):
        self.dir = tempfile.mkdtemp(prefix="seminar-turn-")
        self.address = address
        self.port = free_udp_port(address)
        self.secret = secret or secrets.token_hex(16)
        self.url = f"turn:{address}:{self.port}?transport=udp"
        self.log_path = Path(self.dir) / "turn.log"
        base = 50000 + secrets.randbelow(150) * 64
        self.relay_ports = (base, base + 63)
        self.process = None

    def start(self):
        binary = shutil.which("turnserver") or "/usr/bin/turnserver"
        self.process = subprocess.Popen([
            binary, "-n", f"--listening-ip={self.address}", f"--relay-ip={self.address}", f"--listening-port={self.port}",
            "--use-auth-secret", f"--static-auth-secret={self.secret}", "--realm=seminar.test", "--allow-loopback-peers",
            "--no-cli", "--no-tls", "--no-dtls", f"--min-port={self.relay_ports[0]}", f"--max-port={self.relay_ports[1]}",
            f"--log-file={self.log_path}", "--simple-log", "--no-stdout-log", f"--db={self.dir}/turndb",
            f"--pidfile={self.dir}/turn.pid", "--no-software-attribute", "--verbose",
        ], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        wait_until(self.answers, timeout=20, what=f"coturn to answer a STUN binding request (log: {self.log()})")

    def answers(self):
        """Whether the relay answers a STUN Binding request (RFC 5389: type 1, length 0, the magic cookie, an id)."""
        if self.process.poll() is not None:
            raise AssertionError(f"turnserver exited: {self.log()}")
        request = b"\x00\x01\x00\x00\x21\x12\xa4\x42" + secrets.token_bytes(12)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.settimeout(0.5)
            try:
                s.sendto(request, (self.address, self.port))
                answer = s.recv(2048)
            except OSError:
                return False
        return answer[:2] == b"\x01\x01" and answer[8:20] == request[8:20]



@pytest.fixture
def turn():
    """A coturn relay on loopback for the test, stopped after it (Tests/run-all.sh installs Debian's coturn)."""
    relay = Turn()
    relay.start()
    yield relay
    relay.stop()


def chromium(lang="en"):
    """A headless Chromium reading `lang`, with a fake camera, microphone and screen."""
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", f"--lang={lang}",
                     "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": lang})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    return driver


@pytest.fixture
def browsers(request):
    """A factory of headless Chromium browsers, each with its own language; all quit at the end."""
    made = []

    def make(lang="en"):
        driver = chromium(lang)
        made.append(driver)
        return driver

    yield make
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    for index, driver in enumerate(made):
        if failed:
            ARTIFACTS.mkdir(exist_ok=True)
            name = f"{request.node.name}-{index}"
            try:
                driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))
                (ARTIFACTS / f"{name}.log").write_text("\n".join(str(e) for e in driver.get_log("browser")))
            except Exception:  # the browser may already be gone
                pass
        driver.quit()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, "rep_" + report.when, report)


def wait(driver, timeout=20):
    return WebDriverWait(driver, timeout)
