"""Crash safety: six protocol clients chat in one open room, write DMs to each other and ask for meetings while the
server is killed with SIGKILL mid-stream (after 50, 200 and 400 acknowledgements, on the same data folder). After each
restart every acknowledged message is there exactly once (through the protocol and in the SQLite file), and every
topic's event log is 1..N with no gap."""
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import threading
from datetime import datetime, timedelta, timezone

import pytest

import conftest
from conftest import ORGANISER, Server, wait_until
from pages import ProtocolClient

PASSWORD = "crash-pass-1"
CLIENTS = 6
KILL_POINTS = (50, 200, 400)
ROUND_SECONDS = 20
BIN = os.environ.get("SEMINAR_RELEASE_BIN") or conftest.BIN


class CrashServer(Server):
    """conftest's Server with the binary of this test (the release build when SEMINAR_RELEASE_BIN is set), roomy rate
    limits (the clients stay inside them, so every refusal is a real one) and SIGKILL."""

    def env(self):
        env = super().env()
        env["SEMINAR_MESSAGE_RATE"] = "1000"
        env["SEMINAR_MESSAGE_BURST"] = "1000"
        env["SEMINAR_LOG_LEVEL"] = "notice"
        return env

    def add_user(self, email, password, name, role):
        subprocess.run([BIN, "user", "add", "--data", self.data_dir, "--email", email, "--password", password, "--name", name,
                        "--role", role], check=True, cwd=conftest.ROOT, env=self.env(), capture_output=True)

    def start(self):
        log = open(self.log_path, "a")
        self.process = subprocess.Popen([BIN, "serve", "--host", "127.0.0.1", "--port", str(self.port), "--data", self.data_dir],
                                        cwd=conftest.ROOT, env=self.env(), stdout=log, stderr=subprocess.STDOUT)
        wait_until(self.healthy, timeout=60, what=f"the server to answer /healthz (log: {self.log()})")

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)


def Client(server, token):
    """A protocol client signed in with a token (tokens survive restarts, so sign-in's rate limit is not spent)."""
    return ProtocolClient(server, token=token, timeout=10)


def slots(count):
    start = (datetime.now(timezone.utc) + timedelta(days=2)).replace(hour=6, minute=0, second=0, microsecond=0)
    return [{"startsAt": (start + timedelta(minutes=15 * i)).strftime("%Y-%m-%dT%H:%M:%SZ"),
             "endsAt": (start + timedelta(minutes=15 * i + 10)).strftime("%Y-%m-%dT%H:%M:%SZ")} for i in range(count)]


