"""Mail through a real SMTP conversation: the server (a real `seminar serve`) sends password-reset mails to a
throwaway aiosmtpd on a loopback port — plain, and with STARTTLS (a self-signed certificate) and AUTH; a relay that
refuses (5xx) fails the mail at once, one that answers 4xx or never answers has it retried with back-off while other
mails go out; and a server killed with mails under way sends each exactly once after its restart."""
import json
import re
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import conftest
from conftest import Server, wait_until
from smtp_sink import PASSWORD as RELAY_PASSWORD, USER as RELAY_USER, SMTPSink

PASSWORD = "old-password-1"


class MailServer(Server):
    """conftest's Server with mail settings, roomy sign-in limits and SIGKILL."""

    def __init__(self, data_dir, mail_env):
        super().__init__(data_dir)
        self.mail_env = mail_env

    def env(self):
        env = super().env()
        env["SEMINAR_LOGIN_PER_MINUTE"] = "1000"
        env["SEMINAR_MAIL_FROM"] = "seminar@example.org"
        env.update(self.mail_env)
        return env

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def post(self, path, body):
        request = urllib.request.Request(self.url + path, method="POST", data=json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, json.loads(response.read() or b"{}"), response.headers
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}"), error.headers

    def outbox(self):
        database = sqlite3.connect(f"file:{Path(self.data_dir) / 'seminar.sqlite'}?mode=ro", uri=True)
        try:
            rows = database.execute("SELECT recipient, status, attempts, last_error, body_text FROM mail_outbox ORDER BY id").fetchall()
        finally:
            database.close()
        return {recipient: {"status": status, "attempts": attempts, "error": error, "body": body}
                for recipient, status, attempts, error, body in rows}


@pytest.fixture
def folder():
    path = tempfile.mkdtemp(prefix="seminar-mail-")
    yield path
    shutil.rmtree(path, ignore_errors=True)


def start_server(folder, mail_env, users=(), name="data"):
    data_dir = str(Path(folder) / name)
    Path(data_dir).mkdir(exist_ok=True)
    server = MailServer(data_dir, mail_env)
    for address, locale in users:
        subprocess.run([conftest.BIN, "user", "add", "--data", data_dir, "--email", address, "--password", PASSWORD, "--name", "Ada <b>Lovelace</b>",
                        "--role", "participant", "--locale", locale], check=True, cwd=conftest.ROOT, env=server.env(), capture_output=True)
    server.start()
    return server


def reset_link(message):
    match = re.search(r"(http://\S+/#/reset/([A-Za-z0-9_-]+))", message.text())
    assert match, message.text()
    return match.group(1), match.group(2)


def test_plain_relay(folder):
    """A reset mail for a known address only, in the person's language, multipart, with the seminar as sender; the
    link's token resets the password once."""
    with SMTPSink(folder) as sink:
        server = start_server(folder, {"SEMINAR_SMTP_URL": f"smtp://127.0.0.1:{sink.port}"}, users=[("ada@example.org", "fr")])
        try:
            unknown = server.post("/api/password/forgot", {"email": "nobody@example.org"})
            known = server.post("/api/password/forgot", {"email": "Ada@Example.org"})
            assert unknown[0] == known[0] == 202 and unknown[1] == known[1], (unknown, known)
            # Requests are handled in order: once the known one's mail is out, the unknown one wrote nothing.
            wait_until(lambda: sink.to("ada@example.org"), timeout=30, what="the reset mail")
            assert [m.rcpt_tos for m in sink.messages] == [["ada@example.org"]]
            assert set(server.outbox()) == {"ada@example.org"}
            mail = sink.messages[0]
            assert mail.mail_from == "seminar@example.org" and not mail.tls
            assert mail.message["From"].addresses[0].display_name == "Séminaire de CGLU"
            assert mail.message["Subject"] == "Choisir un nouveau mot de passe — Séminaire de CGLU"
            assert mail.message.get_content_type() == "multipart/alternative"
            assert [part.get_content_type() for part in mail.message.iter_parts()] == ["text/plain", "text/html"]
            assert mail.message["Message-ID"] and mail.message["Date"] and mail.message["MIME-Version"] == "1.0"
            link, token = reset_link(mail)
            assert link.startswith(server.url + "/#/reset/")
            assert "Ada <b>Lovelace</b>" in mail.text() and "Ada &lt;b&gt;Lovelace&lt;/b&gt;" in mail.html()
            # Sent: the secret link no longer sits in the outbox.
            wait_until(lambda: server.outbox()["ada@example.org"]["status"] == "sent", what="the mail marked sent")
            assert server.outbox()["ada@example.org"]["body"] == ""

            assert server.post("/api/password/reset", {"token": token, "password": "short"})[0] == 400
            status, body, headers = server.post("/api/password/reset", {"token": token, "password": "new-password-2"})
            assert status == 200 and body["user"]["email"] == "ada@example.org" and "HttpOnly" in headers["Set-Cookie"], body
            again = server.post("/api/password/reset", {"token": token, "password": "new-password-3"})
            assert again[0] == 404 and again[1]["error"]["field"] == "token", again
            assert server.post("/api/login", {"email": "ada@example.org", "password": PASSWORD})[0] == 401
            assert server.post("/api/login", {"email": "ada@example.org", "password": "new-password-2"})[0] == 200
        finally:
            server.stop()


