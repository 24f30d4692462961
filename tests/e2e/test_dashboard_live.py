"""The dashboard in a real browser: a paid sandbox order appears without reloading, and
the order page shows the whole timeline after the operator ships and delivers it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from orders.models import Order
from tests.e2e.shopper import pay_in_the_sandbox, wait_for_order

pytestmark = pytest.mark.django_db(transaction=True)

LIVE_TIMEOUT = 20_000  # ms: webhook delivery plus one or two polls


@pytest.fixture
def public_dashboard(settings):
    settings.DASHBOARD_PUBLIC = True


def test_a_paid_sandbox_order_appears_on_the_open_dashboard_without_reloading(
    site, page, public_dashboard, screenshot
):
    page.goto(site.url + "/dashboard/")
    expect(page.get_by_role("heading", name="No orders yet")).to_be_visible()
    expect(page.locator("[data-live-status]")).to_contain_text("Live")
    page.evaluate("window.__noReload = true")

    session_id = pay_in_the_sandbox(site.url)

    row = page.locator("tr[data-order-id]")
    expect(row).to_have_count(1, timeout=LIVE_TIMEOUT)
    expect(row.locator(".badge")).to_have_text("Paid", timeout=LIVE_TIMEOUT)
    expect(row).to_contain_text("maya@example.com")
    expect(row).to_contain_text("2 × Mug — Black, 15 oz")
    expect(row).to_have_class(re.compile(r"\bis-changed\b"))
    expect(page.get_by_role("heading", name="No orders yet")).to_be_hidden()
    expect(page.locator(".dash-summary")).to_contain_text("Paid")
    assert page.evaluate("window.__noReload") is True  # the same page, never reloaded
    screenshot("dashboard-live-new-order", page)

    order = Order.objects.get(session_id=session_id)
    assert row.get_attribute("data-order-id") == order.printora_order_id


def test_the_order_page_shows_the_timeline_after_ship_and_deliver_from_the_operator_panel(
    site, page, public_dashboard, screenshot
):
    session_id = pay_in_the_sandbox(site.url, email="olu@example.com")
    order = wait_for_order(session_id, "paid")

    page.goto(site.url + "/dashboard/")
    row = page.locator(f'tr[data-order-id="{order.printora_order_id}"]')
    expect(row.locator(".badge")).to_have_text("Paid")

    panel = page.context.new_page()
    panel.goto(site.url + "/sandbox/")
    card = panel.locator(".sbx-order", has_text=order.order_number)
    card.get_by_role("button", name="Ship", exact=True).click()
    card = panel.locator(".sbx-order", has_text=order.order_number)
    card.get_by_role("button", name="Deliver", exact=True).click()
    panel.close()

    # The open dashboard follows along, then the order page tells the whole story.
    expect(row.locator(".badge")).to_have_text("Delivered", timeout=LIVE_TIMEOUT)
    row.get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(rf"/dashboard/orders/{order.printora_order_id}/$"))
    timeline = page.locator(".dash-timeline__item .badge")
    expect(timeline).to_have_text(
        ["order.created", "order.paid", "order.shipped", "order.delivered"]
    )
    # UPS 1Z…, USPS 9400…, FedEx 12 digits: the number matches the carrier picked.
    tracking = re.compile(r"^(1Z[0-9A-Z]{16}|9400\d{18}|\d{12})$")
    expect(page.get_by_role("link", name=tracking)).to_have_attribute(
        "href", re.compile(r"^https://")
    )
    page.locator(".dash-json summary").last.click()
    expect(page.locator(".dash-json pre").last).to_contain_text('"event": "order.delivered"')
    screenshot("dashboard-order-timeline", page)


@pytest.mark.parametrize("width", [375, 1440])
def test_the_dashboard_pages_never_scroll_sideways(site, browser, public_dashboard, width):
    session_id = pay_in_the_sandbox(site.url, email="a.very.long.address.for.testing@example.com")
    order = wait_for_order(session_id, "paid")
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        for path in (
            "/dashboard/",
            "/dashboard/?q=nothing&sort=total&from=2020-01-01&status=bogus",
            f"/dashboard/orders/{order.printora_order_id}/",
            "/dashboard/webhooks/",
            "/accounts/login/",
        ):
            page.goto(site.url + path)
            for summary in page.locator("details summary").all():
                summary.click()  # open raw JSON: long lines scroll inside their box
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
    finally:
        context.close()
