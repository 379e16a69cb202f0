"""The shipped deployment (deploy/haproxy.cfg, run unchanged) in front of a node, over TLS with a self-signed
certificate: a person signs in and chats through the proxy (HTTPS and a wss:// socket), the cookie is Secure,
plain HTTP is redirected, per-address limits count people (the forwarded address) and not the proxy, a forged
X-Forwarded-For is not believed, and a node that is told to stop drains: /healthz answers 503 and the proxy takes it
out of rotation while the people on it are still served, then their sockets close with 1001 (going away)."""
import http.client
import json
import shutil
import signal
import tempfile
import urllib.error
import urllib.request

import pytest
import websocket

from conftest import ORGANISER, Server, free_port, wait_until
from haproxy_helpers import INSECURE, Proxy, proxied_client, tls_browser
from pages import sign_in


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
    ws = proxied_client(proxy, token).ws
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