def test_starttls_and_auth(folder):
    """STARTTLS with a self-signed certificate and AUTH: refused while the certificate is checked against the system's
    roots (queued again, never sent in clear), delivered once the relay's certificate is trusted (smtpCaFile) or
    checking is off (smtpVerifyTLS=false)."""
    with SMTPSink(folder, tls=True) as sink:
        url = f"smtp://{RELAY_USER}:{RELAY_PASSWORD}@127.0.0.1:{sink.port}"
        users = [("tls-one@example.org", "en"), ("tls-two@example.org", "es")]
        server = start_server(folder, {"SEMINAR_SMTP_URL": url, "SEMINAR_MAIL_RETRY_SECONDS": "1"}, users=users)
        try:
            assert server.post("/api/password/forgot", {"email": "tls-one@example.org"})[0] == 202
            wait_until(lambda: (server.outbox().get("tls-one@example.org") or {}).get("error"), what="a refused certificate")
            row = server.outbox()["tls-one@example.org"]
            assert row["status"] in ("queued", "sending") and "certificate" in row["error"].lower(), row
            assert not sink.messages
        finally:
            server.stop()
        server.mail_env["SEMINAR_SMTP_CA_FILE"] = str(sink.cert)
        server.start()
        try:
            wait_until(lambda: sink.to("tls-one@example.org"), timeout=30, what="the mail over verified TLS")
        finally:
            server.stop()
        del server.mail_env["SEMINAR_SMTP_CA_FILE"]
        server.mail_env["SEMINAR_SMTP_VERIFY_TLS"] = "false"
        server.start()
        try:
            assert server.post("/api/password/forgot", {"email": "tls-two@example.org"})[0] == 202
            wait_until(lambda: sink.to("tls-two@example.org"), timeout=30, what="the mail with checking off")
            for mail in sink.messages:
                assert mail.tls and mail.authenticated
            assert len(sink.to("tls-one@example.org")) == 1
            assert sink.to("tls-two@example.org")[0].message["Subject"].startswith("Elegir una nueva contraseña")
        finally:
            server.stop()


def test_implicit_tls(folder):
    """smtps:// (TLS from the first byte, as on port 465) with AUTH, the relay's self-signed certificate trusted
    through smtpCaFile: the mail arrives over TLS, authenticated."""
    with SMTPSink(folder, implicit_tls=True) as sink:
        url = f"smtps://{RELAY_USER}:{RELAY_PASSWORD}@127.0.0.1:{sink.port}"
        server = start_server(folder, {"SEMINAR_SMTP_URL": url, "SEMINAR_SMTP_CA_FILE": str(sink.cert)}, users=[("smtps@example.org", "en")])
        try:
            assert server.post("/api/password/forgot", {"email": "smtps@example.org"})[0] == 202
            mail = wait_until(lambda: sink.to("smtps@example.org"), timeout=30, what="the mail over implicit TLS")[0]
            assert mail.tls and mail.authenticated and mail.message["Subject"].startswith("Choose a new password")
        finally:
            server.stop()


