"""Flows 1 and 2: from the gallery to a paid order, and a failing upstream."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from gallery.models import Artwork
from orders.models import Order, OrderStatus
from sessions_app.models import PartnerSession

pytestmark = pytest.mark.django_db(transaction=True)

SLUG = "nebula-of-quiet-fire"


def open_artwork(page, slug: str = SLUG):
    page.locator(f'[data-artwork="{slug}"]').first.click()
    dialog = page.locator("#artwork-dialog")
    expect(dialog).to_be_visible()
    return dialog


def test_a_shopper_prints_an_artwork_on_a_mug_and_sees_the_order_paid(site, page, screenshot):
    artwork = Artwork.objects.select_related("creator").get(slug=SLUG)
    page.goto(site.url + "/ai-image-app/")
    page.locator(".gl-chip", has_text="Cosmic").click()
    expect(page).to_have_url(re.compile(r"category=cosmic"))
    expect(page.locator('[data-artwork="bauhaus-garden-no-7"]')).to_have_count(0)

    dialog = open_artwork(page)
    expect(dialog).to_contain_text(artwork.prompt[:60])
    expect(dialog).to_contain_text(artwork.creator.name)
    expect(page).to_have_url(re.compile(rf"/ai-image-app/{SLUG}/"))
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    dialog = open_artwork(page)

    with page.context.expect_page() as opened:
        dialog.get_by_role("button", name="Print on Product").click()
    editor = opened.value
    editor.wait_for_url(re.compile(r"/sandbox/en/print/"))
    expect(editor.locator(f'[src$="{artwork.image_url}"], [href$="{artwork.image_url}"]').first)
    # The radios sit under cards and swatches drawn by their labels: click the inputs
    # themselves, which fires the same events a shopper's click does.
    for choice in (
        "#pe-product-mug",
        '[id^="pe-colour-mug-"][value="Black"]',
        '[id^="pe-size-mug-"][value="15 oz"]',
    ):
        editor.locator(choice).evaluate("radio => radio.click()")
        expect(editor.locator(choice)).to_be_checked()
    screenshot("flow1-editor-mug", editor)
    editor.get_by_role("link", name=re.compile("Continue to checkout")).click()
    editor.get_by_role("button", name=re.compile(r"^Pay")).click()

    editor.wait_for_url(re.compile(r"/callback/success/\?"))
    expect(editor.locator("h1")).to_contain_text("Your order is paid", timeout=15_000)
    screenshot("flow1-success", editor)
    session = PartnerSession.objects.get()
    order = Order.objects.get(session_id=session.session_id)
    assert order.status == OrderStatus.PAID
    assert order.items[0]["productName"] == "Mug — Black, 15 oz"
    assert session.artwork == artwork and len(page.context.pages) == 2


def test_when_printora_fails_the_modal_explains_and_no_tab_stays_open(
    site, page, settings, screenshot
):
    settings.PRINTORA_API_URL = "http://127.0.0.1:9"  # nothing listens there
    settings.PRINTORA_MAX_RETRIES = 0
    page.goto(site.url + "/ai-image-app/?category=cosmic")
    dialog = open_artwork(page)
    dialog.get_by_role("button", name="Print on Product").click()
    alert = dialog.locator("[data-print-error]")
    expect(alert).to_contain_text("Printora is unavailable right now")
    expect(dialog.get_by_role("button", name="Print on Product")).to_be_enabled()
    page.wait_for_timeout(300)
    assert len(page.context.pages) == 1
    screenshot("flow2-upstream-error")
    assert PartnerSession.objects.get().status == PartnerSession.Status.FAILED


def test_a_double_click_creates_one_session(site, page):
    page.goto(site.url + "/ai-image-app/")
    dialog = open_artwork(page)
    button = dialog.get_by_role("button", name="Print on Product")
    with page.context.expect_page():
        button.dblclick()
    page.wait_for_timeout(1000)
    assert PartnerSession.objects.count() == 1
    assert len(page.context.pages) == 2
