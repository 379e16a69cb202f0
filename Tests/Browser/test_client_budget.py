"""Issue 9, "Reach": what the client weighs, as served (docs/client-budget.md holds the figures and their history).

Measures, in bytes as served (uncompressed and gzipped), the whole client, what a cold home page loads, and what each
area adds when it is first visited, next to what the same files weigh as written (unminified, string tables in three
languages), which is what the server sent before it minified and split them. Prints the table:

    SEMINAR_BIN=$PWD/.build/debug/seminar SEMINAR_ROOT=$PWD python3 -m pytest -q -s Tests/Browser/test_client_budget.py

With CLIENT_BUDGET_BEFORE=<commit>, the "as written" columns are the files as written at that commit (a commit before
the server minified is what it served then).

It asserts only what must hold whatever the figures: nothing fetched is a string table of another language, and
what is served is smaller than what is written."""
import os
import subprocess
import urllib.request
import zlib

from selenium.webdriver.common.by import By

from conftest import ORGANISER, ROOT, wait_until
from pages import set_account_language, sign_in, sign_up, visible
from test_served_client import LOCALES, WEB, served_paths
from test_weak_links import shell_modules

# Each area by a route that opens it; the desk's agent console and the organisers' console need those roles.
AREAS = [
    ("desk", "#/desk", None), ("lounge", "#/lounge", None), ("sessions", "#/sessions", None), ("room", "#/room/1", None),
    ("hub", "#/hub", None), ("agenda", "#/agenda", None), ("table", "#/table/1", None),
    ("desk, agent console", "#/desk/agent", "organiser"), ("admin", "#/admin", "organiser"),
]


