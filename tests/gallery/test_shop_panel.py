"""The gallery's merch badge and the artwork's "Shop <creator>'s merch" panel (flow C)."""

from __future__ import annotations

import re

import pytest

from tests.gallery.merch_rows import make_merch

pytestmark = pytest.mark.django_db

GALLERY = "/ai-image-app/"
ARTWORK = "/ai-image-app/corona-hour/"


def card_of(html: str, slug: str) -> str:
    match = re.search(
        rf'<li class="gl-grid__item">(?:(?!</li>).)*?/{slug}/(?:(?!</li>).)*</li>', html, re.S
    )
    assert match, f"no card for {slug}"
    return match.group(0)


def test_cards_of_artworks_with_merch_on_sale_show_a_badge(client):
    make_merch()
    make_merch("saturnine-dawn", title="Archived", status="archived", merch_id="m-2")
    html = client.get(GALLERY).content.decode()
    assert "gl-card__badge" in card_of(html, "corona-hour")
    assert "gl-card__badge" not in card_of(html, "saturnine-dawn")
    assert "gl-card__badge" not in card_of(html, "nebula-of-quiet-fire")


def test_creator_names_on_cards_link_to_the_creator_page(client):
    html = client.get(GALLERY).content.decode()
    card = card_of(html, "corona-hour")
    assert '<a class="gl-card__creator" href="/ai-image-app/creators/aiko-dreams/">' in card


def test_the_artwork_offers_the_creators_merch_first_and_print_on_product_still(client):
    make_merch(stock_limit=5, stock_sold=2)
    html = client.get(ARTWORK).content.decode()
    assert "Shop Aiko Tanaka's merch" in html
    assert html.index("Shop Aiko Tanaka's merch") < html.index("data-print-label>Print on Product")
    assert "Limited edition — 3 left" in html
    assert 'name="quantity" value="1" min="1" max="3"' in html
    assert re.search(r'name="colour" value="White" checked', html)
    assert re.search(r'name="size" value="S" checked', html)
    assert 'name="merch" value="m-1"' in html
    # the creator's name in the detail links to their page
    assert '<a href="/ai-image-app/creators/aiko-dreams/">Aiko Tanaka</a>' in html


def test_a_sold_out_item_cannot_be_ordered(client):
    make_merch(stock_limit=1, stock_sold=1)
    html = client.get(ARTWORK + "?fragment=1").content.decode()
    assert '<span class="gl-stock gl-stock--out">Sold out</span>' in html
    button = re.search(
        r"<button[^>]*data-print-button[^>]*>\s*<span[^>]*></span>\s*"
        r"<span data-print-label>Sold out",
        html,
    )
    assert button and "disabled" in button.group(0)


def test_an_artwork_without_merch_has_no_shop_panel(client):
    html = client.get("/ai-image-app/nebula-of-quiet-fire/").content.decode()
    assert "data-shop" not in html
    assert "button--primary gl-print__button" in html  # Print on Product is the main action


def test_the_gallery_loads_one_small_script(client):
    make_merch()
    html = client.get(GALLERY).content.decode()
    assert re.findall(r'<script src="([^"]+)"', html) == ["/static/js/gallery.js"]
