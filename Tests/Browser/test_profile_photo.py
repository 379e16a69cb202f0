"""Issue 26: people had no photo. A participant chooses one on their profile; the server checks it, keeps a small
rendition (libvips; without it, the image as sent) and the photo shows on their lounge card, their page, the room's
list of who is there and the desk's queue; a file that is not an image, or one too large, gets a sentence saying so
and changes nothing; removing it brings the initials back."""
import struct
import tempfile
import zlib
from pathlib import Path

from selenium.webdriver.common.by import By

from conftest import AGENT, ARTIFACTS, wait, wait_until
from pages import ProtocolClient, click, css, sign_in, sign_up, text_in, visible

PASSWORD = "participant-pass"


def png(width, height, rgb=(11, 79, 138)):
    """A plain PNG of one colour (no imaging library needed)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    row = b"\x00" + bytes(rgb) * width
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * height, 9)) + chunk(b"IEND", b""))


def choose(driver, path):
    css(driver, "#profile-photo-file").send_keys(str(path))


def shown_photo(driver, scope):
    """The src of the photo in `scope` once it has loaded, or None when initials show."""
    def settled(d):
        nodes = d.find_elements(By.CSS_SELECTOR, f"{scope} .avatar")
        if not nodes:
            return False
        node = nodes[0]
        if node.tag_name == "span":
            return "initials"
        return node.get_attribute("src") if d.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", node) else False
    found = wait(driver).until(settled)
    return None if found == "initials" else found


def test_a_profile_photo_shows_in_the_lounge_rooms_and_desk_and_goes(staff_server, browsers, tmp_path):
    server = staff_server
    amina = browsers("en")
    email = sign_up(amina, server, name="Amina Diallo")
    amina.get(server.url + "/#/lounge/profile")
    visible(amina, "#profile-photo")
    assert shown_photo(amina, "#profile-photo-preview") is None, "initials before any photo"
    assert css(amina, "#profile-photo-preview .avatar").text == "AD"
    assert not css(amina, "#profile-photo-remove").is_displayed()

    # not an image: refused with a sentence, nothing changes
    text = tmp_path / "notes.png"
    text.write_text("these are my notes, not a photo")
    choose(amina, text)
    text_in(amina, "#profile-photo-error", "not an image")
    # too large: refused before it is sent
    big = tmp_path / "huge.jpg"
    big.write_bytes(b"\xff\xd8\xff" + b"\0" * (6 << 20))
    choose(amina, big)
    text_in(amina, "#profile-photo-error", "too large")
    assert shown_photo(amina, "#profile-photo-preview") is None

    # a real photo: kept small
    photo = tmp_path / "amina.png"
    photo.write_bytes(png(600, 400))
    choose(amina, photo)
    text_in(amina, "#profile-photo-status", "Photo saved.")
    assert css(amina, "#profile-photo-error").text == ""
    src = shown_photo(amina, "#profile-photo-preview")
    assert src and "/files/" in src, src
    natural = amina.execute_script("return arguments[0].naturalWidth", css(amina, "#profile-photo-preview img"))
    assert natural == 256, f"libvips is installed here: the kept photo is 256 px wide, not {natural}"
    ARTIFACTS.mkdir(exist_ok=True)
    css(amina, "#profile-photo").screenshot(str(ARTIFACTS / "profile-photo.png"))

    # others see it: the lounge card (Amina is in the lounge), her page, a room's list of who is there
    bruno = browsers("en")
    sign_up(bruno, server, name="Bruno Costa")
    bruno.get(server.url + "/#/lounge")
    amina_id = ProtocolClient(server, email, PASSWORD)
    me = amina_id.ok("profile.get")
    card = f"#lounge-present li[data-user-id='{me['id']}']"
    visible(bruno, card)
    assert shown_photo(bruno, card) == src
    bruno.get(server.url + f"/#/lounge/people/{me['id']}")
    visible(bruno, "#person-title")
    assert shown_photo(bruno, "#person-title") == src
    css(bruno, "#person-title").screenshot(str(ARTIFACTS / "profile-photo-person.png"))

    room = next(s["roomId"] for s in amina_id.ok("program.get")["sessions"] if s.get("roomId") and s["state"] in ("open", "live"))
    amina_id.ok("room.enter", {"roomId": room})
    bruno.get(server.url + f"/#/room/{room}")
    click(bruno, "#present-toggle")
    item = f"#people-list li[data-user-id='{me['id']}']"
    visible(bruno, item)
    assert shown_photo(bruno, item) == src

    # the desk's queue
    amina_id.ok("desk.ask", {"text": "Where is the plenary?", "page": "#/lounge"})
    agent = browsers("en")
    sign_in(agent, server, AGENT["email"], AGENT["password"])
    agent.get(server.url + "/#/desk/agent")
    ticket = "#desk-waiting .ticket"
    wait(agent).until(lambda d: any("Amina Diallo" in e.text for e in d.find_elements(By.CSS_SELECTOR, ticket)))
    assert shown_photo(agent, ticket) == src

    # removed: initials again, for her and for others
    click(amina, "#profile-photo-remove")
    text_in(amina, "#profile-photo-status", "Photo removed.")
    assert shown_photo(amina, "#profile-photo-preview") is None
    assert amina_id.ok("profile.get")["profile"].get("photo") is None
    bruno.get(server.url + f"/#/lounge/people/{me['id']}")
    visible(bruno, "#person-title")
    wait_until(lambda: shown_photo(bruno, "#person-title") is None, what="the initials on her page")
    amina_id.close()
