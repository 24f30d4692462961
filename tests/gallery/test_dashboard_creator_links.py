"""The order page names the creator of a flow B/C order, linked to the creator page, and
the merch of a flow C order. (The order list is left to the orders work: it defers
``Order.creator``, and indexed creator columns are being added there.)"""

from __future__ import annotations

import pytest

from tests.helpers import make_order

pytestmark = pytest.mark.django_db

CREATOR = {"id": "c-1", "name": "Aiko Tanaka", "slug": "aiko-dreams"}
ITEM = {
    "productName": "Mug — Black, 15 oz",
    "quantity": 2,
    "merchId": "m-1",
    "merchTitle": "Corona Hour Mug",
}


@pytest.fixture(autouse=True)
def public_dashboard(settings):
    settings.DASHBOARD_PUBLIC = True


def test_the_order_page_shows_the_creator_and_the_merch(client):
    make_order("ord-c", creator=CREATOR, items=[ITEM])
    html = client.get("/dashboard/orders/ord-c/").content.decode()
    assert (
        '<dt>Creator</dt><dd><a href="/ai-image-app/creators/aiko-dreams/">Aiko Tanaka</a></dd>'
        in html
    )
    assert "<dt>Merch</dt><dd>Corona Hour Mug</dd>" in html


def test_a_creator_without_a_usable_slug_is_named_without_a_link(client):
    make_order("ord-x", creator={"id": "c-2", "name": "Someone Else", "slug": None})
    html = client.get("/dashboard/orders/ord-x/").content.decode()
    assert "<dt>Creator</dt><dd>Someone Else</dd>" in html