def test_refusals_and_retries(folder):
    """550 fails a mail at once; 451 is retried with growing waits, then failed after mailMaxAttempts; a relay that never
    answers is timed out and retried; meanwhile the other mails go out."""
    with SMTPSink(folder, slow_seconds=8) as sink:
        users = [("slow-1@example.org", "en"), ("refuse-1@example.org", "en"), ("busy-1@example.org", "en"),
                 ("ok-1@example.org", "en"), ("ok-2@example.org", "en")]
        server = start_server(folder, {"SEMINAR_SMTP_URL": f"smtp://127.0.0.1:{sink.port}", "SEMINAR_MAIL_RETRY_SECONDS": "1",
                                       "SEMINAR_MAIL_MAX_ATTEMPTS": "3", "SEMINAR_SMTP_TIMEOUT_SECONDS": "2"}, users=users)
        try:
            for address, _ in users:
                assert server.post("/api/password/forgot", {"email": address})[0] == 202
            wait_until(lambda: sink.to("ok-1@example.org") and sink.to("ok-2@example.org"), timeout=30, what="the good mails")
            first_slow = wait_until(lambda: sink.rcpt_times("slow-1@example.org"), what="the slow mail tried")[0]
            # Not held up behind the mail the relay never answers (its time-out is 2 s).
            assert max(m.at for m in sink.messages) < first_slow + 2, "the good mails waited for the slow one"

            wait_until(lambda: server.outbox()["refuse-1@example.org"]["status"] == "failed", what="the refused mail failed")
            refused = server.outbox()["refuse-1@example.org"]
            assert refused["attempts"] == 1 and "550" in refused["error"], refused

            wait_until(lambda: server.outbox()["busy-1@example.org"]["status"] == "failed", timeout=30, what="the 4xx mail given up")
            busy = server.outbox()["busy-1@example.org"]
            assert busy["attempts"] == 3 and "451" in busy["error"], busy
            times = sink.rcpt_times("busy-1@example.org")
            assert len(times) == 3, times
            assert times[1] - times[0] >= 0.9 and times[2] - times[1] >= 1.9, f"back-off 1 s then 2 s: {times}"

            wait_until(lambda: server.outbox()["slow-1@example.org"]["attempts"] >= 2, timeout=30, what="the slow mail retried")
            assert "no reply" in server.outbox()["slow-1@example.org"]["error"]
            assert len(sink.to("ok-1@example.org")) == 1 and len(sink.to("ok-2@example.org")) == 1
            assert len(sink.rcpt_times("refuse-1@example.org")) == 1
        finally:
            server.stop()


def test_killed_with_mails_under_way(folder):
    """SIGKILL while four mails are in DATA (unanswered) and one waits: after the restart each arrives exactly once."""
    with SMTPSink(folder) as sink:
        users = [(f"crash-{i}@example.org", "en") for i in range(5)]
        sink.stall_data = True
        server = start_server(folder, {"SEMINAR_SMTP_URL": f"smtp://127.0.0.1:{sink.port}"}, users=users)
        for address, _ in users:
            assert server.post("/api/password/forgot", {"email": address})[0] == 202
        wait_until(lambda: sink.stalled >= 4, timeout=30, what="four mails in DATA")
        wait_until(lambda: len(server.outbox()) == 5, what="five mails queued")
        server.kill()
        assert not sink.messages
        sink.stall_data = False
        server.start()
        try:
            wait_until(lambda: all(row["status"] == "sent" for row in server.outbox().values()), timeout=30, what="every mail sent")
            received = sorted(address for m in sink.messages for address in m.rcpt_tos)
            assert received == sorted(address for address, _ in users), received
        finally:
            server.stop()
