"""Every new page at 1440 and 375 px: no horizontal scroll, and a screenshot of each
(test-artifacts/<page>-<width>.png)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.shopping import no_horizontal_scroll, seed_demo, viewport_shot

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = [
    ("gallery", "/ai-image-app/"),
    ("artwork-shop", "/ai-image-app/corona-hour/"),
    ("creator", "/ai-image-app/creators/aiko-dreams/"),
    ("studio", "/studio/"),
    ("studio-creator", "/studio/aiko-dreams/"),
    ("studio-new", "/studio/aiko-dreams/new/"),
]


@pytest.mark.parametrize("width", [1440, 375])
def test_the_shop_and_studio_pages_fit_and_are_photographed(site, page, screenshot, width):
    seed_demo()
    page.set_viewport_size({"width": width, "height": 900 if width > 400 else 812})
    for name, path in PAGES:
        page.goto(site.url + path)
        if name == "studio-new":
            page.get_by_role("link", name="T-Shirt", exact=True).click()
            expect(page.get_by_role("button", name="Create at Printora")).to_be_visible()
        no_horizontal_scroll(page, width)
        screenshot(f"{name}-{width}")

    # The merch panel in the gallery's modal, opened.
    page.goto(site.url + "/ai-image-app/")
    page.locator('[data-artwork="nebula-of-quiet-fire"]').click()
    dialog = page.locator("#artwork-dialog")
    dialog.get_by_text("Shop Aiko Tanaka's merch").click()
    panel = dialog.locator("form[data-shop-item]").first
    expect(panel).to_be_visible()
    panel.scroll_into_view_if_needed()
    box = dialog.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width
    for form in dialog.locator("form[data-shop-item]").all():
        form_box = form.bounding_box()
        assert form_box and form_box["x"] + form_box["width"] <= width
    no_horizontal_scroll(page, width)
    viewport_shot(page, f"shop-panel-modal-{width}")
