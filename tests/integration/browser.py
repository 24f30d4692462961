"""A shopper's or a creator's browser as plain HTTP (pages and their forms, no JavaScript),
and Printora's webhook sender: what happens between the client's calls."""

from __future__ import annotations

import re
from collections.abc import Mapping

import requests

from printora_client import PrintoraError, Variant, error_from_response
from printora_sandbox.dispatcher import Dispatcher

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

# What a shopper types at the sandbox's checkout.
SHOPPER = {
    "first_name": "Maya",
    "last_name": "Chen",
    "email": "maya@example.com",
    "street": "1 Infinite Loop",
    "city": "Cupertino",
    "state": "CA",
    "zip_code": "95014",
    "country": "United States",
}


class Browser:
    """One visitor: keeps cookies, posts forms with the page's CSRF token, follows nothing."""

    def __init__(self) -> None:
        self.http = requests.Session()
        self.http.trust_env = False  # the live server is local: no proxy
        self.token = ""

    def open(self, url: str, **query: str) -> requests.Response:
        response = self.http.get(url, params=query, timeout=10)
        found = CSRF.search(response.text)
        self.token = found.group(1) if found else self.token
        return response

    def submit(self, url: str, fields: Mapping[str, object]) -> requests.Response:
        return self.http.post(
            url,
            data={**fields, "csrfmiddlewaretoken": self.token},
            headers={"Referer": url},
            allow_redirects=False,
            timeout=10,
        )

    def close(self) -> None:
        self.http.close()


def save_design(editor_url: str, *, x: int, y: int, scale: int) -> requests.Response:
    """The creator places the design in Printora's merch editor and saves it."""
    browser = Browser()
    try:
        browser.open(editor_url)
        return browser.submit(editor_url, {"x": x, "y": y, "scale": scale, "action": "save"})
    finally:
        browser.close()


def editor_api_error(response: requests.Response) -> PrintoraError:
    """What printora_client makes of an error answer of the public merch-editor endpoints."""
    return error_from_response(response.status_code, response.content, response.headers)


def deliver_webhooks() -> int:
    """Printora's sender posts every due webhook, over HTTP, to SANDBOX_WEBHOOK_URL."""
    http, sent = requests.Session(), 0
    dispatcher = Dispatcher(http=http)
    try:
        while batch := dispatcher.run_due():
            sent += batch
    finally:
        http.close()
    return sent


def checkout(redirect_url: str, variant: Variant, **extra: str) -> requests.Response:
    """A shopper opens the redirect URL and pays for one unit of ``variant``."""
    shopper = Browser()
    try:
        page = shopper.open(redirect_url, **extra)
        assert page.status_code == 200, page.text[:500]
        fields = {"product": "t-shirt", "colour": variant.color, "size": variant.size}
        return shopper.submit(
            redirect_url + "/checkout", {**fields, "quantity": "1", **SHOPPER, **extra}
        )
    finally:
        shopper.close()
