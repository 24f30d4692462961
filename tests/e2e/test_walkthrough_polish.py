"""Polish found on the partner walk-through, checked in a real browser."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from tests.e2e.shopper import pay_in_the_sandbox, wait_for_order
from tests.helpers import make_event, post_webhook, started_sessions_cookie

pytestmark = pytest.mark.django_db(transaction=True)

LONG_EMAIL = "a.very.long.address.for.testing@example.com"


@pytest.fixture
def public_dashboard(settings):
    settings.DASHBOARD_PUBLIC = True


def line_count(page, selector: str) -> int:
    """How many line boxes the first inline element matching selector spans."""
    return page.eval_on_selector(selector, "element => element.getClientRects().length")


def test_dashboard_words_stay_whole_and_the_clock_is_utc(site, page, public_dashboard):
    event = make_event("order.cancelled", order_id="ord_words", customer={"email": LONG_EMAIL})
    assert post_webhook(Client(), event).status_code == 200
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(site.url + "/dashboard/")
    expect(page.locator(".dash-cell--event code").first).to_have_text("order.cancelled")
    assert line_count(page, ".dash-cell--event code") == 1
    assert line_count(page, ".dash-row__email") == 1
    status = page.locator("[data-live-status], .dash-live").first
    expect(status).to_contain_text(re.compile(r"checked \d\d:\d\d:\d\d UTC"), timeout=15_000)


def test_phones_see_content_under_a_short_header(site, page, public_dashboard):
    page.set_viewport_size({"width": 375, "height": 700})
    for path in ("/", "/dashboard/", "/create-session/"):
        page.goto(site.url + path)
        top = page.eval_on_selector("main", "m => m.getBoundingClientRect().top")
        assert top <= 160, (path, top)
        nav = page.locator(".site-nav a")
        tops = {round(nav.nth(i).bounding_box()["y"]) for i in range(nav.count())}
        assert len(tops) == 1, (path, "the links wrap onto a second row")


def test_the_success_page_shows_paid_without_a_reload(site, page):
    session_id = pay_in_the_sandbox(site.url)
    # The shopper's own browser (it started the session): others get a neutral page.
    name, value = started_sessions_cookie(session_id)
    page.context.add_cookies([{"name": name, "value": value, "url": site.url}])
    page.goto(f"{site.url}/callback/success/?sessionId={session_id}")
    page.evaluate("window.__sameDocument = true")
    expect(page.locator("h1")).to_contain_text("Your order is paid", timeout=15_000)
    assert page.evaluate("window.__sameDocument") is True  # swapped in, not reloaded
    wait_for_order(session_id, "paid")


def test_a_rejected_url_leaves_no_broken_preview(site, page):
    page.goto(site.url + "/create-session/")
    page.get_by_label("Image URL").fill("https://nonexistent.invalid/missing.png")
    page.get_by_role("button", name="Create session").click()
    page.wait_for_load_state()
    expect(page.locator("[data-preview-image]")).to_be_hidden()
    expect(page.locator("[data-preview-empty]")).to_be_visible()
