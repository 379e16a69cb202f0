"""Small helpers that drive the pages the way a person does."""
import json
from datetime import datetime, timedelta, timezone
import urllib.request
import uuid

import websocket
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import ORGANISER


def visible(driver, css, timeout=20):
    return WebDriverWait(driver, timeout).until(EC.visibility_of_element_located((By.CSS_SELECTOR, css)))


def text_in(driver, css, text, timeout=20):
    return WebDriverWait(driver, timeout).until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, css), text))


def css(driver, selector):
    return driver.find_element(By.CSS_SELECTOR, selector)


def click(driver, selector, timeout=20):
    """Clicks the element once it is clickable (found again if a live update redrew it meanwhile)."""
    def clicked(d):
        try:
            element = EC.element_to_be_clickable((By.CSS_SELECTOR, selector))(d)
            if not element:
                return False
            d.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
            element.click()
            return element
        except StaleElementReferenceException:
            return False
    return WebDriverWait(driver, timeout).until(clicked)

def sign_up(driver, server, name="Amina Diallo", email=None, password="participant-pass"):
    email = email or f"p-{uuid.uuid4().hex[:8]}@example.org"
    driver.get(server.url + "/")
    visible(driver, "#auth-view")
    visible(driver, "#show-signup").click()
    visible(driver, "#signup-name").send_keys(name)
    driver.find_element(By.CSS_SELECTOR, "#signup-email").send_keys(email)
    driver.find_element(By.CSS_SELECTOR, "#signup-password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "#signup-submit").click()
    visible(driver, "#home-view")
    visible(driver, "#connection-status[data-state=online]")
    return email


def sign_in(driver, server, email, password):
    driver.get(server.url + "/")
    visible(driver, "#signin-email").send_keys(email)
    driver.find_element(By.CSS_SELECTOR, "#signin-password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "#signin-submit").click()
    visible(driver, "#home-view")
    visible(driver, "#connection-status[data-state=online]")


def announce_in_page(driver, text, level="info"):
    box = visible(driver, "#announce-text")
    box.clear()
    box.send_keys(text)
    Select(driver.find_element(By.CSS_SELECTOR, "#announce-level")).select_by_value(level)
    driver.find_element(By.CSS_SELECTOR, "#announce-submit").click()


class ProtocolClient:
    """A real WebSocket client speaking the seminar protocol (as a non-browser client: hello with a token). Signs in
    with an email and password, or with a token already made (sign-up, an earlier sign-in: tokens survive restarts,
    so the sign-in rate limit is not spent again). `url` and `sslopt`: another socket address (a proxy's wss://)."""

    def __init__(self, server, email=None, password=None, token=None, timeout=20, url=None, sslopt=None):
        self.token = token or server.login_token(email, password)
        self.ws = websocket.create_connection(url or f"ws://127.0.0.1:{server.port}/ws", origin=server.url, timeout=timeout,
                                              sslopt=sslopt or {})
        self.next_id = 0
        reply = self.request("hello", {"token": self.token})
        assert reply["ok"], reply
        self.user_id = reply["data"]["user"]["id"]

    @property
    def id(self):
        return self.user_id

    def request(self, type_, data=None, key=None):
        self.next_id += 1
        message = {"id": self.next_id, "type": type_, "data": data or {}}
        if key:
            message["key"] = key
        self.ws.send(json.dumps(message))
        while True:
            frame = json.loads(self.ws.recv())
            if frame.get("re") == self.next_id:
                return frame

    def ok(self, type_, data=None, key=None):
        """The reply's data; fails the test when the request is refused."""
        reply = self.request(type_, data, key)
        assert reply["ok"], (type_, data, reply)
        return reply["data"]

    def close(self):
        try:
            self.ws.close()
        except Exception:  # the server may be gone
            pass


def import_program(server, body):
    """Replaces the program with `body` (the import's JSON), as the organiser over HTTP."""
    token = server.login_token(ORGANISER["email"], ORGANISER["password"])
    request = urllib.request.Request(server.url + "/api/admin/program", method="POST", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}", "Origin": server.url})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200


def register_over_http(server, name, password="participant-pass"):
    """A participant made over HTTP (not in a browser): {"email", "token", "id"}."""
    email = f"p-{uuid.uuid4().hex[:8]}@example.org"
    request = urllib.request.Request(server.url + "/api/register", method="POST", headers={"Content-Type": "application/json"},
                                     data=json.dumps({"email": email, "password": password, "displayName": name}).encode())
    with urllib.request.urlopen(request, timeout=10) as response:
        reply = json.load(response)
    return {"email": email, "token": reply["token"], "id": reply["user"]["id"]}


def future_slots(count, minutes=20, gap=5, days_ahead=1):
    """`count` meeting slots of `minutes`, `gap` apart, from 09:00 UTC `days_ahead` days from now (grid.set's shape)."""
    start = (datetime.now(timezone.utc) + timedelta(days=days_ahead)).replace(hour=9, minute=0, second=0, microsecond=0)
    slots = []
    for index in range(count):
        begin = start + timedelta(minutes=index * (minutes + gap))
        slots.append({"startsAt": begin.strftime("%Y-%m-%dT%H:%M:%SZ"),
                      "endsAt": (begin + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")})
    return slots


def set_account_language(server, email, password, locale):
    """The account's language (the page follows it at sign-in, on every device), as the person set it."""
    client = ProtocolClient(server, email, password)
    try:
        client.ok("locale.set", {"locale": locale})
    finally:
        client.close()


def soon_slots(count, minutes=20, gap=5, lead=5):
    """`count` meeting slots of `minutes`, `gap` apart, the first starting `lead` minutes from now: tables that are
    open for check-in (from 10 minutes before a slot)."""
    start = (datetime.now(timezone.utc) + timedelta(minutes=lead)).replace(second=0, microsecond=0)
    return [{"startsAt": (start + timedelta(minutes=i * (minutes + gap))).strftime("%Y-%m-%dT%H:%M:%SZ"),
             "endsAt": (start + timedelta(minutes=i * (minutes + gap) + minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")}
            for i in range(count)]
