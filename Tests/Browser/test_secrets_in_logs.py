"""Secrets never reach the server's log, even at debug level: passwords, session tokens, sign-in link tokens,
calendar keys, the TURN relay's shared secret and the relay passwords made from it. (A sign-in link and a calendar address carry their secret in the URL by design — a person clicks
the one and pastes the other into a calendar app — so the request log writes those paths with the secret cut.)"""
import json
import shutil
import tempfile
import urllib.error
import urllib.request

from conftest import ORGANISER, Server
from pages import ProtocolClient


TURN_SECRET = "turn-shared-secret-5c1e7a"


class DebugServer(Server):
    def env(self):
        env = super().env()
        env["SEMINAR_LOG_LEVEL"] = "debug"
        env["SEMINAR_TURN_URLS"] = "turn:127.0.0.1:3478?transport=udp"
        env["SEMINAR_TURN_SECRET"] = TURN_SECRET
        return env


def call(server, method, path, body=None, token=None, content_type="application/json"):
    headers = {"Origin": server.url}
    if body is not None:
        headers["Content-Type"] = content_type
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = body.encode() if isinstance(body, str) else body
    request = urllib.request.Request(server.url + path, method=method, data=data, headers=headers)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_no_password_token_link_or_key_in_the_debug_log():
    data_dir = tempfile.mkdtemp(prefix="seminar-logs-")
    server = DebugServer(data_dir)
    server.add_user(ORGANISER["email"], ORGANISER["password"], ORGANISER["name"], "organiser")
    server.start()
    try:
        secrets = [ORGANISER["password"]]
        first_password, second_password = "first-secret-pass-81", "second-secret-pass-92"
        secrets += [first_password, second_password]
        status, body = call(server, "POST", "/api/register",
                            json.dumps({"email": "logs@example.org", "password": first_password, "displayName": "Lo Gs"}))
        assert status == 201, body
        secrets.append(json.loads(body)["token"])
        status, body = call(server, "POST", "/api/login", json.dumps({"email": "logs@example.org", "password": first_password}))
        assert status == 200, body
        token = json.loads(body)["token"]
        secrets.append(token)
        status, _ = call(server, "POST", "/api/login", json.dumps({"email": "logs@example.org", "password": "a-wrong-password-7"}))
        assert status == 401
        secrets.append("a-wrong-password-7")

        person = ProtocolClient(server, token=token)
        secrets.append(TURN_SECRET)
        relay = [entry for entry in person.ok("media.config")["iceServers"] if entry.get("credential")]
        assert relay, "media.config should carry the relay's credentials"
        secrets.append(relay[0]["credential"])
        calendar = person.ok("agenda.get")["calendarUrl"]
        key = calendar.rsplit("/", 1)[-1].removesuffix(".ics")
        secrets.append(key)
        assert call(server, "GET", f"/api/calendar/{key}.ics")[0] == 200
        status, _ = call(server, "POST", "/api/password",
                         json.dumps({"currentPassword": first_password, "newPassword": second_password}), token=token)
        assert status == 204

        organiser_token = server.login_token(ORGANISER["email"], ORGANISER["password"])
        secrets.append(organiser_token)
        status, body = call(server, "POST", "/api/admin/participants", "email,name\nlinked@example.org,Lin Ked\n",
                            token=organiser_token, content_type="text/csv")
        assert status == 200, body
        link = json.loads(body)["people"][0]["signInUrl"]
        link_token = link.rsplit("/", 1)[-1]
        secrets.append(link_token)
        assert call(server, "GET", f"/api/link/{link_token}")[0] == 303
        person.close()
    finally:
        server.stop()
    log = server.log_path.read_text()
    try:
        assert "path=/api/link/…" in log or "/api/link/…" in log, "the request log should show the redacted link path"
        for secret in secrets:
            assert secret not in log, f"a secret reached the log: {secret[:4]}…"
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
