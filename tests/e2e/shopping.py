"""Helpers for the flow B/C browser tests (a helper module: no tests here)."""

from __future__ import annotations

import io
import re

from django.core.management import call_command
from playwright.sync_api import Page, expect

from tests.e2e.conftest import ARTIFACTS


def seed_demo() -> str:
    """The demo creators and merch, made at the live server's sandbox over HTTP."""
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def pay(tab: Page) -> None:
    """Check out on the sandbox's product page (prefilled) and wait for our success page."""
    tab.get_by_role("link", name=re.compile("Continue to checkout")).click()
    tab.get_by_role("button", name=re.compile(r"^Pay")).click()
    tab.wait_for_url(re.compile(r"/callback/success/\?"))


def no_horizontal_scroll(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def order_from_panel(page: Page, root, title: str, colour: str = "", size: str = "", qty: str = ""):
    """Choose in the "Shop <creator>'s merch" panel and press Order; returns the new tab."""
    item = root.locator("form[data-shop-item]", has_text=title)
    if colour:
        item.locator("label.gl-swatch", has_text=colour).click()
    if size:
        item.locator("label.gl-size", has_text=size).click()
    if qty:
        item.locator("input[name=quantity]").fill(qty)
    with page.context.expect_page() as opened:
        item.get_by_role("button", name="Order").click()
    tab = opened.value
    tab.wait_for_url(re.compile(r"/sandbox/en/print/"))
    expect(tab.locator("h1")).to_be_visible()
    return tab


def viewport_shot(page: Page, name: str) -> None:
    """What the shopper sees (a modal is better shown as the viewport than a full page)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
