"""Every page of the client at 360 and 1280 CSS px: a screenshot of each for a person to look at
(artifacts/screens/<page>-<width>.png), no horizontal scroll of the page, and at 360 px every visible interactive
element a target of at least 44×44 CSS px (WCAG 2.5.5, target size).

What counts as a target: button, a[href], input, select, textarea, summary, [role=button], [tabindex="0"].
- A checkbox or radio is measured together with its label (the label is the target): the input and its labels'
  union must be at least 44 px high and 44 px wide.
- Exempt, as WCAG 2.5.5 allows: an inline link inside a sentence or block of text (display: inline, and its block
  holds other words than the link's own), whose size is set by the line of text.
- Not measured: elements that are not rendered or are visually hidden (1×1 px clip), and those off the page (the
  skip link before it gets the focus).
The viewport is set with CDP Emulation.setDeviceMetricsOverride (360 as a phone, 1280 as a desktop), so
window.innerWidth is really the width checked. Offenders are collected for every page and reported together."""
import base64
import json
import urllib.request
import uuid
from pathlib import Path

from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By

from conftest import AGENT, ORGANISER, wait
from pages import ProtocolClient, click, future_slots, sign_in, sign_up, visible

SCREENS = Path(__file__).resolve().parent / "artifacts" / "screens"
WIDTHS = (360, 1280)
PASSWORD = "participant-pass"

# Runs in the page: the page's horizontal overflow and, at `checkTargets`, every target smaller than 44×44.
AUDIT = r"""
const checkTargets = arguments[0];
const doc = document.documentElement;
const result = { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, innerWidth: window.innerWidth, wide: [], small: [] };
const describe = (node) => {
  let text = (node.getAttribute('aria-label') || node.textContent || node.value || node.placeholder || '').replace(/\s+/g, ' ').trim().slice(0, 40);
  const id = node.id ? '#' + node.id : '';
  const cls = node.classList.length ? '.' + [...node.classList].join('.') : '';
  const type = node.type && node.tagName === 'INPUT' ? `[type=${node.type}]` : '';
  return `${node.tagName.toLowerCase()}${id}${cls}${type}${text ? ` "${text}"` : ''}`;
};
const shown = (node) => {
  if (!node.checkVisibility({ checkOpacity: false, checkVisibilityCSS: true })) return false;
  const r = node.getBoundingClientRect();
  if (r.width <= 1 && r.height <= 1) return false; // visually hidden
  if (r.bottom + window.scrollY <= 0 || r.right + window.scrollX <= 0) return false; // off the page (skip link)
  return true;
};
// Elements wider than the page (what makes it scroll sideways), the deepest ones only.
if (doc.scrollWidth > doc.clientWidth) {
  for (const node of document.body.querySelectorAll('*')) {
    if (!shown(node)) continue;
    const r = node.getBoundingClientRect();
    if (r.right + window.scrollX > doc.clientWidth + 0.5 && ![...node.children].some((c) => c.getBoundingClientRect().right + window.scrollX > doc.clientWidth + 0.5)) {
      result.wide.push(`${describe(node)} (right edge ${Math.round(r.right + window.scrollX)})`);
      if (result.wide.length >= 8) break;
    }
  }
}
if (checkTargets) {
  const blockOf = (node) => {
    for (let p = node.parentElement; p; p = p.parentElement) {
      if (!getComputedStyle(p).display.startsWith('inline')) return p;
    }
    return document.body;
  };
  const inlineInText = (a) => {
    if (!getComputedStyle(a).display.startsWith('inline') || getComputedStyle(a).display === 'inline-flex' || getComputedStyle(a).display === 'inline-block') return false;
    const block = blockOf(a);
    const own = a.textContent.replace(/\s+/g, '');
    const all = block.textContent.replace(/\s+/g, '');
    return all.length > own.length + 3;
  };
  const selector = 'button, a[href], input, select, textarea, summary, [role=button], [tabindex="0"]';
  for (const node of document.querySelectorAll(selector)) {
    if (node.type === 'hidden' || !shown(node)) continue;
    let r = node.getBoundingClientRect();
    let box = { width: r.width, height: r.height };
    if (node.tagName === 'A' && inlineInText(node)) continue;
    if (node.tagName === 'INPUT' && (node.type === 'checkbox' || node.type === 'radio')) {
      let left = r.left, top = r.top, right = r.right, bottom = r.bottom;
      for (const label of node.labels || []) {
        if (!shown(label)) continue;
        const l = label.getBoundingClientRect();
        left = Math.min(left, l.left); top = Math.min(top, l.top); right = Math.max(right, l.right); bottom = Math.max(bottom, l.bottom);
      }
      // The row a label and its box share (a .check / .choice line) is the target too when it wraps both.
      const row = node.parentElement;
      if (row && [...(node.labels || [])].every((l) => row.contains(l))) {
        const p = row.getBoundingClientRect();
        if (getComputedStyle(row).display.includes('flex')) { top = Math.min(top, p.top); bottom = Math.max(bottom, p.bottom); }
      }
      box = { width: right - left, height: bottom - top };
    }
    if (box.width < 43.5 || box.height < 43.5) {
      result.small.push(`${describe(node)} ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
  }
}
return result;
"""


