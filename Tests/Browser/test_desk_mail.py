"""A desk reply by mail (issue 25), through a real aiosmtpd: while the person who asked has the page open, the
agent's reply reaches only the page; once they have left (no socket), the reply is also mailed to them, in their
language, with the way back to the desk and the one-click unsubscribe."""
import uuid

from conftest import ORGANISER, wait_until
from mail_helpers import register, running
from pages import ProtocolClient
from test_mail import folder  # noqa: F401 (the fixture)


def test_desk_reply_mailed_only_when_away(folder):
    with running(folder) as (sink, server, clients):
        agent = ProtocolClient(server, ORGANISER["email"], ORGANISER["password"])
        email, token = register(server, "Amina", "es")
        amina = ProtocolClient(server, token=token)
        clients += [agent, amina]
        assert agent.ok("admin.stats")["onlineNow"] == 2
        ticket = amina.ok("desk.ask", {"text": "¿Dónde está la sala 2?"}, key=uuid.uuid4().hex)["ticket"]["id"]
        agent.ok("desk.claim", {"ticketId": ticket})
        agent.ok("desk.message", {"ticketId": ticket, "text": "On the left, first door."}, key=uuid.uuid4().hex)

        # She leaves; the next reply is mailed.
        amina.close()
        wait_until(lambda: agent.ok("admin.stats")["onlineNow"] == 1, what="the server to see Amina gone (only the agent online)")
        agent.ok("desk.message", {"ticketId": ticket, "text": "And the coffee is upstairs."}, key=uuid.uuid4().hex)
        mail = wait_until(lambda: sink.to(email), what="the desk reply by mail")[0]
        assert mail.message["Subject"] == "La acogida le respondió — Seminario de CGLU"
        assert "> And the coffee is upstairs." in mail.text() and "On the left" not in mail.text()
        assert f"{server.url}/#/desk" in mail.text()
        assert mail.message["List-Unsubscribe"].startswith(f"<{server.url}/api/mail/unsubscribe/{amina.id}.desk.")
        assert len(sink.messages) == 1
