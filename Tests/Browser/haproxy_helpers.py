"""The shipped HAProxy configuration (deploy/haproxy.cfg) run by the tests, and what talks to it: a browser that takes
the throwaway certificate, a signed-in socket through the proxy."""
import os
import shutil
import socket
import ssl
import subprocess
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from conftest import ROOT, Throwaway, free_port, wait_until
from pages import ProtocolClient

INSECURE = ssl.create_default_context()
INSECURE.check_hostname = False
INSECURE.verify_mode = ssl.CERT_NONE


class Proxy(Throwaway):
    """Debian's HAProxy (Tests/run-all.sh installs it) with the repo's deploy/haproxy.cfg, its values from the
    environment as on a real server (/etc/default/haproxy), a throwaway self-signed certificate, on loopback.
    `node_port` is node1 (SEMINAR_NODE1); each of `more_ports` is a line `server nodeN 127.0.0.1:PORT` appended to a
    copy of the file, as docs/deployment.md ("Cluster") tells a person to append it."""

    def __init__(self, node_port, more_ports=()):
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
        self.config = str(ROOT / "deploy" / "haproxy.cfg")
        self.nodes = ["node1"] + [f"node{index}" for index in range(2, len(more_ports) + 2)]
        if more_ports:
            text = Path(self.config).read_text()
            text += "".join(f"    server {name} 127.0.0.1:{port}\n" for name, port in zip(self.nodes[1:], more_ports))
            self.config = f"{self.dir}/haproxy.cfg"
            Path(self.config).write_text(text)
        self.log_path = Path(self.dir) / "haproxy.log"
        self.process = None

    def start(self):
        binary = shutil.which("haproxy") or "/usr/sbin/haproxy"
        check = subprocess.run([binary, "-c", "-f", self.config], env=self.env, capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
        self.process = subprocess.Popen([binary, "-db", "-f", self.config], env=self.env, stdout=open(self.log_path, "a"),
                                        stderr=subprocess.STDOUT)
        for name in self.nodes:
            wait_until(lambda: self.node_state(name) == "UP", timeout=30, what=f"HAProxy to see {name} up (log: {self.log()})")

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

    def stat(self, proxy, server):
        """One row of `show stat` (`proxy` a frontend or backend; `server` a node, FRONTEND or BACKEND), by column."""
        if self.process.poll() is not None:
            raise AssertionError(f"haproxy exited: {self.log()}")
        try:
            lines = self.admin("show stat").splitlines()
        except OSError:
            return {}
        header = lines[0].lstrip("# ").split(",")
        rows = (dict(zip(header, line.split(","))) for line in lines[1:])
        return next((row for row in rows if row.get("pxname") == proxy and row.get("svname") == server), {})

    def node_state(self, name="node1"):
        """A node's status as HAProxy's health checks see it (UP, DOWN, DRAIN, ...)."""
        return self.stat("seminar_nodes", name).get("status")


def proxied_client(proxy, token):
    """A protocol client on a wss:// socket through the proxy, signed in with `token`."""
    return ProtocolClient(proxy, token=token, url=proxy.url.replace("https://", "wss://") + "/ws",
                          sslopt={"cert_reqs": ssl.CERT_NONE, "check_hostname": False}, timeout=10)


def tls_browser():
    """Headless Chromium that accepts the test's self-signed certificate (a real deployment has a real one)."""
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                     "--ignore-certificate-errors"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
