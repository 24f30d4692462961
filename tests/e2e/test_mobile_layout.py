"""Flow 4: the gallery at 375 px wide."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 375, "height": 812}}


def test_the_gallery_has_no_horizontal_scroll_and_the_modal_fits(site, page, screenshot):
    page.goto(site.url + "/ai-image-app/")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 375
    screenshot("flow4-gallery-375")
    page.locator("[data-artwork]").first.click()
    dialog = page.locator("#artwork-dialog")
    expect(dialog).to_be_visible()
    box = dialog.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    expect(dialog.get_by_role("button", name="Print on Product")).to_be_visible()
    screenshot("flow4-modal-375")
