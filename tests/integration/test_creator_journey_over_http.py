"""Issue 12's journey, every step over real HTTP: the client against the sandbox.

A creator and a limited edition of 2, its design placed in the merch editor,
flow B and flow C sessions, the edition bought out at the sandbox's checkout,
the webhooks received by our own receiver, "sold out", and the orders in our
order book with their creator.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
import requests

from orders.models import Order, OrderStatus
from printora_client import GoneError, InvalidRequestError
from printora_sandbox import catalog
from printora_sandbox.models import SandboxWebhookLog

from .browser import checkout, deliver_webhooks, editor_api_error, save_design
from .conftest import CALLBACKS, DESIGN


@pytest.fixture
def edition(printora, tee):
    """A creator, and a t-shirt edition of 2 in four variants."""
    creator = printora.creators.create(name="Lena Ortiz", email="lena@example.com")
    merch = printora.merch.create(
        creator.id,
        title="Night Fox Tee",
        product_id=tee.id,
        variant_ids=[v.id for v in tee.variants[:4]],
        design_image_url=DESIGN,
        stock_limit=2,
    )
    return creator, merch


def test_the_creator_places_the_design_and_the_editor_link_is_then_spent(printora, edition):
    creator, merch = edition
    assert merch.has_design is False
    saved = save_design(merch.edit_session.editor_url, x=40, y=35, scale=60)
    assert saved.status_code == 200 and "saved" in saved.text.lower()
    assert printora.merch.get(creator.id, merch.id).has_design is True
    # The editor's own API now answers 410, which the client reads as GoneError.
    api = printora._transport.base_url + "/api/v1/merch-editor/by-token/"
    again = requests.post(
        api + merch.edit_session.token + "/save", json={"konvaMetadata": {}}, timeout=10
    )
    error = editor_api_error(again)
    assert isinstance(error, GoneError) and error.code == "SESSION_USED"
    assert requests.get(merch.edit_session.editor_url, timeout=10).status_code == 410
    # A new edit session opens the editor again, with the placement kept.
    fresh = printora.merch.new_edit_session(creator.id, merch.id)
    reopened = requests.get(api + fresh.token, timeout=10).json()["data"]
    assert reopened["merch"]["konvaMetadata"]["design"] == {
        "x": 40,
        "y": 35,
        "scale": 0.6,
        "rotation": 0,
    }


def test_an_edition_of_two_sells_out_and_lands_in_our_order_book_with_its_creator(
    printora, edition
):
    creator, merch = edition
    assert save_design(merch.edit_session.editor_url, x=50, y=50, scale=80).status_code == 200
    white_m = merch.variants[2]

    storefront = printora.create_session(creator_id=creator.id, **CALLBACKS)
    assert (storefront.session_mode, storefront.creator_id) == ("creator", creator.id)
    one_item = printora.create_session(
        merch_id=merch.id,
        variant_id=white_m.id,
        quantity=1,
        user_email="maya@example.com",
        **CALLBACKS,
    )
    assert (one_item.session_mode, one_item.merch_id, one_item.creator_id) == (
        "merch",
        merch.id,
        creator.id,
    )
    assert one_item.merch.title == "Night Fox Tee" and one_item.image_url == DESIGN
    assert [c.variant_id for c in one_item.cart_items] == [white_m.id]
    assert one_item.cart_items[0].price == white_m.end_price

    # The first unit through the storefront (flow B), the second through the item (flow C).
    bought = [
        checkout(storefront.redirect_url, white_m, merch=merch.id),
        checkout(one_item.redirect_url, white_m),
    ]
    for response, session in zip(bought, (storefront, one_item), strict=True):
        assert response.status_code == 303, response.text
        assert response.headers["Location"].startswith(CALLBACKS["success_url"])
        assert f"sessionId={session.session_id}" in response.headers["Location"]
    sold = printora.merch.get(creator.id, merch.id)
    assert (sold.stock_sold, sold.stock_remaining) == (2, 0)

    # order.created and order.paid of both orders, signed, to our receiver.
    assert deliver_webhooks() == 4
    assert set(SandboxWebhookLog.objects.values_list("status", flat=True)) == {"sent"}

    with pytest.raises(InvalidRequestError) as caught:
        printora.create_session(merch_id=merch.id, **CALLBACKS)
    assert (caught.value.status, caught.value.code) == (400, "VALIDATION_ERROR")
    assert caught.value.message == "Merch item is sold out"
    # A paid session is spent; a new storefront shows the edition as sold out.
    assert requests.get(storefront.redirect_url, timeout=10).status_code == 409
    again = printora.create_session(creator_id=creator.id, **CALLBACKS)
    assert "Sold out" in requests.get(again.redirect_url, timeout=10).text

    orders = list(Order.objects.order_by("created"))
    assert len(orders) == 2
    assert {o.session_id for o in orders} == {storefront.session_id, one_item.session_id}
    for order in orders:
        assert order.status == OrderStatus.PAID
        assert order.creator == {"id": creator.id, "name": "Lena Ortiz", "slug": "lena-ortiz"}
        [item] = order.items
        assert item["merchId"] == merch.id and item["variantId"] == white_m.id
        assert item["merchTitle"] == "Night Fox Tee"
        assert Decimal(str(item["price"])) == white_m.end_price and item["quantity"] == 1
        assert order.total_amount == white_m.end_price + catalog.SHIPPING  # flat shipping

    # Printora's own order list (what sync_orders reconciles from) names the creator too.
    listed_by_printora = {o.order_id: o for o in printora.list_orders().orders}
    for order in orders:
        assert listed_by_printora[order.printora_order_id].creator.slug == "lena-ortiz"
    token = one_item.redirect_url.rsplit("/", 1)[1]
    read_back = printora.get_session_by_token(token)
    assert (read_back.session_mode, read_back.merch_id) == ("merch", merch.id)
    assert read_back.order is not None and read_back.status == "completed"

    stats = printora.creators.stats(creator.id)
    assert stats.total_orders == 2 and stats.orders_by_status == {"paid": 2}
    assert stats.total_revenue == sum((o.total_amount or Decimal(0) for o in orders), Decimal(0))
    assert [(t.merch_id, t.order_count) for t in stats.top_merch] == [(merch.id, 2)]
    listed = printora.creators.orders(creator.id)
    assert listed.total == 2
    assert {o.order_number for o in listed.orders} == {o.order_number for o in orders}
    assert {o.customer.email for o in listed.orders} == {"maya@example.com"}
