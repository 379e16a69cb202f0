"""A cluster behind the shipped HAProxy configuration, and a node killed mid-chat (issue 23): a throwaway PostgreSQL
(scripts/test-postgres.sh), two `seminar serve` nodes on it (SEMINAR_DATABASE_URL, each its own port and data
folder, publicURL and trustedProxies as docs/deployment.md says), and HAProxy over TLS in front with deploy/haproxy.cfg
as a person sets it up for a cluster: node1 from SEMINAR_NODE1, and the line `server node2 127.0.0.1:PORT` appended to
a copy of the file, as docs/deployment.md ("Cluster") tells a person to append it.

Two people chat in the demo's live session through the proxy, in two Chromium sessions, each on a different node.
The node serving Amina is killed with SIGKILL while both keep chatting: her page reconnects through the proxy to the
surviving node and resumes with `since` there; it shows every message sent meanwhile once and in order, the message
she sent while her node died is acknowledged and in the room once, and nothing acknowledged is lost or doubled (her
page, Bruno's page and the room's log read with `since` on the surviving node all agree). HAProxy marks the dead node
DOWN. Before the kill, each page counts both people in the room, though each is served by another node."""
import json
import os
import shutil
import subprocess
import tempfile
import urllib.request
import uuid

import pytest
from selenium.webdriver.common.by import By

from conftest import ROOT, Server, wait_until
from haproxy_helpers import INSECURE, Proxy, proxied_client, tls_browser
from pages import click, sign_up, visible

TAG = f"c{uuid.uuid4().hex[:6]}"


