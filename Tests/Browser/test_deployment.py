"""The shipped deployment (deploy/haproxy.cfg, run unchanged) in front of a node, over TLS with a self-signed
certificate: a person signs in and chats through the proxy (HTTPS and a wss:// socket), the cookie is Secure,
plain HTTP is redirected, per-address limits count people (the forwarded address) and not the proxy, a forged
X-Forwarded-For is not believed, and a node that is told to stop drains: /healthz answers 503 and the proxy takes it
out of rotation while the people on it are still served, then their sockets close with 1001 (going away)."""
import http.client
import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import websocket
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from conftest import ORGANISER, ROOT, Server, free_port, stop_process, wait_until
from pages import sign_in

INSECURE = ssl.create_default_context()
INSECURE.check_hostname = False
INSECURE.verify_mode = ssl.CERT_NONE


class Proxy:
    """Debian's HAProxy (Tests/run-all.sh installs it) with the repo's deploy/haproxy.cfg, its values from the
    environment as on a real server (/etc/default/haproxy), a throwaway self-signed certificate, on loopback."""

    def __init__(self, node_port):
        self.dir = tempfile.mkdtemp(prefix="seminar-haproxy-")
        self.https_port, self.http_port = free_port(), free_port()
        self.url = f"https://127.0.0.1:{self.https_port}"
        self.socket_path = f"{self.dir}/admin.sock"
        key, cert = f"{self.dir}/key.pem", f"{self.dir}/cert.pem"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
                        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
        Path(f"{self.dir}/seminar.pem").write_text(Path(cert).read_text() + Path(key).read_text())
        self.env = dict(os.environ, SEMINAR_HTTPS_BIND=f"127.0.0.1:{self.https_port}", SEMINAR_HTTP_BIND=f"127.0.0.1:{self.http_port}",
                        SEMINAR_TLS_CERT=f"{self.dir}/seminar.pem", SEMINAR_NODE1=f"127.0.0.1:{node_port}",
                        SEMINAR_ADMIN_SOCKET=self.socket_path, SEMINAR_MAXCONN="2000")
        self.log_path = Path(self.dir) / "haproxy.log"
        self.process = None

    def start(self):
        binary = shutil.which("haproxy") or "/usr/sbin/haproxy"
        config = str(ROOT / "deploy" / "haproxy.cfg")
        check = subprocess.run([binary, "-c", "-f", config], env=self.env, capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
        self.process = subprocess.Popen([binary, "-db", "-f", config], env=self.env, stdout=open(self.log_path, "a"),
                                        stderr=subprocess.STDOUT)
        wait_until(lambda: self.node_state() == "UP", timeout=30, what=f"HAProxy to see the node up (log: {self.log()})")

    def admin(self, command):
        """A command on HAProxy's runtime API (the admin socket the config declares)."""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(5)
            s.connect(self.socket_path)
            s.sendall(command.encode() + b"\n")
            chunks = []
            while chunk := s.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks).decode()

    def node_state(self):
        """node1's status as HAProxy's health checks see it (UP, DOWN, ...)."""
        if self.process.poll() is not None:
            raise AssertionError(f"haproxy exited: {self.log()}")
        try:
            lines = self.admin("show stat").splitlines()
        except OSError:
            return None
        header = lines[0].lstrip("# ").split(",")
        for line in lines[1:]:
            row = dict(zip(header, line.split(",")))
            if row.get("pxname") == "seminar_nodes" and row.get("svname") == "node1":
                return row.get("status")
        return None

    def stop(self):
        stop_process(self.process)
        shutil.rmtree(self.dir, ignore_errors=True)

    def log(self):
        try:
            return self.log_path.read_text()[-3000:]
        except OSError:
            return ""


@pytest.fixture
def deployment():
    """A node configured as docs/deployment.md says (publicURL on https, the proxy trusted), behind the proxy."""
    data_dir = tempfile.mkdtemp(prefix="seminar-deploy-")
    node_port = free_port()
    proxy = Proxy(node_port)
    node = Server(data_dir, extra_env={
        "SEMINAR_PUBLIC_URL": proxy.url, "SEMINAR_TRUSTED_PROXIES": "127.0.0.1", "SEMINAR_LOGIN_PER_MINUTE": "3",
        "SEMINAR_DRAIN_SECONDS": "6"})
    node.port, node.url = node_port, f"http://127.0.0.1:{node_port}"
    node.add_user(ORGANISER["email"], ORGANISER["password"], ORGANISER["name"], "organiser")
    node.start()
    proxy.start()
    yield node, proxy
    proxy.stop()
    node.stop()
    shutil.rmtree(data_dir, ignore_errors=True)