class Ledger:
    """Every acknowledged reply, shared by the sending threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.chat = {}      # messageId -> (text, seq)
        self.dms = {}       # id -> (from, to, text, seq)
        self.meetings = {}  # request id -> (from, to)
        self.count = 0
        self.refusals = []
        self.inflight = {}  # client index -> (type, data, key) of the request on the wire when the server died
        self.acked = {}     # key -> (client index, type, data, reply data)

    def add(self, kind, key, value):
        with self.lock:
            table = getattr(self, kind)
            assert key not in table, f"{kind} id {key} acknowledged twice"
            table[key] = value
            self.count += 1


def sender(server, token, index, peers, room_id, slot_ids, round_no, ledger, stop):
    """Enters the room, then sends chat, DMs and meeting requests until stopped or the connection drops; records every
    `ok` reply (a refusal other than a meeting slot's `conflict` is kept to fail the test)."""
    try:
        client = Client(server, token)
        entered = client.request("room.enter", {"roomId": room_id})
    except Exception:
        return
    if not entered["ok"]:
        with ledger.lock:
            ledger.refusals.append(entered)
        client.close()
        return
    me = client.user_id
    to = peers[(index + 1) % len(peers)]
    try:
        for i in range(2000):
            if stop.is_set():
                return
            text = f"r{round_no}-c{index}-{i}"
            if i % 3 == 0:
                request = ("chat.send", {"roomId": room_id, "text": f"chat {text}"}, f"chat-{text}")
            elif i % 3 == 1:
                request = ("dm.send", {"to": to, "text": f"dm {text}"}, f"dm-{text}")
            else:
                slot = slot_ids[(round_no * 97 + index * 13 + i) % len(slot_ids)]
                request = ("meeting.request", {"to": to, "slots": [slot], "message": text}, f"meet-{text}")
            ledger.inflight[index] = request
            reply = client.request(*request)
            if reply["ok"]:
                record(ledger, me, request, reply["data"])
                ledger.acked[request[2]] = (index, *request[:2], reply["data"])
            ledger.inflight.pop(index, None)
            if not reply["ok"] and reply["error"]["code"] not in ("conflict",):
                with ledger.lock:
                    ledger.refusals.append(reply)
    except Exception:  # the server was killed: stop sending
        return
    finally:
        client.close()


def record(ledger, me, request, data):
    type_, fields, _ = request
    if type_ == "chat.send":
        ledger.add("chat", data["messageId"], (fields["text"], data["seq"]))
    elif type_ == "dm.send":
        ledger.add("dms", data["id"], (me, fields["to"], fields["text"], data["seq"]))
    else:
        ledger.add("meetings", data["request"]["id"], (me, fields["to"]))


def retry_after_restart(server, tokens, ids, room_id, ledger, round_no):
    """What a client does after a reconnect: it sends again, with the same key, the request it had on the wire (its
    reply may have been lost) and some it had an answer for. An answered key gives the first reply again; the one on
    the wire is created at most once (checked by the duplicate checks afterwards)."""
    for index in range(CLIENTS):
        client = Client(server, tokens[index])
        try:
            assert client.request("room.enter", {"roomId": room_id})["ok"]
            mine = [(key, value) for key, value in ledger.acked.items() if value[0] == index and key.split("-")[1] == f"r{round_no}"]
            for key, (_, type_, fields, first) in mine[-3:] + mine[:2]:
                reply = client.request(type_, fields, key=key)
                assert reply["ok"] and reply["data"] == first, f"retried {key}: {reply} is not the first reply {first}"
            pending = ledger.inflight.pop(index, None)
            if pending:
                reply = client.request(*pending)
                if reply["ok"]:
                    if pending[2] not in ledger.acked:
                        record(ledger, ids[index], pending, reply["data"])
                        ledger.acked[pending[2]] = (index, *pending[:2], reply["data"])
                else:
                    assert reply["error"]["code"] == "conflict" and pending[0] == "meeting.request", (pending, reply)
        finally:
            client.close()


def history(client, type_, field, value):
    """Every message of a room or a conversation, paged backwards with `before`."""
    messages, before = [], None
    for _ in range(200):
        data = {field: value}
        if before is not None:
            data["before"] = before
        reply = client.request(type_, data)
        assert reply["ok"], reply
        page = reply["data"]["messages"]
        messages = page + messages
        if not reply["data"].get("more") or not page:
            return messages
        before = page[0]["id"]
    raise AssertionError(f"{type_} did not end after 200 pages")


def replay(client, topic):
    """`subscribe since 0` after the restart: the replayed events' seqs, which must be 1..seq of the reply."""
    reply = client.request("subscribe", {"topic": topic, "since": 0})
    assert reply["ok"], reply
    latest, seqs = reply["data"]["seq"], []
    for _ in range(100000):
        if (seqs[-1] if seqs else 0) >= latest:
            break
        frame = json.loads(client.ws.recv())
        if frame.get("topic") == topic and "seq" in frame:
            seqs.append(frame["seq"])
    assert seqs == list(range(1, latest + 1)), f"{topic}: replay after the restart is not 1..{latest}: {seqs[:20]}…"
    return latest


def check_through_the_protocol(server, tokens, ids, room_id, ledger):
    organiser = Client(server, tokens["organiser"])
    try:
        assert organiser.request("room.enter", {"roomId": room_id})["ok"]
        chat = history(organiser, "chat.history", "roomId", room_id)
        replay(organiser, f"room:{room_id}")
    finally:
        organiser.close()
    seen = {}
    for message in chat:
        seen[message["id"]] = seen.get(message["id"], 0) + 1
    texts = [m["text"] for m in chat]
    assert len(texts) == len(set(texts)), "a chat message is in the history twice"
    by_id = {m["id"]: m for m in chat}
    for message_id, (text, _) in ledger.chat.items():
        assert seen.get(message_id) == 1, f"acknowledged chat message {message_id} ({text}) seen {seen.get(message_id, 0)} times"
        assert by_id[message_id]["text"] == text

    for index in range(CLIENTS):
        client = Client(server, tokens[index])
        try:
            peer = ids[(index + 1) % CLIENTS]
            conversation = history(client, "dm.history", "with", peer)
            counted = {}
            for message in conversation:
                counted[message["id"]] = counted.get(message["id"], 0) + 1
            assert all(n == 1 for n in counted.values()), "a DM is in the history twice"
            mine = {m["id"]: m for m in conversation}
            for dm_id, (sender_id, to, text, _) in ledger.dms.items():
                if sender_id == ids[index]:
                    assert dm_id in mine and mine[dm_id]["text"] == text, f"acknowledged DM {dm_id} ({text}) is missing"
            replay(client, f"user:{ids[index]}")
            listing = client.request("meeting.list")
            assert listing["ok"], listing
            outgoing = [r["id"] for r in listing["data"]["outgoing"]]
            assert len(outgoing) == len(set(outgoing))
            for request_id, (from_id, _) in ledger.meetings.items():
                if from_id == ids[index]:
                    assert request_id in outgoing, f"acknowledged meeting request {request_id} is missing"
        finally:
            client.close()


def check_the_file(data_dir, ledger):
    """Read-only, with the server stopped: messages once each, events 1..N per topic, every acked seq in the log."""
    database = sqlite3.connect(f"file:{os.path.join(data_dir, 'seminar.sqlite')}?mode=ro", uri=True)
    try:
        assert database.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        chat = dict(database.execute("SELECT id, text FROM chat_messages").fetchall())
        for message_id, (text, _) in ledger.chat.items():
            assert chat.get(message_id) == text, f"chat message {message_id} missing from the file"
        duplicates = database.execute("SELECT text, COUNT(*) FROM chat_messages GROUP BY text HAVING COUNT(*) > 1").fetchall()
        assert duplicates == [], duplicates
        dms = dict(database.execute("SELECT id, text FROM direct_messages").fetchall())
        for dm_id, (_, _, text, _) in ledger.dms.items():
            assert dms.get(dm_id) == text, f"DM {dm_id} missing from the file"
        duplicates = database.execute("SELECT text, COUNT(*) FROM direct_messages GROUP BY text HAVING COUNT(*) > 1").fetchall()
        assert duplicates == [], duplicates
        requests = {row[0] for row in database.execute("SELECT id FROM meeting_requests")}
        assert set(ledger.meetings) <= requests

        events = {}
        for topic, seq in database.execute("SELECT topic, seq FROM events ORDER BY topic, seq"):
            events.setdefault(topic, []).append(seq)
        pruned = dict(database.execute("SELECT name, pruned_through FROM topics").fetchall())
        for topic, seqs in events.items():
            first = (pruned.get(topic) or 0) + 1
            assert seqs == list(range(first, first + len(seqs))), f"topic {topic}: seq not {first}..N without gaps: {seqs[:20]}…"
        for name, last in database.execute("SELECT name, last_seq FROM topics"):
            assert last == (events.get(name) or [pruned.get(name) or 0])[-1], f"topic {name}: last_seq {last} is not the log's last seq"
        chat_events = {}
        for topic, seq, data in database.execute("SELECT topic, seq, data FROM events WHERE type = 'chat.message'"):
            chat_events[(topic, seq)] = json.loads(data)
        for message_id, (_, seq) in ledger.chat.items():
            event = next((e for (t, s), e in chat_events.items() if s == seq and e.get("id") == message_id), None)
            assert event is not None, f"chat message {message_id}'s event (seq {seq}) is not in the log"
    finally:
        database.close()


@pytest.fixture
def crash_server():
    data_dir = tempfile.mkdtemp(prefix="seminar-crash-")
    instance = CrashServer(data_dir)
    instance.add_user(ORGANISER["email"], ORGANISER["password"], ORGANISER["name"], "organiser")
    for index in range(CLIENTS):
        instance.add_user(f"crash{index}@example.org", PASSWORD, f"Crash Tester {index}", "participant")
    instance.start()
    yield instance
    instance.stop()
    shutil.rmtree(data_dir, ignore_errors=True)


def test_acknowledged_messages_survive_sigkill(crash_server):
    server = crash_server
    tokens = {"organiser": server.login_token(ORGANISER["email"], ORGANISER["password"])}
    for index in range(CLIENTS):
        tokens[index] = server.login_token(f"crash{index}@example.org", PASSWORD)

    organiser = Client(server, tokens["organiser"])
    try:
        program = organiser.request("program.get")["data"]
        room_id = next(s["roomId"] for s in sorted(program["sessions"], key=lambda s: s["startsAt"])
                       if s["state"] == "scheduled" and s.get("roomId"))
        assert organiser.request("room.open", {"roomId": room_id})["ok"]
        grid = organiser.request("grid.set", {"slots": slots(60), "tables": 50})
        assert grid["ok"], grid
        slot_ids = [slot["id"] for slot in grid["data"]["slots"]]
    finally:
        organiser.close()

    ids = []
    for index in range(CLIENTS):
        client = Client(server, tokens[index])
        try:
            ids.append(client.user_id)
            assert client.request("availability.set", {"slots": slot_ids})["ok"]
        finally:
            client.close()

    ledger = Ledger()
    for round_no, kill_after in enumerate(KILL_POINTS):
        start_count = ledger.count
        stop = threading.Event()
        threads = []
        for index in range(CLIENTS):
            thread = threading.Thread(target=sender, args=(server, tokens[index], index, ids, room_id, slot_ids, round_no, ledger, stop),
                                      daemon=True)
            threads.append(thread)
        for thread in threads:
            thread.start()
        wait_until(lambda: ledger.count - start_count >= kill_after or not any(t.is_alive() for t in threads),
                   timeout=ROUND_SECONDS, interval=0.005, what=f"{kill_after} acknowledgements in round {round_no}")
        server.kill()
        stop.set()
        for thread in threads:
            thread.join(timeout=15)
        assert not any(t.is_alive() for t in threads), "a sending thread did not stop after the kill"
        assert ledger.count - start_count >= kill_after, f"round {round_no}: only {ledger.count - start_count} acknowledgements"
        assert ledger.refusals == [], ledger.refusals[:5]
        counts = (len(ledger.chat), len(ledger.dms), len(ledger.meetings))
        assert all(n > 0 for n in counts), counts

        check_the_file(server.data_dir, ledger)
        server.start()
        retry_after_restart(server, tokens, ids, room_id, ledger, round_no)
        check_through_the_protocol(server, tokens, ids, room_id, ledger)
        assert server.process.poll() is None

