"""A throwaway SMTP server for the mail tests (aiosmtpd on a loopback port, in this process): it keeps each message it
accepts (and writes it to a folder as NNN.eml), and misbehaves on purpose by recipient:

- `refuse-…@` is refused at RCPT with 550 (permanent);
- `busy-…@` is refused at RCPT with 451 (try later);
- `slow-…@` gets no answer at RCPT for `slow_seconds` (longer than the server's time-out);
- any address in `refused` (a set the test changes) is refused at RCPT with 550;
- with `stall_data` set, every DATA waits, unanswered, until it is cleared, and such a message is never kept.

With `tls=True` it offers STARTTLS with a self-signed certificate made here, requires it, and requires AUTH (the
`user`/`password` below) over TLS. With `implicit_tls=True` it speaks TLS from the first byte (as on port 465) and
requires AUTH."""
import asyncio
import email
import email.policy
import os
import ssl
import subprocess
import threading
import time
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

import conftest

USER = "mailer"
PASSWORD = "relay-secret"


def make_certificate(folder):
    """A self-signed certificate for localhost and 127.0.0.1: (cert.pem, key.pem)."""
    cert, key = Path(folder) / "cert.pem", Path(folder) / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
                   check=True, capture_output=True)
    return cert, key


class Received:
    def __init__(self, mail_from, rcpt_tos, data, tls, authenticated):
        self.mail_from = mail_from
        self.rcpt_tos = rcpt_tos
        self.data = data
        self.tls = tls
        self.authenticated = authenticated
        self.at = time.monotonic()
        self.message = email.message_from_bytes(data, policy=email.policy.default)

    def text(self):
        return self.message.get_body(("plain",)).get_content()

    def html(self):
        return self.message.get_body(("html",)).get_content()


class Handler:
    def __init__(self, sink):
        self.sink = sink

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0]
        with self.sink.lock:
            self.sink.rcpt_log.append((address, time.monotonic()))
        if local.startswith("refuse") or address in self.sink.refused:
            return "550 5.1.1 No such mailbox"
        if local.startswith("busy"):
            return "451 4.3.2 Try again later"
        if local.startswith("slow"):
            await asyncio.sleep(self.sink.slow_seconds)
            return "451 4.4.2 Too slow"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.sink.stall_data:
            with self.sink.lock:
                self.sink.stalled += 1
            while self.sink.stall_data:
                await asyncio.sleep(0.05)
            return "451 4.3.0 Stalled on purpose"
        received = Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content or envelope.content,
                            tls=session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None, authenticated=bool(session.authenticated))
        with self.sink.lock:
            self.sink.messages.append(received)
            index = len(self.sink.messages)
        if self.sink.folder:
            (Path(self.sink.folder) / f"{index:03d}.eml").write_bytes(received.data)
        return "250 Message accepted"


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == USER.encode() and auth_data.password == PASSWORD.encode()
    return AuthResult(success=ok)


class SMTPSink:
    def __init__(self, folder=None, tls=False, slow_seconds=5, implicit_tls=False):
        self.folder = folder
        self.slow_seconds = slow_seconds
        self.stall_data = False
        self.refused = set()
        self.stalled = 0
        self.lock = threading.Lock()
        self.messages = []
        self.rcpt_log = []
        self.port = conftest.free_port()
        self.cert = None
        kwargs = {}
        if tls:
            self.cert, key = make_certificate(folder)
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(str(self.cert), str(key))
            kwargs = dict(tls_context=context, require_starttls=True, auth_require_tls=True, authenticator=authenticate)
        if implicit_tls:
            self.cert, key = make_certificate(folder)
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(str(self.cert), str(key))
            kwargs = dict(ssl_context=context, auth_require_tls=False, authenticator=authenticate)
        self.controller = Controller(Handler(self), hostname="127.0.0.1", port=self.port, server_hostname="relay.test", **kwargs)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.stall_data = False
        self.controller.stop()

    def to(self, address):
        with self.lock:
            return [m for m in self.messages if address in m.rcpt_tos]

    def rcpt_times(self, address):
        with self.lock:
            return [at for to, at in self.rcpt_log if to == address]