def post_json(url, body, source=None, headers=None):
    """A POST through the proxy from the loopback address `source` (a different person per address): (status, headers)."""
    host, port = url.split("//")[1].split("/")[0].split(":")
    connection = http.client.HTTPSConnection(host, int(port), context=INSECURE, timeout=10,
                                             source_address=(source, 0) if source else None)
    path = "/" + url.split("//")[1].split("/", 1)[1]
    connection.request("POST", path, body=json.dumps(body), headers={"Content-Type": "application/json", **(headers or {})})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status, dict(response.getheaders())


def proxied_socket(proxy, token):
    """A wss:// socket through the proxy, signed in with `token`."""
    ws = websocket.create_connection(proxy.url.replace("https://", "wss://") + "/ws", origin=proxy.url, timeout=10,
                                     sslopt={"cert_reqs": ssl.CERT_NONE, "check_hostname": False})
    ws.send(json.dumps({"id": 1, "type": "hello", "data": {"token": token}}))
    while True:
        frame = json.loads(ws.recv())
        if frame.get("re") == 1:
            assert frame["ok"], frame
            return ws


def tls_browser():
    """Headless Chromium that accepts the test's self-signed certificate (a real deployment has a real one)."""
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                     "--ignore-certificate-errors"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)


def test_a_person_uses_the_seminar_through_the_proxy_over_tls(deployment):
    node, proxy = deployment
    driver = tls_browser()
    try:
        sign_in(driver, proxy, ORGANISER["email"], ORGANISER["password"])  # the page's socket is online: wss via the proxy
        assert driver.current_url.startswith(proxy.url)
        assert driver.execute_script("return location.protocol") == "https:"
        cookies = driver.get_cookies()
        assert cookies and all(cookie["secure"] for cookie in cookies), cookies
    finally:
        driver.quit()


def test_plain_http_is_redirected_and_https_is_strict(deployment):
    node, proxy = deployment
    connection = http.client.HTTPConnection("127.0.0.1", int(proxy.env["SEMINAR_HTTP_BIND"].split(":")[1]), timeout=10)
    connection.request("GET", "/program")
    response = connection.getresponse()
    assert response.status == 301 and response.getheader("Location", "").startswith("https://"), response.getheaders()
    with urllib.request.urlopen(proxy.url + "/healthz", context=INSECURE, timeout=10) as answer:
        assert answer.status == 200
        assert "max-age" in (answer.headers.get("Strict-Transport-Security") or "")


def test_limits_count_people_not_the_proxy(deployment):
    node, proxy = deployment
    wrong = {"email": ORGANISER["email"], "password": "not-the-password"}
    # One person (127.0.0.5) spends the sign-in limit (3 a minute), even while forging another address.
    statuses = [post_json(proxy.url + "/api/login", {**wrong, "email": f"nobody{i}@example.org"}, source="127.0.0.5",
                          headers={"X-Forwarded-For": f"10.9.9.{i}"})[0] for i in range(4)]
    assert statuses[:3] == [401, 401, 401] and statuses[3] == 429, statuses
    # Another person behind the same proxy is not locked out by the first.
    status, _ = post_json(proxy.url + "/api/login", {"email": ORGANISER["email"], "password": ORGANISER["password"]},
                          source="127.0.0.6")
    assert status == 200


def test_a_stopping_node_drains_behind_the_proxy(deployment):
    node, proxy = deployment
    token = node.login_token(ORGANISER["email"], ORGANISER["password"])
    ws = proxied_socket(proxy, token)
    node.process.send_signal(signal.SIGTERM)
    # /healthz says so at once; the proxy's checks take the node out (DOWN) while it still serves this person.
    def draining():
        try:
            urllib.request.urlopen(node.url + "/healthz", timeout=2)
        except urllib.error.HTTPError as error:
            return error.code == 503 and json.load(error)["status"] == "draining"
        return False
    wait_until(draining, timeout=5, what="/healthz to answer 503 draining")
    wait_until(lambda: (proxy.node_state() or "").startswith("DOWN"), timeout=10, what="HAProxy to take the node out")
    assert node.process.poll() is None, "the node stopped before its drain time"
    ws.send(json.dumps({"id": 2, "type": "ping"}))
    while True:
        frame = json.loads(ws.recv())
        if frame.get("re") == 2:
            assert frame["ok"], frame
            break
    # Then the node closes its sockets with 1001 (the pages reconnect, through the proxy, to a node that serves).
    ws.settimeout(20)
    code = None
    try:
        while True:
            opcode, data = ws.recv_data(control_frame=True)
            if opcode == websocket.ABNF.OPCODE_CLOSE:
                code = int.from_bytes(data[:2], "big")
                break
    except websocket.WebSocketConnectionClosedException:
        pass
    assert code == 1001, code
    node.process.wait(timeout=20)
