"""A cluster whose PostgreSQL restarts under it heals by itself (issue 23): a throwaway PostgreSQL of this test's own
(scripts/test-postgres.sh), two `seminar serve` nodes on it, an organiser on one node and a listener on the other.
Between two announcements the database is restarted (`scripts/test-postgres.sh restart`, pg_ctl's fast restart: every
connection ends). The organiser's client sends again with one idempotency key until the node's pool has reconnected;
the other node's listening connection comes back by itself and catches up: the listener hears the announcement once,
next in order, and the one after it too. The nodes' own sockets stay up throughout."""
import json
import shutil
import subprocess
import tempfile
import time

import pytest

from conftest import ROOT, Server
from pages import ProtocolClient, register_over_http
from test_cluster import Postgres


@pytest.fixture
def two_nodes():
    database = Postgres()
    nodes = [Server(tempfile.mkdtemp(prefix=f"seminar-restart-{n}-"), {"SEMINAR_DATABASE_URL": database.url}) for n in (1, 2)]
    try:
        for node in nodes:
            node.start()
        yield database, nodes
    finally:
        for node in nodes:
            node.stop()
            shutil.rmtree(node.data_dir, ignore_errors=True)
        database.stop()


def next_announcement(client):
    """The next `announcement` event on the seminar topic: (seq, text)."""
    while True:
        frame = json.loads(client.ws.recv())
        if frame.get("topic") == "seminar" and frame.get("type") == "announcement":
            return frame["seq"], frame["data"]["text"]


def test_a_database_restart_heals_by_itself(two_nodes):
    database, (first, second) = two_nodes
    first.add_user("olga@example.org", "organiser-pass", "Olga Organiser", "organiser")
    organiser = ProtocolClient(first, email="olga@example.org", password="organiser-pass", timeout=30)
    listener = ProtocolClient(second, token=register_over_http(second, "Lena Listener")["token"], timeout=30)
    try:
        start = listener.ok("subscribe", {"topic": "seminar"})["seq"]
        organiser.ok("announce", {"text": "before"})
        assert next_announcement(listener) == (start + 1, "before")

        subprocess.run([str(ROOT / "scripts" / "test-postgres.sh"), "restart", f"{database.dir}/pg"], check=True,
                       capture_output=True, timeout=90)

        # The organiser's page sends again, with one idempotency key, until its node writes again.
        deadline = time.monotonic() + 30
        reply = organiser.request("announce", {"text": "after"}, key="after-restart")
        while not reply["ok"] and time.monotonic() < deadline:
            time.sleep(0.2)
            reply = organiser.request("announce", {"text": "after"}, key="after-restart")
        assert reply["ok"], reply
        # The other node's listening connection came back and caught up: once, next in order; then the one after.
        assert next_announcement(listener) == (start + 2, "after")
        organiser.ok("announce", {"text": "later"})
        assert next_announcement(listener) == (start + 3, "later")
    finally:
        organiser.close()
        listener.close()