def set_width(driver, width):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": 800 if width < 600 else 900, "deviceScaleFactor": 1, "mobile": width < 600})


def shoot(driver, name, width, part=None):
    """The whole page, or only `part` (an element) when given."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    options = {"format": "png", "captureBeyondViewport": True}
    if part is not None:
        box = driver.execute_script("const r = arguments[0].getBoundingClientRect(); "
                                    "return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height}", part)
        options["clip"] = {**box, "scale": 1}
    data = driver.execute_cdp_cmd("Page.captureScreenshot", options)["data"]
    (SCREENS / f"{name}-{width}.png").write_bytes(base64.b64decode(data))


class Audit:
    """Visits pages at both widths and keeps every problem, to fail once with the whole list."""

    def __init__(self):
        self.problems = []

    def check(self, driver, name, width, part=None):
        # Let layout settle: fonts, lazy parts, the last live update.
        driver.execute_script("return document.fonts.ready")
        report = driver.execute_script(AUDIT, width < 600)
        if width < 600:
            assert report["innerWidth"] == width, f"{name}: the viewport is {report['innerWidth']} CSS px, not {width}"
        shoot(driver, name, width, part)
        if report["scrollWidth"] > report["clientWidth"]:
            self.problems.append(f"{name} @ {width}: the page scrolls sideways (scrollWidth {report['scrollWidth']} > "
                                 f"{report['clientWidth']}); too wide: " + "; ".join(report["wide"]))
        for item in report["small"]:
            self.problems.append(f"{name} @ {width}: target under 44×44: {item}")

    def visit(self, driver, server, pages):
        """`pages`: [(name, hash, ready_css, prepare or None)]; each is checked at every width."""
        for width in WIDTHS:
            set_width(driver, width)
            for name, hash_, ready, prepare in pages:
                if hash_ is not None:
                    driver.get(f"{server.url}/{hash_}")
                    visible(driver, "#connection-status[data-state=online]")
                try:
                    visible(driver, ready)
                except TimeoutException as error:
                    raise AssertionError(f"{name} @ {width}: {ready} never showed") from error
                part = prepare(driver) if prepare else None
                self.check(driver, name, width, part)
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    def assert_clean(self):
        assert not self.problems, f"{len(self.problems)} problem(s) on small or large screens:\n  " + "\n  ".join(self.problems)


def register(server, name):
    email = f"p-{uuid.uuid4().hex[:8]}@example.org"
    request = urllib.request.Request(server.url + "/api/register", method="POST", headers={"Content-Type": "application/json"},
                                     data=json.dumps({"email": email, "password": PASSWORD, "displayName": name}).encode())
    with urllib.request.urlopen(request, timeout=10) as response:
        return email, json.load(response)["user"]["id"]


def seed(server):
    """A meeting grid, a booked meeting and a DM between two participants, a French post with a long URL, an FAQ
    entry; returns what the pages need."""
    organiser = ProtocolClient(server, ORGANISER["email"], ORGANISER["password"])
    try:
        slots = organiser.ok("grid.set", {"slots": future_slots(3), "tables": 5})["slots"]
        program = organiser.ok("program.get")
        post = organiser.ok("feed.post", {"kind": "report", "lang": "fr", "tags": ["logement", "villes"],
                                          "title": "Rapport sur le logement abordable dans les villes intermédiaires",
                                          "body": "Un rapport **important**.\n\nSource : https://example.org/rapports/logement/"
                                                  "un-tres-long-chemin-sans-espaces-qui-deborderait-de-l-ecran-2021.pdf"})
        organiser.ok("faq.upsert", {"question": {"en": "Where do I find the recordings?", "fr": "Où trouver les enregistrements ?"},
                                    "answer": {"en": "On each session's page, after it ends.", "fr": "Sur la page de chaque session."}})
    finally:
        organiser.close()
    bruno_email, bruno_id = register(server, "Bruno Sánchez-Villanueva")
    session = sorted((s for s in program["sessions"] if s["state"] == "scheduled"), key=lambda s: s["startsAt"])[0]
    return {"slots": slots, "bruno": (bruno_email, bruno_id), "session": session, "post": post["id"]}


def open_help(driver):
    click(driver, "#help-button")
    visible(driver, "#help-panel")


def help_closed(driver):
    """Going to another page closed the help panel: it does not lie over the next page."""
    wait(driver).until(lambda d: not d.find_element(By.CSS_SELECTOR, "#help-panel").is_displayed())


def test_participant_pages(staff_server, browsers):
    server = staff_server
    data = seed(server)
    driver = browsers("en")
    audit = Audit()

    # Signed out: the sign-in and sign-up forms.
    for width in WIDTHS:
        set_width(driver, width)
        driver.get(server.url + "/")
        visible(driver, "#signin-form")
        audit.check(driver, "auth-signin", width)
        click(driver, "#show-signup")
        visible(driver, "#signup-form")
        audit.check(driver, "auth-signup", width)
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    sign_up(driver, server, name="Amina Diallo")
    bruno_email, bruno_id = data["bruno"]
    bruno = ProtocolClient(server, bruno_email, PASSWORD)
    try:
        bruno.ok("profile.update", {"organisation": "Ciudades Intermedias", "city": "Valparaíso", "region": "latin-america",
                                    "languages": ["es", "en"], "acceptsMeetings": True,
                                    "bio": "Urbanista. https://example.org/una-direccion-muy-larga-que-no-cabe-en-una-pantalla-pequena"})
        amina_id = bruno.ok("people.search", {"q": "Amina"})["people"][0]["id"]
        bruno.ok("dm.send", {"to": amina_id, "text": "Hola Amina, ¿hablamos de vivienda? "
                                                     "https://example.org/un-enlace-muy-largo-sin-espacios-para-probar-el-ajuste"})
        bruno.ok("meeting.request", {"to": amina_id, "slots": [data["slots"][0]["id"], data["slots"][1]["id"]],
                                     "message": "¿Hablamos de vivienda?"})
        to_accept = bruno.ok("meeting.request", {"to": amina_id, "slots": [data["slots"][2]["id"]]})["request"]
    finally:
        bruno.close()

    session = data["session"]
    pages = [
        ("home", "#/", "#home-title", None),
        ("desk", "#/desk", "#desk-guide", None),
        ("help-panel", "#/desk", "#desk-guide", open_help),
        ("lounge-people", "#/lounge", "#people-q", help_closed),
        ("lounge-person", f"#/lounge/people/{bruno_id}", ".person-page", None),
        ("lounge-request", f"#/lounge/people/{bruno_id}/request", "#request-form", None),
        ("lounge-profile", "#/lounge/profile", "#profile-form", None),
        ("lounge-messages", "#/lounge/messages", ".conversation-list", None),
        ("lounge-dm", f"#/lounge/messages/{bruno_id}", ".dm-form", None),
        ("lounge-meetings", "#/lounge/meetings", "#requests-incoming li[data-request-id]", None),
        ("sessions", "#/sessions", ".session-item", None),
        ("session-page", f"#/sessions/{session['id']}", ".facts", None),
        ("room-participant", f"#/room/{session['roomId']}", "#room-state", None),
        ("agenda", "#/agenda", "#area-agenda-title, #area-agenda h1", None),
        ("hub", "#/hub", ".post-card", None),
        ("hub-post", f"#/hub/post/{data['post']}", ".post-body", None),
        ("hub-search", "#/hub/search?q=logement", ".post-card", None),
        ("hub-composer", "#/hub/new", "#post-form", None),
    ]
    audit.visit(driver, server, pages)

    # Amina accepts the first request: a meeting table to visit.
    set_width(driver, 1280)
    driver.get(server.url + "/#/lounge/meetings")
    visible(driver, "#connection-status[data-state=online]")
    click(driver, f"#requests-incoming li[data-request-id='{to_accept['id']}'] button.accept")
    link = visible(driver, "#my-meetings a.join-table")
    table = link.get_attribute("href").split("#", 1)[1]
    audit.visit(driver, server, [("lounge-meetings-booked", "#/lounge/meetings", "#my-meetings a.join-table", None),
                                 ("table", f"#{table}", "#area-table-title", None)])
    audit.assert_clean()


def test_host_and_staff_pages(staff_server, browsers):
    server = staff_server
    data = seed(server)
    session = data["session"]
    audit = Audit()

    organiser = browsers("en")
    sign_in(organiser, server, ORGANISER["email"], ORGANISER["password"])
    # The console is one tab per part: each is checked on its own page.
    admin_parts = [(f"admin-{part}", f"#/admin/{part}", f"#admin-{part}-title", None)
                   for part in ("announce", "people", "mail", "plan", "reports", "audit")]
    audit.visit(organiser, server, [
        ("room-host", f"#/room/{session['roomId']}", "#host-console", None),
        ("session-page-host", f"#/sessions/{session['id']}", ".facts", None),
        ("admin", "#/admin", "#admin-dashboard-title", None),
        *admin_parts,
    ])

    agent = browsers("en")
    sign_in(agent, server, AGENT["email"], AGENT["password"])
    participant = ProtocolClient(server, *register(server, "Chidi Okafor")[:1], PASSWORD)
    try:
        participant.ok("desk.ask", {"text": "I cannot hear the interpreter in the plenary room, what should I do? "
                                            "https://example.org/a-very-long-link-without-spaces-to-test-wrapping", "page": "#/sessions"})
    finally:
        participant.close()
    audit.visit(agent, server, [("desk-agent", "#/desk/agent", "#desk-queue", None),
                                ("desk-agent-chat", "#/desk/agent", "#desk-queue", open_ticket)])
    audit.assert_clean()


def open_ticket(driver):
    """Claims the waiting ticket (first visit) or opens the claimed one (later visits), and waits for its chat."""
    visible(driver, "#desk-waiting .ticket-claim, #desk-claimed .ticket-open")
    buttons = driver.find_elements(By.CSS_SELECTOR, "#desk-waiting .ticket-claim") or driver.find_elements(By.CSS_SELECTOR, "#desk-claimed .ticket-open")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", buttons[0])
    buttons[0].click()
    visible(driver, "#desk-chat-body")
    driver.execute_script("window.scrollTo(0, 0)")
