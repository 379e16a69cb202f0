"""What the mail tests share: a seminar server sending to a throwaway aiosmtpd (with an organiser), participants made
over HTTP in a language, and two of them with sockets and a meeting grid."""
import json
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

from conftest import ORGANISER
from pages import ProtocolClient, future_slots
from smtp_sink import SMTPSink
from test_mail import MailServer


def start(folder, sink):
    data_dir = str(Path(folder) / "data")
    Path(data_dir).mkdir(exist_ok=True)
    server = MailServer(data_dir, {"SEMINAR_SMTP_URL": f"smtp://127.0.0.1:{sink.port}"})
    server.add_user(ORGANISER["email"], ORGANISER["password"], ORGANISER["name"], "organiser")
    server.start()
    return server


@contextmanager
def running(folder):
    """An SMTP sink and a server that sends to it (with an organiser); protocol clients added to the list are closed
    at the end, then the server stops."""
    with SMTPSink(folder) as sink:
        server = start(folder, sink)
        clients = []
        try:
            yield sink, server, clients
        finally:
            for client in clients:
                client.close()
            server.stop()


def register(server, name, locale):
    email = f"{name.lower()}-{uuid.uuid4().hex[:6]}@example.org"
    request = urllib.request.Request(server.url + "/api/register", method="POST", headers={"Content-Type": "application/json"},
                                     data=json.dumps({"email": email, "password": "participant-pass", "displayName": name, "locale": locale}).encode())
    with urllib.request.urlopen(request, timeout=10) as response:
        return email, json.load(response)["token"]


def two_people(server, clients, locales=("fr", "en")):
    """The organiser's grid of three slots and two participants, Amina and Bruno (in `locales`), each with a socket
    (added to `clients`): (slots, amina_email, amina, bruno_email, bruno)."""
    organiser = ProtocolClient(server, ORGANISER["email"], ORGANISER["password"])
    clients.append(organiser)
    slots = organiser.ok("grid.set", {"slots": future_slots(3), "tables": 4})["slots"]
    amina_email, amina_token = register(server, "Amina", locales[0])
    bruno_email, bruno_token = register(server, "Bruno", locales[1])
    amina, bruno = ProtocolClient(server, token=amina_token), ProtocolClient(server, token=bruno_token)
    clients += [amina, bruno]
    return slots, amina_email, amina, bruno_email, bruno