def served_size(server, path, gzip):
    request = urllib.request.Request(f"{server.url}/{path}", headers={"Accept-Encoding": "gzip" if gzip else "identity"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return len(response.read())  # urllib does not decompress: these are the bytes on the wire


BEFORE = os.environ.get("CLIENT_BUDGET_BEFORE")


def written(path):
    """The files as written in Web/ for a served path (a language's table → the three-language table; the first page's
    bundle → the modules in it)."""
    parts = path.split("/")
    if path.startswith("js/strings/") and len(parts) == 4:
        return [f"js/strings/{parts[3]}"]
    if path == "js/shell.js":
        return [f"js/{name}" for name in sorted(shell_modules() - {"prefetch.js", "locale.js", "strings.js"})]
    return [path]


def written_bytes(path):
    """A file of Web/ as written now, or at CLIENT_BUDGET_BEFORE (empty if it did not exist)."""
    if BEFORE:
        shown = subprocess.run(["git", "show", f"{BEFORE}:Web/{path}"], cwd=ROOT, capture_output=True)
        return shown.stdout if shown.returncode == 0 else b""
    file = WEB / path
    return file.read_bytes() if file.exists() else b""


def gzipped(data):
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip, level 9, as the server makes its copies
    return len(compressor.compress(data) + compressor.flush())


class Sizes:
    def __init__(self, server):
        self.server = server
        self.cache = {}

    def of(self, path):
        """(served, served gzipped) for a served path."""
        if path not in self.cache:
            self.cache[path] = (served_size(self.server, path, False), served_size(self.server, path, True))
        return self.cache[path]

    def total(self, paths):
        """Served, served gzipped, written and written gzipped bytes of `paths` (each file as written counted once)."""
        sources = [written_bytes(file) for file in {w for p in paths for w in written(p)}]
        return [sum(self.of(p)[0] for p in set(paths)), sum(self.of(p)[1] for p in set(paths)),
                sum(len(b) for b in sources), sum(gzipped(b) for b in sources)]


def fetched(driver):
    """The client files the page has fetched (not the API, the socket or the page's own URL), as paths under Web/."""
    paths = driver.execute_script("""
        return performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'))
          .map((e) => new URL(e.name).pathname);""")
    out = set()
    for path in paths:
        if path.startswith("/api/") or path.startswith("/files/") or "/media/" in path:  # media: content, not client
            continue
        path = "/".join(path.split("/")[3:]) if path.startswith("/v/") else path.lstrip("/")
        out.add(path or "index.html")
    return out


def settled(driver):
    """Waits until the page has fetched nothing new for a while (areas load sub-modules after they show)."""
    last = {"files": None, "stable": 0}

    def quiet():
        now = fetched(driver)
        last["stable"] = last["stable"] + 1 if now == last["files"] else 0
        last["files"] = now
        return last["stable"] >= 5

    wait_until(quiet, timeout=30, interval=0.2, what="the page to stop fetching")
    return last["files"]


def cold(driver, server, route=""):
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    driver.get("about:blank")
    driver.get(server.url + "/" + route)
    visible(driver, "#home-title" if not route else "#home-main section:not([hidden]) h1")
    visible(driver, "#connection-status[data-state=online]")
    if route:
        wait_until(lambda: not driver.find_elements(By.CSS_SELECTOR, "#home-main section:not([hidden]) .area-loading"),
                   what="the area to load")
    return settled(driver)


def cold_signed_out(driver, server):
    """The first page of a visitor who is not signed in, from a cold cache, once its program shows."""
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    driver.get("about:blank")
    driver.get(server.url + "/")
    visible(driver, "#signin-form")
    visible(driver, "#welcome-program .welcome-session")
    return settled(driver)


def kb(n):
    return f"{n / 1000:.1f}"


def test_client_budget(staff_server, browsers):
    server = staff_server
    sizes = Sizes(server)
    rows = []
    every = [p for p in served_paths() if not p.startswith("media/")]  # the demo's UCLG TV clip is content, not client
    rows.append(("everything served (3 languages)", sizes.total(every)))
    other = tuple(f"js/strings/{locale}/" for locale in LOCALES if locale != "fr")
    rows.append(("everything a French reader can load", sizes.total([p for p in every if not p.startswith(other)])))

    visitor = browsers("fr")
    first = cold_signed_out(visitor, server)
    rows.append(("first page (signed out: the seminar, its program, sign-in)", sizes.total(first)))
    participant = browsers("fr")
    sign_up(participant, server)
    home = cold(participant, server)
    rows.append(("home page (signed in, cold)", sizes.total(home)))
    organiser = browsers("fr")
    set_account_language(server, ORGANISER["email"], ORGANISER["password"], "fr")  # a French-speaking organiser
    sign_in(organiser, server, ORGANISER["email"], ORGANISER["password"])
    loaded = set(home)
    participant_client = set(home)  # everything a participant can reach (not the agents' and organisers' consoles)
    journey = set(home)  # a participant's usual first visit: the program, a session's room, the lounge
    for name, route, role in AREAS:
        driver = organiser if role else participant
        files = cold(driver, server, route)
        loaded |= files
        if not role:
            participant_client |= files
        if name in ("sessions", "room", "lounge"):
            journey |= files
        rows.append((f"+ {name} ({route})", sizes.total(files - home)))
        rows.append((f"home + {name}", sizes.total(files)))
        for path in files:
            assert not path.startswith(other), f"{route} fetched {path}: a table of another language"
    rows.append(("home, sessions, room and lounge", sizes.total(journey)))
    rows.append(("home and every participant area", sizes.total(participant_client)))
    rows.append(("home and every area", sizes.total(loaded)))

    print("\n| what | served | served, gzip | as written | as written, gzip |\n| --- | ---: | ---: | ---: | ---: |")
    for name, (plain, packed, source, source_packed) in rows:
        print(f"| {name} | {kb(plain)} KB | {kb(packed)} KB | {kb(source)} KB | {kb(source_packed)} KB |")
    print("\nlargest files a French reader can load (served KB, as written KB):")
    mine = [p for p in every if not p.startswith(other)]
    for path in sorted(mine, key=lambda p: -sizes.of(p)[0])[:25]:
        print(f"  {path}: {kb(sizes.of(path)[0])} ({kb(sum(len(written_bytes(w)) for w in written(path)))})")

    for name, (plain, packed, source, source_packed) in rows:
        assert plain < source, f"{name}: served {plain} bytes, written {source}"
    # Issue 26's budget: the first page (signed in or not) ≤ 100 KB decoded and ≤ 40 KB on the wire; an area's first
    # visit adds ≤ 60 KB decoded.
    figures = dict(rows)
    for name in ("first page (signed out: the seminar, its program, sign-in)", "home page (signed in, cold)"):
        assert figures[name][0] <= 100_000 and figures[name][1] <= 40_000, f"{name}: {figures[name][:2]}"
    for name, (plain, *_rest) in rows:
        if name.startswith("+ "):
            assert plain <= 60_000, f"{name} adds {plain} bytes"