class Postgres:
    """A throwaway PostgreSQL on loopback, as Tests/run-all.sh starts one (scripts/test-postgres.sh)."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="seminar-pg-")
        os.chmod(self.dir, 0o755)  # the postgres user must reach its folder inside
        script = str(ROOT / "scripts" / "test-postgres.sh")
        self.url = subprocess.run([script, "start", f"{self.dir}/pg"], check=True, capture_output=True, text=True).stdout.strip()

    def stop(self):
        subprocess.run([str(ROOT / "scripts" / "test-postgres.sh"), "stop", f"{self.dir}/pg"], capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def cluster():
    """Two nodes on one PostgreSQL behind the proxy: (nodes by HAProxy's server name, proxy)."""
    database = Postgres()
    nodes = {name: Server(tempfile.mkdtemp(prefix=f"seminar-{name}-")) for name in ("node1", "node2")}
    proxy = Proxy(nodes["node1"].port, more_ports=[nodes["node2"].port])
    try:
        for node in nodes.values():
            node.extra_env.update({"SEMINAR_DATABASE_URL": database.url, "SEMINAR_PUBLIC_URL": proxy.url,
                                   "SEMINAR_TRUSTED_PROXIES": "127.0.0.1"})
            node.start()
        proxy.start()
        yield nodes, proxy
    finally:
        proxy.stop()
        for node in nodes.values():
            node.stop()
            shutil.rmtree(node.data_dir, ignore_errors=True)
        database.stop()


def online_users(node):
    """The node's own count of people online (its /metrics, read on loopback); None once it is gone."""
    try:
        with urllib.request.urlopen(node.url + "/metrics", timeout=2) as response:
            text = response.read().decode()
    except OSError:
        return None
    return next(int(float(line.split()[-1])) for line in text.splitlines() if line.startswith("seminar_online_users"))


def register(proxy, name):
    """A new participant, signed up over HTTPS through the proxy: their token."""
    body = {"email": f"{uuid.uuid4().hex[:8]}@example.org", "password": "participant-pass", "displayName": name}
    request = urllib.request.Request(proxy.url + "/api/register", method="POST", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json", "Origin": proxy.url})
    with urllib.request.urlopen(request, context=INSECURE, timeout=10) as response:
        return json.load(response)["token"]


def chat_texts(driver):
    """This test's messages as the page shows them, in order."""
    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#chat-list .chat-text") if e.text.startswith(TAG)]


def submit(driver, text):
    box = visible(driver, "#chat-input")
    wait_until(box.is_enabled, timeout=20, what="the chat to take messages")
    box.send_keys(text)
    click(driver, "#chat-send")


def acknowledged(driver, timeout=20):
    """The page's last message was acknowledged: the box empties only on the server's reply."""
    wait_until(lambda: driver.find_element(By.CSS_SELECTOR, "#chat-input").get_attribute("value") == "", timeout=timeout,
               what="the server to acknowledge the message")


def say(driver, text):
    submit(driver, text)
    acknowledged(driver)


def test_a_node_killed_mid_chat_loses_and_doubles_nothing(cluster):
    nodes, proxy = cluster
    observer = proxied_client(proxy, register(proxy, "Olga Observer"))
    room = next(s["roomId"] for s in observer.ok("program.get")["sessions"] if s.get("roomId") and s["state"] == "live")
    since = observer.ok("room.enter", {"roomId": room})["seq"]
    observer.close()
    wait_until(lambda: sum(online_users(n) for n in nodes.values()) == 0, timeout=10, what="the observer to be gone")

    amina, bruno = tls_browser(), tls_browser()
    try:
        def enter(driver, name):
            sign_up(driver, proxy, name=name)
            driver.get(f"{proxy.url}/#/room/{room}")
            visible(driver, "#room-state[data-state=live]")
            visible(driver, "#connection-status[data-state=online]")

        # Amina arrives; the node she is on is the one that will die. Bruno arrives while it takes nobody new
        # (drained, as docs/deployment.md does it), so he is on the other node.
        enter(amina, "Amina Diallo")
        hers = wait_until(lambda: next((name for name, n in nodes.items() if online_users(n) == 1), None), timeout=10,
                          what="Amina's node to count her")
        survivor = next(name for name in nodes if name != hers)
        proxy.admin(f"set server seminar_nodes/{hers} state drain")
        enter(bruno, "Bruno Costa")
        wait_until(lambda: online_users(nodes[survivor]) == 1, timeout=10, what="Bruno on the other node")
        proxy.admin(f"set server seminar_nodes/{hers} state ready")
        assert online_users(nodes[hers]) == 1
        # Presence is the cluster's: each page, served by its own node, counts both of them in the room.
        for driver in (amina, bruno):
            wait_until(lambda: visible(driver, "#present-toggle").text.startswith("2 "), timeout=15,
                       what="each page to count both people, on two nodes")

        sent = [f"{TAG} 1 Amina: before", f"{TAG} 2 Bruno: before"]
        say(amina, sent[0])
        say(bruno, sent[1])
        for driver in (amina, bruno):
            wait_until(lambda: chat_texts(driver) == sent, timeout=10, what="both to see the chat before the kill")

        # Amina's node dies while both keep chatting: she sends at once (her page resends it, with its idempotency key,
        # once it is back), Bruno goes on on his node.
        nodes[hers].process.kill()
        nodes[hers].process.wait(timeout=10)
        submit(amina, f"{TAG} Amina: while her node died")
        meanwhile = [f"{TAG} 3 Bruno: meanwhile", f"{TAG} 4 Bruno: still meanwhile"]
        for text in meanwhile:
            say(bruno, text)
        acknowledged(amina, timeout=30)
        say(bruno, f"{TAG} 5 Bruno: after")

        # The proxy's checks mark the dead node DOWN; Amina's page is online again, on the surviving node.
        wait_until(lambda: (proxy.node_state(hers) or "").startswith("DOWN"), timeout=10, what="HAProxy to mark the node DOWN")
        visible(amina, "#connection-status[data-state=online]")
        wait_until(lambda: online_users(nodes[survivor]) == 2, timeout=10, what="Amina on the surviving node")
        # Her page's first try most likely reached the dead node (it had the fewest connections) before it was DOWN:
        # the proxy tried again on the live one (retries, redispatch) and turned nobody away.
        served = proxy.stat("seminar_https", "FRONTEND")
        assert served.get("hrsp_5xx") == "0", served

        # The room's log, read with `since` on the surviving node: each acknowledged message once, in the order sent.
        reader = proxied_client(proxy, register(proxy, "Rita Reader"))
        try:
            reply = reader.ok("room.enter", {"roomId": room, "since": since})
            log, seq = [], since
            while seq < reply["seq"]:
                frame = json.loads(reader.ws.recv())
                if frame.get("topic") == f"room:{room}":
                    seq = frame["seq"]
                    if frame["type"] == "chat.message" and frame["data"]["text"].startswith(TAG):
                        log.append(frame["data"]["text"])
        finally:
            reader.close()
        bruno_said = sent[1:] + meanwhile + [f"{TAG} 5 Bruno: after"]
        assert [t for t in log if "Bruno" in t] == bruno_said, log
        assert log[0] == sent[0] and log.count(f"{TAG} Amina: while her node died") == 1 and len(log) == 6, log
        # Both pages show exactly the log: everything sent while Amina was away, once and in order.
        for driver in (amina, bruno):
            wait_until(lambda: chat_texts(driver) == log, timeout=15,
                       what=f"the page to show the room's log once, in order ({chat_texts(driver)} vs {log})")
    finally:
        amina.quit()
        bruno.quit()
