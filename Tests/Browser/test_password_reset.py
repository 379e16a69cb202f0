"""Account recovery in a real browser, with no SMTP relay configured (the embedded default): "Forgot your password?"
→ the mail lands as an .eml file in the data folder's outbox/ → its link opens the new-password page → signed in; the
old password no longer works, the other browser's session ends (its socket is closed), and the link works once."""
import email
import email.policy
import json
import re
import urllib.error
import urllib.request
from pathlib import Path

from selenium.webdriver.common.by import By

from conftest import wait_until
from pages import click, sign_up, text_in, visible


def eml_files(server):
    return sorted((Path(server.data_dir) / "outbox").glob("*.eml"))


def login_status(server, address, password):
    request = urllib.request.Request(server.url + "/api/login", method="POST", headers={"Content-Type": "application/json"},
                                     data=json.dumps({"email": address, "password": password}).encode())
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_forgot_password_end_to_end(server, browsers):
    elsewhere = browsers("en")
    address = sign_up(elsewhere, server, name="Ada Lovelace", password="old-password-1")

    driver = browsers("en")
    driver.get(server.url + "/")
    click(driver, "#show-forgot")
    field = visible(driver, "#forgot-email")
    field.clear()
    field.send_keys(address)
    click(driver, "#forgot-submit")
    text_in(driver, "#forgot-sent", "If an account exists for this address, a link is on its way")

    path = wait_until(lambda: eml_files(server), what="the reset mail in outbox/")[0]
    mail = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert mail["To"].addresses[0].addr_spec == address and mail.get_content_type() == "multipart/alternative"
    text = mail.get_body(("plain",)).get_content()
    link = re.search(r"(http://\S+/#/reset/[A-Za-z0-9_-]+)", text).group(1)

    driver.get(link)
    visible(driver, "#reset-password").send_keys("new-password-2")
    driver.find_element(By.CSS_SELECTOR, "#reset-confirm").send_keys("new-password-X")
    click(driver, "#reset-submit")
    text_in(driver, "#auth-error", "The two passwords are not the same")
    assert "/reset/" not in driver.current_url, "the token stays out of the address bar"
    confirm = driver.find_element(By.CSS_SELECTOR, "#reset-confirm")
    confirm.clear()
    confirm.send_keys("new-password-2")
    click(driver, "#reset-submit")
    visible(driver, "#home-view")
    visible(driver, "#connection-status[data-state=online]")

    # The other browser's session ended with the reset: its socket was closed and it is back on the sign-in page.
    visible(elsewhere, "#auth-view")
    text_in(elsewhere, "#auth-error", "Your session has ended")
    assert login_status(server, address, "old-password-1") == 401
    assert login_status(server, address, "new-password-2") == 200

    # The link works once.
    again = browsers("en")
    again.get(link)
    visible(again, "#reset-password").send_keys("new-password-3")
    again.find_element(By.CSS_SELECTOR, "#reset-confirm").send_keys("new-password-3")
    click(again, "#reset-submit")
    text_in(again, "#auth-error", "This link has expired or was already used")
    assert login_status(server, address, "new-password-2") == 200
