"""Images in the hub are served at a size that fits the screen: a smaller WebP rendition (800 px wide at most) made
on upload with libvips (Debian's libvips42, installed by Tests/run-all.sh), shown in the post; the caption links the
original. Without libvips the original is served at the same address (docs/operations.md)."""
import struct
import urllib.request
import zlib

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import ORGANISER, wait_until
from pages import sign_in, sign_up, text_in, visible


def make_png(path, width, height):
    """A real PNG (a colour gradient, so it does not compress to nothing), written with the standard library."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)
        for x in range(width):
            rows += bytes(((x * 255) // width, (y * 255) // height, (x ^ y) & 0xFF))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(bytes(rows), 6)) + chunk(b"IEND", b"")
    path.write_bytes(png)
    return path


def webp_size(data):
    """(width, height) of a WebP (lossy VP8, lossless VP8L or extended VP8X)."""
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP", data[:16]
    kind = data[12:16]
    if kind == b"VP8 ":
        return struct.unpack("<H", data[26:28])[0] & 0x3FFF, struct.unpack("<H", data[28:30])[0] & 0x3FFF
    if kind == b"VP8L":
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if kind == b"VP8X":
        return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
    raise AssertionError(f"unknown WebP chunk {kind}")


def get(server, path, token):
    request = urllib.request.Request(server.url + path, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers.get("Content-Type"), response.read()


def test_a_photo_is_shown_as_a_small_rendition_and_links_the_original(server, browsers, tmp_path):
    organiser = browsers("en")
    sign_in(organiser, server, ORGANISER["email"], ORGANISER["password"])
    organiser.get(server.url + "/#/hub/new")
    Select(visible(organiser, "#post-kind")).select_by_value("resource")
    organiser.find_element(By.CSS_SELECTOR, "#post-title").send_keys("Photo of the plenary")
    organiser.find_element(By.CSS_SELECTOR, "#post-body-input").send_keys("The plenary hall on the first morning.")
    photo = make_png(tmp_path / "plenary.png", 1600, 900)
    organiser.find_element(By.CSS_SELECTOR, "#post-files").send_keys(str(photo))
    visible(organiser, "#upload-list .upload[data-state=done]")
    organiser.find_element(By.CSS_SELECTOR, "#post-submit").click()
    wait_until(lambda: organiser.execute_script("return location.hash").startswith("#/hub/post/"), what="the new post's page")

    participant = browsers("en")
    sign_up(participant, server)
    participant.get(server.url + "/" + organiser.execute_script("return location.hash"))
    text_in(participant, "#area-hub-title", "Photo of the plenary")
    image = visible(participant, "#post-attachments img")
    src = image.get_attribute("src")
    assert src.endswith("?w=800"), src
    assert visible(participant, "#post-attachments a.attachment-link").get_attribute("href").endswith(src.split("/")[-1].split("?")[0])
    wait_until(lambda: participant.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image),
               what="the image to load")
    assert participant.execute_script("return arguments[0].naturalWidth", image) == 800

    token = server.login_token(ORGANISER["email"], ORGANISER["password"])
    path = "/" + src.split("/", 3)[3]
    kind, small = get(server, path, token)
    assert kind == "image/webp"
    assert webp_size(small) == (800, 450)
    kind, original = get(server, path.split("?")[0], token)
    assert kind == "image/png" and original == photo.read_bytes()
    assert len(small) < len(original) / 4, (len(small), len(original))
