"""Flows B and C in Chromium, in sandbox mode: the merch panel, the creator's shop, the
studio, and an upstream error, with the demo data seed_demo makes at the sandbox."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from gallery.models import Merch
from orders.models import Order
from sessions_app.models import PartnerSession
from tests.e2e.shopping import (
    no_horizontal_scroll,
    order_from_panel,
    pay,
    seed_demo,
    viewport_shot,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1440, "height": 900}}


@pytest.fixture
def seeded(site):
    seed_demo()
    return site


def test_a_shopper_orders_a_creators_mug_from_the_gallery(seeded, page, screenshot):
    page.goto(seeded.url + "/ai-image-app/")
    card = page.locator('[data-artwork="corona-hour"]')
    expect(card.locator(".gl-card__badge")).to_contain_text("Merch")
    screenshot("shop-gallery-1440")
    card.click()
    dialog = page.locator("#artwork-dialog")
    dialog.get_by_text("Shop Aiko Tanaka's merch").click()
    item = dialog.locator("form[data-shop-item]", has_text="Corona Hour Mug")
    expect(item).to_contain_text("Limited edition — 25 left")
    expect(item).to_contain_text("$16.00")
    expect(dialog.get_by_role("button", name="Print on Product")).to_be_visible()
    viewport_shot(page, "shop-flow-panel-1440")

    tab = order_from_panel(page, dialog, "Corona Hour Mug", "Black", "15 oz", "2")
    expect(tab.locator("body")).to_contain_text("Corona Hour Mug")
    pay(tab)
    expect(tab.locator("[data-order-origin]")).to_contain_text(
        "Corona Hour Mug from Aiko Tanaka's merch (× 2)."
    )
    expect(tab.locator("h1")).to_contain_text("Your order is paid", timeout=15_000)
    screenshot("shop-success-1440", tab)
    tab.set_viewport_size({"width": 375, "height": 812})
    no_horizontal_scroll(tab, 375)
    screenshot("shop-success-375", tab)

    session = PartnerSession.objects.get(mode="merch", merch__title="Corona Hour Mug")
    assert (session.variant_id != "", session.quantity) == (True, 2)
    order = Order.objects.get(session_id=session.session_id)
    assert order.creator and order.creator["name"] == "Aiko Tanaka"
    page.goto(f"{seeded.url}/dashboard/orders/{order.printora_order_id}/")
    expect(page.locator("body")).to_contain_text("Aiko Tanaka")
    # The shopper's return read the stock back: 2 of 25 are gone.
    assert Merch.objects.get(title="Corona Hour Mug").stock_label == "23/25 left"


def test_the_creator_page_opens_the_creators_storefront(seeded, page, screenshot):
    page.goto(seeded.url + "/ai-image-app/")
    page.locator('[data-artwork="corona-hour"]').hover()
    item = page.locator(".gl-grid__item", has=page.locator('[data-artwork="corona-hour"]'))
    item.locator("a.gl-card__creator").click()
    expect(page).to_have_url(re.compile(r"/ai-image-app/creators/aiko-dreams/$"))
    expect(page.locator("h1")).to_have_text("Aiko Tanaka")
    expect(page.locator(".gl-merch-list")).to_contain_text("Limited edition — 25 left")
    screenshot("creator-page-1440")
    with page.context.expect_page() as opened:
        page.get_by_role("button", name="Visit Aiko Tanaka's shop").click()
    shop = opened.value
    shop.wait_for_url(re.compile(r"/sandbox/en/print/"))
    expect(shop.locator("h1")).to_contain_text("Aiko Tanaka's merch")
    for title in ("Nebula of Quiet Fire T-Shirt", "Nebula of Quiet Fire Poster", "Corona Hour Mug"):
        expect(shop.locator(".sx-store__title", has_text=title)).to_be_visible()
    screenshot("creator-storefront-1440", shop)
    assert PartnerSession.objects.get().mode == "creator"


def test_the_studio_makes_a_limited_item_which_sells_out(seeded, page, screenshot):
    page.goto(seeded.url + "/studio/")
    page.get_by_role("link", name=re.compile("Aiko Tanaka")).click()
    expect(page.locator(".studio-merch")).to_contain_text("Corona Hour Mug")
    screenshot("studio-creator-1440")
    page.get_by_role("link", name="Create merch").click()
    page.get_by_role("link", name="Poster", exact=True).click()
    page.get_by_label("Title").fill("Saturnine Dawn Print")
    page.locator(".studio-field--colours label", has_text="White").click()
    page.locator(".studio-field--artwork label", has_text="Saturnine Dawn").click()
    page.get_by_label("Stock limit").fill("1")
    screenshot("studio-new-1440")
    page.get_by_role("button", name="Create at Printora").click()
    expect(page.locator("h1")).to_contain_text("Printora created “Saturnine Dawn Print”")

    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Open design editor").click()
    editor = opened.value
    expect(editor.locator("h1")).to_contain_text("Place your design: Saturnine Dawn Print")
    editor.get_by_role("button", name="Save design").click()
    expect(editor.locator("h1")).to_have_text("Design saved")
    editor.close()

    # A shopper buys the only one.
    page.goto(seeded.url + "/ai-image-app/saturnine-dawn/")
    expect(page.locator("[data-shop-item]")).to_contain_text("Limited edition — 1 left")
    tab = order_from_panel(page, page, "Saturnine Dawn Print")
    pay(tab)
    expect(tab.locator("[data-order-origin]")).to_contain_text("Saturnine Dawn Print")
    # Once the paid order is shown, our mirror has read the stock back from Printora.
    expect(tab.locator("h1")).to_contain_text("Your order is paid", timeout=15_000)
    tab.close()

    page.goto(seeded.url + "/ai-image-app/")
    page.locator('[data-artwork="saturnine-dawn"]').click()
    dialog = page.locator("#artwork-dialog")
    dialog.get_by_text("Shop Aiko Tanaka's merch").click()
    item = dialog.locator("form[data-shop-item]", has_text="Saturnine Dawn Print")
    expect(item.locator(".gl-stock")).to_have_text("Sold out")
    expect(item.get_by_role("button", name="Sold out")).to_be_disabled()
    viewport_shot(page, "shop-panel-sold-out-1440")
    page.goto(seeded.url + "/studio/aiko-dreams/")
    card = page.locator(".studio-card", has_text="Saturnine Dawn Print")
    expect(card.locator("[data-stock]")).to_have_text("Sold out")
    expect(card).not_to_contain_text("Design not placed")


def test_an_upstream_refusal_is_a_sentence_and_the_panel_stays_usable(seeded, page, screenshot):
    # Our mirror is stale: it thinks one is left, Printora knows the poster sold out.
    Merch.objects.filter(title="Aurora over Still Water Poster").update(stock_sold=0)
    page.goto(seeded.url + "/ai-image-app/aurora-over-still-water/")
    item = page.locator("form[data-shop-item]", has_text="Aurora over Still Water Poster")
    expect(item).to_contain_text("Limited edition — 1 left")
    item.get_by_role("button", name="Order").click()
    expect(item.locator("[data-print-error]")).to_have_text(
        "Sorry, this limited edition is sold out."
    )
    expect(item.get_by_role("button", name="Order")).to_be_enabled()
    page.wait_for_timeout(300)
    assert len(page.context.pages) == 1  # the placeholder tab was closed
    screenshot("shop-upstream-error-1440")
    page.reload()
    expect(item.locator(".gl-stock")).to_have_text("Sold out")  # read back from Printora
