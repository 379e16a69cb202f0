"""Hostile HTTP against a real server: malformed and oversized bodies, wrong upload types, path traversal, CSV bombs,
cross-origin writes, the security headers on every answer, malformed HTTP itself, and hostile socket frames. The
server must answer each with a clear 4xx (never a 500, never a file it should not serve, never a text it silently
shortened) and keep answering /healthz. Known server bugs are strict xfails naming the bug."""
import http.client
import json
import select
import socket
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
import websocket

from conftest import ORGANISER, wait_until

PAYLOAD_TIMEOUT = 60
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\x1f\x15\xc4\x89" + bytes(16)


def call(server, method, path, body=None, headers=None, timeout=PAYLOAD_TIMEOUT):
    """One request on a fresh connection, the path sent as is (no normalisation); returns (status, headers, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=timeout)
    try:
        connection.putrequest(method, path, skip_accept_encoding=True)
        headers = dict(headers or {})
        if body is not None and "Content-Length" not in headers and "Transfer-Encoding" not in headers:
            headers["Content-Length"] = str(len(body))
        for name, value in headers.items():
            connection.putheader(name, value)
        connection.endheaders()
        if body is not None:
            try:
                view = memoryview(body)
                for start in range(0, len(body), 1 << 20):
                    connection.send(view[start:start + (1 << 20)])
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server may answer (413) and close before reading everything; its answer is still there
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def chunked(server, path, chunks, headers):
    """A body sent with Transfer-Encoding: chunked (no Content-Length to refuse it early)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=PAYLOAD_TIMEOUT)
    try:
        connection.putrequest("POST", path, skip_accept_encoding=True)
        for name, value in {**headers, "Transfer-Encoding": "chunked"}.items():
            connection.putheader(name, value)
        connection.endheaders()
        try:
            for chunk in chunks:
                connection.send(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
            connection.send(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def same_origin(server):
    return {"Origin": server.url}


def organiser_headers(server, content_type):
    token = server.login_token(ORGANISER["email"], ORGANISER["password"])
    return {"Authorization": f"Bearer {token}", "Content-Type": content_type, **same_origin(server)}


def error_of(status, headers, body):
    assert status != 500, (status, body[:300])
    assert headers.get("Content-Type", "").startswith("application/json"), (status, headers.get("Content-Type"), body[:300])
    return json.loads(body)["error"]


def assert_alive(server):
    status, _, body = call(server, "GET", "/healthz", timeout=10)
    assert status == 200 and json.loads(body) == {"status": "ok"}, (status, body)


MALFORMED = {
    "not json": b"{bad",
    "empty": b"",
    "truncated": b'{"email":"a@example.org","password":"aaaa',
    "invalid utf-8": b'{"email":"\xff\xfe@example.org","password":"\xc3\x28aaaaaaaa","displayName":"\xed\xa0\x80"}',
    "a number as email": b'{"email":1e999999,"password":"x"}',
    "a trailing comma": b'{"email":"a@example.org",}',
    "a lone surrogate": b'{"email":"\\ud800@example.org","password":"aaaaaaaaaa","displayName":"\\udfff"}',
}
NOT_AN_OBJECT = {"an array": b"[1,2]", "null": b"null", "a string": b'"hello"', "a number": b"42"}


@pytest.mark.parametrize("route", ["/api/login", "/api/register"])
@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_json_is_a_400_json_error(server, route, name):
    status, headers, body = call(server, "POST", route, MALFORMED[name], {"Content-Type": "application/json"})
    error = error_of(status, headers, body)
    # Foundation's decoder takes a lone surrogate (as U+FFFD) and a trailing comma: then a wrong pair (401) is right too.
    allowed = {400, 401} if name in ("a lone surrogate", "a trailing comma") else {400}
    assert status in allowed and error["code"] in ("invalid", "unauthenticated"), (route, name, status, body)
    assert_alive(server)


@pytest.mark.parametrize("route", ["/api/login", "/api/register"])
@pytest.mark.parametrize("name", sorted(NOT_AN_OBJECT))
def test_a_body_that_is_not_an_object_is_a_400_that_names_no_empty_field(server, route, name):
    status, headers, body = call(server, "POST", route, NOT_AN_OBJECT[name], {"Content-Type": "application/json"})
    error = error_of(status, headers, body)
    assert status == 400 and error["code"] == "invalid", (route, name, status, body)
    # `field` is null when no field is at fault (docs/protocol.md), and the message is a sentence, not " has the wrong type".
    assert error["field"] is None, (route, name, body)
    assert not error["message"].startswith(" "), (route, name, body)


@pytest.mark.parametrize("email", ["nul\u0000@example.org", "org@example.org\u0000x"])
def test_a_nul_character_in_an_email_is_refused_not_truncated(server, email):
    """U+0000 is not part of an address: the server must refuse it rather than store a shortened address."""
    body = json.dumps({"email": email, "password": "a long password", "displayName": "Nul\u0000Name"}).encode()
    status, headers, reply = call(server, "POST", "/api/register", body, {"Content-Type": "application/json", **same_origin(server)})
    assert status == 400, (email, status, reply)
    assert error_of(status, headers, reply)["field"] == "email", (email, status, reply)


def test_oversized_json_bodies_are_413(server):
    big = b'{"email":"' + b"a" * (2 << 20) + b'","password":"x"}'
    for route in ("/api/login", "/api/register"):
        status, headers, body = call(server, "POST", route, big, {"Content-Type": "application/json"})
        error = error_of(status, headers, body)
        assert status == 413 and error["code"] == "too_large", (route, status, body[:200])
        status, headers, body = chunked(server, route, [big[i:i + 65536] for i in range(0, len(big), 65536)],
                                        {"Content-Type": "application/json"})
        assert status == 413, (route, "chunked", status, body[:200])
        assert_alive(server)


def test_a_30_mib_upload_is_413_and_the_server_lives(server):
    headers = organiser_headers(server, "application/pdf")
    headers["X-Filename"] = "big.pdf"
    big = PDF + bytes(30 << 20)
    status, response_headers, body = call(server, "POST", "/api/files", big, headers)
    error = error_of(status, response_headers, body)
    assert status == 413 and error["code"] == "too_large", (status, body[:200])
    assert_alive(server)
    status, _, body = chunked(server, "/api/files", [PDF] + [bytes(1 << 20)] * 30, headers)
    assert status == 413, ("chunked", status, body[:200])
    assert_alive(server)
    # A small upload still works afterwards.
    status, _, body = call(server, "POST", "/api/files", PDF, headers)
    assert status == 201, (status, body)


@pytest.mark.parametrize("content_type, data", [
    ("text/html", b"<script>alert(1)</script>"),
    ("application/javascript", b"alert(1)"),
    ("image/svg+xml", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    ("application/x-msdownload", b"MZ\x90\x00\x03"),
    ("application/x-sh", b"#!/bin/sh\nrm -rf /\n"),
    ("application/pdf", b"<html><script>alert(1)</script></html>"),
    ("image/png", PDF),
    ("application/octet-stream", PDF),
], ids=["html", "js", "svg", "exe", "sh", "html-as-pdf", "pdf-as-png", "octet-stream"])
def test_uploads_of_the_wrong_type_are_415(server, content_type, data):
    headers = organiser_headers(server, content_type)
    headers["X-Filename"] = urllib.parse.quote("file.bin")
    status, response_headers, body = call(server, "POST", "/api/files", data, headers)
    error_of(status, response_headers, body)
    assert status == 415, (content_type, status, body)


def test_an_upload_without_a_type_or_a_name_is_refused(server):
    headers = organiser_headers(server, "application/pdf")
    status, response_headers, body = call(server, "POST", "/api/files", PDF, headers)
    assert status == 400 and error_of(status, response_headers, body)["field"] == "X-Filename", (status, body)
    headers = {k: v for k, v in organiser_headers(server, "x").items() if k != "Content-Type"}
    headers["X-Filename"] = "a.pdf"
    status, response_headers, body = call(server, "POST", "/api/files", PDF, headers)
    error_of(status, response_headers, body)
    assert status == 415, (status, body)


TRAVERSALS = [
    "/files/..%2F..%2Fseminar.sqlite", "/files/%2e%2e", "/files/..", "/files/%2e%2e%2fseminar.sqlite",
    "/files/1%2F..%2F..%2F..%2FPackage.swift", "/../Package.swift", "/js/../../Package.swift",
    "/%2e%2e/%2e%2e/etc/passwd", "/%2e%2e/Package.swift", "/js/%2e%2e/%2e%2e/Package.swift", "/js/..%2f..%2fPackage.swift",
    "/..%5c..%5cPackage.swift", "/js/%2e%2e%2f%2e%2e%2fPackage.swift", "/%252e%252e/Package.swift", "/....//Package.swift",
    "/..;/Package.swift", "/Web/../Package.swift", "/js/../../../../../../etc/passwd", "//etc/passwd", "/.git/config",
    "/../Sources/seminar/main.swift", "/js/../../Config/seminar.json",
]
SECRETS = [b"swift-tools-version", b"SQLite format 3", b"root:x:0:0", b"[core]", b"import ", b'"port"']


@pytest.mark.parametrize("path", TRAVERSALS)
def test_path_traversal_never_serves_a_file_outside_web(server, path):
    token = server.login_token(ORGANISER["email"], ORGANISER["password"])
    for headers in ({}, {"Authorization": f"Bearer {token}"}):
        status, _, body = call(server, "GET", path, headers=headers)
        assert status != 500, (path, status)
        leaked = [secret for secret in SECRETS if secret in body[:4096]]
        assert not (status == 200 and leaked), (path, status, leaked, body[:120])
    assert_alive(server)


@pytest.mark.parametrize("path", ["/js/app.js%00.html", "/js/app.js%00.png"])
def test_a_nul_byte_in_a_static_path_is_refused(server, path):
    status, headers, body = call(server, "GET", path)
    assert status in (400, 404), (path, status, headers.get("Content-Type"), body[:60])


def participants_csv(server, data):
    return call(server, "POST", "/api/admin/participants", data, organiser_headers(server, "text/csv"))


def test_csv_bombs_are_refused_and_the_server_lives(server):
    rows = "email,name\n" + "".join(f"p{i}@example.org,Person {i}\n" for i in range(20001))
    status, headers, body = participants_csv(server, rows.encode())
    error_of(status, headers, body)
    assert status == 400 and json.loads(body)["problems"], (status, body[:300])
    assert_alive(server)

    cell = b"email,name\nx@example.org," + b"a" * (9 << 20) + b"\n"
    status, headers, body = participants_csv(server, cell)
    error_of(status, headers, body)
    assert status in (400, 413), (status, body[:300])
    assert_alive(server)

    for garbage in (b'email,name\n"' + b'""' * 50000 + b'\n"a,"b"c"d"",,\n' + b'"' * 1000 + b"\n",
                    b'email,name\n"unterminated@example.org,Never Closed\n' + b"x," * 30000,
                    b"email,name\n" + b'"' * 200000,
                    b"email,name\n\x00\x00,\xff\xfe\n",
                    b"\xef\xbb\xbf" + b"," * 100000 + b"\n",
                    b"email,name\n" + b"a@example.org," + b'"x"' * 10000 + b"\n"):
        status, headers, body = participants_csv(server, garbage)
        error_of(status, headers, body)
        assert status == 400, (garbage[:40], status, body[:300])
        assert "problems" in json.loads(body) or json.loads(body)["error"]["code"] == "invalid", body[:300]
        assert_alive(server)

    # Nothing of any of these was written: the participants export has only the organiser and the demo secretariat.
    token = server.login_token(ORGANISER["email"], ORGANISER["password"])
    status, _, body = call(server, "GET", "/api/export/participants.csv", headers={"Authorization": f"Bearer {token}"})
    assert status == 200 and b"p1@example.org" not in body and b"x@example.org" not in body, (status, body[:300])


STATE_CHANGING = ["/api/login", "/api/register", "/api/logout", "/api/files", "/api/admin/participants", "/api/admin/program",
                  "/api/calendar/revoke", "/api/profile/photo"]


@pytest.mark.parametrize("route", STATE_CHANGING)
def test_cross_origin_writes_are_403(server, route):
    token = server.login_token(ORGANISER["email"], ORGANISER["password"])
    body = json.dumps({"email": ORGANISER["email"], "password": ORGANISER["password"], "displayName": "X"}).encode()
    for origin in ("https://evil.example", "null", f"{server.url}.evil.example", "http://127.0.0.1:1",
                   f"http://localhost:{server.port}", f"http://127.0.0.1:{server.port}@evil.example"):
        # (https:// with the server's own host is allowed on purpose: the same site behind a TLS proxy.)
        headers = {"Authorization": f"Bearer {token}", "Cookie": f"seminar_session={token}", "Content-Type": "application/json",
                   "Origin": origin, "X-Filename": "a.pdf"}
        status, response_headers, reply = call(server, "POST", route, body, headers)
        error = error_of(status, response_headers, reply)
        assert status == 403 and error["code"] == "forbidden", (route, origin, status, reply)
    # The organiser's session was not closed by the refused logout.
    status, _, _ = call(server, "GET", "/api/me", headers={"Authorization": f"Bearer {token}"})
    assert status == 200


def test_a_cross_origin_websocket_upgrade_is_403(server):
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        websocket.create_connection(f"ws://127.0.0.1:{server.port}/ws", origin="https://evil.example", timeout=10)
    assert refused.value.status_code == 403


def assert_security_headers(what, status, headers):
    policy = headers.get("Content-Security-Policy", "")
    directives = {d.strip().split(" ")[0]: d.strip() for d in policy.split(";") if d.strip()}
    assert directives.get("default-src") == "default-src 'self'", (what, status, policy)
    assert directives.get("frame-ancestors") == "frame-ancestors 'none'", (what, status, policy)
    assert "'unsafe-inline'" not in directives.get("script-src", "script-src 'self'"), (what, policy)
    assert headers.get("X-Content-Type-Options") == "nosniff", (what, status, dict(headers))


def test_every_response_has_the_security_headers(server):
    token = server.login_token(ORGANISER["email"], ORGANISER["password"])
    bearer = {"Authorization": f"Bearer {token}"}
    headers = organiser_headers(server, "application/pdf")
    headers["X-Filename"] = "report.pdf"
    status, _, body = call(server, "POST", "/api/files", PDF, headers)
    assert status == 201, body
    file_url = json.loads(body)["url"]
    requests = [
        ("GET", "/", None, {}), ("GET", "/index.html", None, {}), ("GET", "/js/app.js", None, {}), ("GET", "/css/", None, {}),
        ("GET", "/favicon.svg", None, {}), ("GET", "/nothing-here", None, {}), ("GET", "/healthz", None, {}),
        ("GET", "/api/seminar", None, {}), ("GET", "/api/me", None, {}), ("GET", "/api/me", None, bearer),
        ("GET", "/api/agenda.ics", None, bearer), ("GET", "/api/calendar/nope.ics", None, {}), ("GET", "/metrics", None, {}),
        ("GET", file_url, None, bearer), ("GET", file_url, None, {}), ("GET", "/files/999999", None, bearer),
        ("GET", "/api/export/participants.csv", None, bearer), ("GET", "/api/export/nope.csv", None, bearer),
        ("GET", "/api/link/not-a-token", None, {}), ("GET", "/ws", None, {}), ("GET", "/../Package.swift", None, {}),
        ("GET", "/%00", None, {}), ("HEAD", "/", None, {}), ("OPTIONS", "/api/login", None, {}), ("DELETE", "/api/login", None, {}),
        ("POST", "/api/login", b"{bad", {"Content-Type": "application/json"}),
        ("POST", "/api/login", json.dumps({"email": "no@example.org", "password": "wrong-pass"}).encode(), {"Content-Type": "application/json"}),
        ("POST", "/api/login", b"a" * (2 << 20), {"Content-Type": "application/json"}),
        ("POST", "/api/login", b"{}", {"Content-Type": "application/json", "Origin": "https://evil.example"}),
        ("POST", "/api/files", b"<html>", {**headers, "Content-Type": "text/html"}),
        ("POST", "/api/admin/participants", b"email,name\nbad,\n", {**headers, "Content-Type": "text/csv"}),
        ("POST", "/api/admin/program", b"{}", {**headers, "Content-Type": "application/json"}),
        ("POST", "/api/logout", None, {}),
    ]
    for method, path, body, extra in requests:
        status, response_headers, _ = call(server, method, path, body, extra)
        assert status != 500, (method, path, status)
        assert_security_headers(f"{method} {path}", status, response_headers)


def socket_for(server):
    token = server.login_token(ORGANISER["email"], ORGANISER["password"])
    ws = websocket.create_connection(f"ws://127.0.0.1:{server.port}/ws", origin=server.url, timeout=10)
    ws.send(json.dumps({"id": 1, "type": "hello", "data": {"token": token}}))
    assert json.loads(ws.recv()).get("ok") is True
    return ws


HOSTILE_FRAMES = [
    "[" * 30000 + "]" * 30000,
    '{"id":2,"type":"ping","data":' + '{"a":' * 5000 + "1" + "}" * 5000 + "}",
    '{"id":"x","type":"ping"}', '{"id":1e300,"type":"ping"}', '{"id":123456789012345678901234567890,"type":"ping"}',
    '{"id":3,"type":5}', '{"id":4,"type":"chat.send","data":[1]}', '{"id":5,"type":"room.enter","data":{"roomId":"1 OR 1=1"}}',
    '{"id":6,"type":"room.enter","data":{"roomId":-9223372036854775808}}', '{"id":7,"type":"subscribe","data":{"topic":"user:../../1"}}',
    '{"id":8,"type":"subscribe","data":{"topic":"seminar","since":9223372036854775807}}',
    '{"id":9,"type":"feed.search","data":{"q":"\\"a\\" NEAR(b c) * - : ^ OR AND NOT )("}}',
    '{"id":10,"type":"faq.list","data":{"q":"\\" * NEAR( ^ :"}}', '{"id":11,"type":"people.search","data":{"q":"\\"NEAR(*","limit":100000000}}',
    json.dumps({"id": 12, "type": "dm.send", "data": {"to": 1, "text": "x"}, "key": "k" * 5000}),
    json.dumps({"id": 13, "type": "grid.set", "data": {"slots": [{"startsAt": "2030-01-01T00:00:00Z", "endsAt": "2030-01-01T00:00:01Z"}], "tables": 2 ** 62}}),
    json.dumps({"id": 14, "type": "schedule.preview", "data": {"slots": list(range(1, 3000)), "maxPerPerson": 32}}),
    json.dumps({"id": 15, "type": "announce", "data": {"text": "x", "publishAt": "2026-13-45T99:99:99Z"}}),
    json.dumps({"id": 16, "type": "breakout.start", "data": {"roomId": 1, "size": 2, "mode": "random", "minutes": 2 ** 40}}),
    json.dumps({"id": 17, "type": "room.stream.set", "data": {"roomId": 1, "language": "floor", "url": "javascript:alert(1)//.mp4"}}),
    json.dumps({"id": 18, "type": "session.update", "data": {"sessionId": 1, "conceptNote": "javascript:alert(1)"}}),
    json.dumps({"id": 19, "type": "desk.guide", "data": {"ticketId": 1, "hash": "javascript:alert(1)"}}),
]


def test_hostile_socket_frames_get_errors_and_the_socket_lives(server):
    ws = socket_for(server)
    try:
        for frame in HOSTILE_FRAMES:
            ws.send(frame)
            answer = json.loads(ws.recv())
            error = answer.get("error") or (answer.get("data") if answer.get("type") == "error" else None)
            if answer.get("ok") is True:
                continue  # searches with operators as words, a ping with an odd id
            assert error and error["code"] != "internal", (frame[:80], answer)
        ws.send_binary(b"\x00\x01")
        assert json.loads(ws.recv())["data"]["code"] == "invalid"
        ws.send(b"\xff\xfe", opcode=websocket.ABNF.OPCODE_TEXT)
        assert json.loads(ws.recv())["data"]["code"] == "invalid"
        ws.send(json.dumps({"id": 99, "type": "ping"}))
        assert json.loads(ws.recv()) .get("re") == 99
    finally:
        ws.close()
    assert_alive(server)


@pytest.mark.parametrize("value", ["1e308", "9223372036854775808", "1.5"])
def test_a_number_out_of_range_is_invalid_naming_the_field(server, value):
    ws = socket_for(server)
    try:
        ws.send('{"id":2,"type":"room.enter","data":{"roomId":%s}}' % value)
        answer = json.loads(ws.recv())
    finally:
        ws.close()
    assert answer["ok"] is False and answer["error"]["field"] == "roomId", answer


def test_an_oversized_socket_frame_closes_with_1009_and_the_server_lives(server):
    ws = socket_for(server)
    code = None
    try:
        ws.send(json.dumps({"id": 2, "type": "chat.send", "data": {"roomId": 1, "text": "x" * (70 << 10)}}))
        for _ in range(10):
            frame = ws.recv_data_frame(control_frame=True)[1]
            if frame.opcode == websocket.ABNF.OPCODE_CLOSE:
                code = int.from_bytes(frame.data[:2], "big")
                break
    finally:
        ws.close()
    assert code == 1009, code
    assert_alive(server)


def ask(ws, id_, type_, data):
    ws.send(json.dumps({"id": id_, "type": type_, "data": data}))
    for _ in range(100):
        frame = json.loads(ws.recv())
        if frame.get("re") == id_:
            return frame
    raise AssertionError(f"no reply to {type_}")


@pytest.mark.parametrize("what", ["displayName", "dm", "post title"])
def test_a_nul_character_in_a_text_is_refused_or_kept_whole(server, what):
    text = "ab\u0000cd"
    ws = socket_for(server)
    try:
        me = ask(ws, 2, "profile.get", {})["data"]["id"]
        other = next(p["id"] for p in ask(ws, 3, "people.list", {})["data"]["people"] if p["id"] != me)
        if what == "displayName":
            written = ask(ws, 4, "profile.update", {"displayName": text})
            read = lambda: ask(ws, 5, "profile.get", {})["data"]["displayName"]
        elif what == "dm":
            written = ask(ws, 4, "dm.send", {"to": other, "text": text})
            read = lambda: ask(ws, 5, "dm.history", {"with": other})["data"]["messages"][-1]["text"]
        else:
            written = ask(ws, 4, "feed.post", {"kind": "news", "title": text, "body": "body", "lang": "en", "tags": []})
            read = lambda: ask(ws, 5, "feed.get", {"postId": written["data"]["id"]})["data"]["post"]["title"]
        stored = read() if written["ok"] else None
    finally:
        ws.close()
    assert not written["ok"] or stored in (text, "abcd", "ab\ufffdcd"), (what, written, stored)


MALFORMED_HTTP = {
    "a TLS hello": b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(100),
    "an unknown method": b"FOO /api/seminar HTTP/1.1\r\nHost: x\r\n\r\n",
    "two different Content-Lengths": b"POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 40\r\n\r\n{}",
    "a negative Content-Length": b"POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n{}",
    "an overflowing Content-Length": b"POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n{}",
    "Transfer-Encoding with Content-Length (smuggling)":
        b"POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n",
    "a 200 KB header": b"GET / HTTP/1.1\r\nHost: x\r\nX-A: " + b"a" * 200000 + b"\r\n\r\n",
    "a 200 KB path": b"GET /" + b"a" * 200000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
}


def raw_exchange(server, data, wait_seconds):
    """Sends raw bytes; returns what the server answered before closing, or None if it neither answered nor closed."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=wait_seconds) as raw:
        try:
            raw.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            return b""
        try:
            return raw.recv(4096)
        except socket.timeout:
            return None
        except ConnectionResetError:
            return b""


def closed_by(sockets, deadline, open_ones=None):
    """How many of `sockets` the server has closed by `deadline` (a monotonic time), watched all at once; `open_ones`
    (a set, when given) is left holding those still open."""
    open_ones = set(sockets) if open_ones is None else open_ones
    closed = 0
    while open_ones and time.monotonic() < deadline:
        readable, _, _ = select.select(list(open_ones), [], [], max(0.0, deadline - time.monotonic()))
        for raw in readable:
            try:
                chunk = raw.recv(65536)
            except (ConnectionResetError, OSError):
                chunk = b""
            if not chunk:
                open_ones.discard(raw)
                closed += 1
    return closed


@pytest.mark.parametrize("name", sorted(MALFORMED_HTTP))
def test_a_malformed_http_request_is_answered_or_closed(server, name):
    answer = raw_exchange(server, MALFORMED_HTTP[name], wait_seconds=3)
    assert answer is not None, f"{name}: no answer and still open after 3 s"
    assert answer == b"" or answer.split(b" ")[1][:1] == b"4", (name, answer[:120])
    if b"smuggling" in name.encode():
        assert answer.count(b"HTTP/1.1") <= 1, answer
    assert_alive(server)


def read_until_closed(raw, seconds):
    """Everything the server sends until it closes the connection (True) or `seconds` pass (False)."""
    raw.settimeout(0.5)
    data = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            chunk = raw.recv(65536)
        except socket.timeout:
            continue
        except ConnectionResetError:
            return data, True
        if not chunk:
            return data, True
        data += chunk
    return data, False


@pytest.mark.parametrize("name", sorted(MALFORMED_HTTP))
def test_a_malformed_http_request_gets_a_400_and_a_close(server, name):
    """Not a wait for a time-out: the 400 (or a reset, for a head too large to read) and the close come at once."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw:
        try:
            raw.sendall(MALFORMED_HTTP[name])
        except (BrokenPipeError, ConnectionResetError):
            return
        answer, closed = read_until_closed(raw, 5)
    assert closed, f"{name}: still open 5 s after {answer[:40]!r}"
    assert answer == b"" or answer.startswith(b"HTTP/1.1 400"), (name, answer[:120])


def test_a_bad_json_400_closes_the_connection(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw:
        raw.sendall(b"POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4\r\n\r\n{bad")
        answer, closed = read_until_closed(raw, 5)
    assert answer.startswith(b"HTTP/1.1 400") and b"connection: close" in answer.lower(), answer[:300]
    assert closed


def urllib_upload(server, data, headers):
    """urllib sends `Connection: close` and writes the whole body before it reads the answer."""
    request = urllib.request.Request(server.url + "/api/files", data=data, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=PAYLOAD_TIMEOUT) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_an_oversized_upload_from_urllib_gets_its_413(server):
    headers = organiser_headers(server, "application/pdf")
    headers["X-Filename"] = "big.pdf"
    big = PDF + bytes(60 << 20)
    started = time.monotonic()
    status, body = urllib_upload(server, big, headers)
    assert status == 413 and json.loads(body)["error"]["code"] == "too_large", (status, body[:200])
    # Chunked (an iterable body has no Content-Length): refused once the limit is passed, answered all the same.
    status, body = urllib_upload(server, (big[i:i + (1 << 20)] for i in range(0, len(big), 1 << 20)), headers)
    assert status == 413, (status, body[:200])
    assert time.monotonic() - started < PAYLOAD_TIMEOUT
    assert_alive(server)


def test_silent_and_slow_connections_are_closed_after_the_head_time_out(server):
    """requestHeadSeconds (10 s by default) from the accept to the whole head; a head that never ends is cut too."""
    silent = [socket.create_connection(("127.0.0.1", server.port), timeout=10) for _ in range(5)]
    slow = [socket.create_connection(("127.0.0.1", server.port), timeout=10) for _ in range(5)]
    for raw in slow:
        raw.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
    try:
        for raw in silent + slow:
            answer, closed = read_until_closed(raw, 25)
            assert closed and answer == b"", answer[:120]
    finally:
        for raw in silent + slow:
            raw.close()
    assert_alive(server)


def test_one_address_cannot_hold_every_connection(server):
    """The 1,800 silent connections of the review: past httpConnectionsPerAddress (200, following connectionsPerAddress)
    each new one is closed at once, and the held ones end with the head time-out."""
    held = []
    try:
        for _ in range(260):
            held.append(socket.create_connection(("127.0.0.1", server.port), timeout=10))
        # "At once" is well before the head time-out (10 s) that ends the admitted ones: all are watched together until
        # 7 s after the last was opened, so a busy machine's slow accepts cannot miscount. Which 60 are refused is the
        # server's order of accepting, not quite the order of opening (two event loops take connections in turn).
        still_open = set(held)
        closed_at_once = closed_by(held, time.monotonic() + 7, still_open)
        assert closed_at_once == 60, closed_at_once
        # The 200 admitted are closed by the time-out.
        for raw in still_open:
            _, closed = read_until_closed(raw, 25)
            assert closed
    finally:
        for raw in held:
            raw.close()
    wait_until(lambda: healthy(server), timeout=20, what="the server to serve again")


def healthy(server):
    try:
        return call(server, "GET", "/healthz", timeout=5)[0] == 200
    except (ConnectionError, http.client.HTTPException, OSError):
        return False
