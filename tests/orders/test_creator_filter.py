"""Orders keep their creator in indexed columns, and the dashboard and export filter by it."""

from __future__ import annotations

import csv
import io
import re
from html import unescape

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from orders import selectors
from orders.models import Order
from tests.helpers import make_order

pytestmark = pytest.mark.django_db

ANYA = {"id": "cr_anya", "name": "Anya Artwork", "slug": "anya-artwork"}
BORIS = {"id": "cr_boris", "name": "Boris Brush", "slug": "boris-brush"}


def row_ids(response) -> list[str]:
    return re.findall(r'<tr class="dash-row[^"]*" data-order-id="([^"]+)"', response.text)


def export_ids(response) -> list[str]:
    body = b"".join(response.streaming_content).decode()
    return [row["order_id"] for row in csv.DictReader(io.StringIO(body))]


def test_an_event_with_a_creator_fills_the_creator_columns():
    order = make_order("ord_1", creator=ANYA)

    order.refresh_from_db()
    assert (order.creator_id, order.creator_slug, order.creator_name) == (
        "cr_anya",
        "anya-artwork",
        "Anya Artwork",
    )
    assert order.creator == ANYA


def test_a_later_event_without_a_creator_keeps_the_known_one():
    make_order("ord_1", event="order.created", creator=ANYA)
    make_order("ord_1", event="order.paid", timestamp="2026-03-02T10:00:00.000Z", creator=None)

    order = Order.objects.get(printora_order_id="ord_1")
    assert (order.creator_id, order.creator_slug) == ("cr_anya", "anya-artwork")


def test_an_order_without_a_creator_has_empty_creator_columns():
    order = make_order("ord_1")

    assert (order.creator_id, order.creator_slug, order.creator_name) == ("", "", "")


def test_oversized_creator_values_are_clipped_to_their_columns():
    order = make_order("ord_1", creator={"id": "i" * 300, "slug": "s" * 300, "name": "n" * 300})

    order.refresh_from_db()
    assert (len(order.creator_id), len(order.creator_slug), len(order.creator_name)) == (
        100,
        100,
        200,
    )


@pytest.mark.parametrize("value", ["anya-artwork", "cr_anya"])
def test_the_dashboard_lists_only_the_orders_of_a_creator_by_slug_or_id(client, value):
    make_order("anya_1", creator=ANYA, timestamp="2026-03-01T10:00:00.000Z")
    make_order("boris_1", creator=BORIS)
    make_order("nobody")
    make_order("anya_2", creator=ANYA, timestamp="2026-03-02T10:00:00.000Z")

    response = client.get("/dashboard/", {"creator": value})

    assert response.status_code == 200
    assert sorted(row_ids(response)) == ["anya_1", "anya_2"]
    assert f'name="creator" value="{value}"' in response.text


def test_the_chips_count_only_the_creators_orders(client):
    make_order("anya_1", creator=ANYA)
    make_order("anya_2", creator=ANYA, event="order.shipped")
    make_order("boris_1", creator=BORIS, event="order.shipped")

    response = client.get("/dashboard/", {"creator": "anya-artwork"})

    chips = dict(
        re.findall(r'data-status="(\w+)">[^<]*<span class="dash-chip__count">(\d+)<', response.text)
    )
    assert chips["paid"] == "1" and chips["shipped"] == "1" and chips["pending"] == "0"
    assert "Showing 1–2 of 2 orders" in unescape(response.text)


def test_the_status_chips_and_pages_keep_the_creator_filter(client):
    make_order("anya_1", creator=ANYA)

    response = client.get("/dashboard/", {"creator": "anya-artwork"})

    hrefs = [unescape(h) for h in re.findall(r'href="([^"]*)"', response.text)]
    assert "?status=paid&creator=anya-artwork" in hrefs
    assert any(h.startswith("/dashboard/export.csv?creator=anya-artwork") for h in hrefs)


def test_each_row_links_its_creator_to_the_creator_filter(client):
    make_order("anya_1", creator=ANYA)

    response = client.get("/dashboard/")

    row = re.search(r'<tr class="dash-row".*?</tr>', response.text, re.S)
    assert row is not None
    assert 'href="?creator=anya-artwork"' in row.group(0)
    assert "by Anya Artwork" in row.group(0)


def test_an_unknown_creator_shows_the_no_match_message(client):
    make_order("anya_1", creator=ANYA)

    response = client.get("/dashboard/", {"creator": "nobody-at-all"})

    assert row_ids(response) == []
    assert "No orders match these filters" in response.text


def test_an_overlong_creator_is_cut_with_a_note_never_an_error(client):
    response = client.get("/dashboard/", {"creator": "x" * 500})

    assert response.status_code == 200
    assert "The creator was cut to its first 100 characters." in unescape(response.text)


def test_the_export_follows_the_creator_filter_and_has_creator_columns(client):
    make_order("anya_1", creator=ANYA)
    make_order("boris_1", creator=BORIS)

    response = client.get("/dashboard/export.csv", {"creator": "cr_boris"})

    body = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert [row["order_id"] for row in rows] == ["boris_1"]
    assert (rows[0]["creator_id"], rows[0]["creator_slug"], rows[0]["creator_name"]) == (
        "cr_boris",
        "boris-brush",
        "Boris Brush",
    )


def test_the_live_endpoint_marks_other_creators_orders_as_not_matching(client):
    make_order("anya_1", creator=ANYA)
    make_order("boris_1", creator=BORIS)

    response = client.get(
        "/dashboard/live/", {"creator": "anya-artwork", "since": "2000-01-01T00:00:00Z"}
    )

    matches = {row["id"]: row["matches"] for row in response.json()["orders"]}
    assert matches == {"anya_1": True, "boris_1": False}


def test_the_creator_filter_costs_one_indexed_probe_whatever_the_number_of_orders(client):
    def queries_for(count: int) -> int:
        for n in range(count):
            make_order(f"anya_{count}_{n}", creator=ANYA)
        cache.clear()  # every measurement counts the cached figures' queries too
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/dashboard/", {"creator": "anya-artwork"})
        assert len(row_ids(response)) == min(count, 25)
        return len(queries)

    few = queries_for(3)
    cache.clear()
    with CaptureQueriesContext(connection) as by_date:
        client.get("/dashboard/", {"from": "2020-01-01"})  # another filter of the chips
    many = queries_for(30)

    assert few == many == len(by_date) + 1  # the probe: is it a slug or an id?


def test_a_creator_id_is_matched_on_the_id_column_and_a_slug_on_the_slug_column():
    make_order("anya_1", creator=ANYA)

    by_slug = selectors.resolve_search(selectors.OrderFilters(creator="anya-artwork"))
    by_id = selectors.resolve_search(selectors.OrderFilters(creator="cr_anya"))

    assert (by_slug.creator_by_id, by_id.creator_by_id) == (False, True)
    assert "creator_slug" in str(Order.objects.filter(by_slug.condition()).query)
    assert "creator_id" in str(Order.objects.filter(by_id.condition()).query)


def test_an_order_brought_in_by_sync_orders_gets_its_creator_columns():
    from orders.services import reconcile_order
    from printora_client.models import PartnerOrder

    listed = {
        "orderId": "ord_sync",
        "orderNumber": "ORD-S",
        "sessionId": "sess_s",
        "status": "processing",
        "totalAmount": 9.5,
        "currency": "USD",
        "createdAt": "2026-03-01T10:00:00Z",
        "creator": BORIS,
    }

    assert reconcile_order(listed=PartnerOrder.model_validate(listed)) == "created"

    order = Order.objects.get(printora_order_id="ord_sync")
    assert (order.creator_id, order.creator_slug, order.creator_name) == (
        "cr_boris",
        "boris-brush",
        "Boris Brush",
    )


def test_each_row_links_its_creator_to_the_creator_page(client):
    make_order("anya_1", creator=ANYA)

    response = client.get("/dashboard/")

    row = re.search(r'<tr class="dash-row".*?</tr>', response.text, re.S)
    assert row is not None
    assert '<a href="/ai-image-app/creators/anya-artwork/" title="Creator page">' in row.group(0)


def test_a_creator_slug_that_is_no_url_shows_the_name_without_a_page_link(client):
    make_order("odd_1", creator={"id": "cr_odd", "name": "Odd One", "slug": "odd.one/x"})

    response = client.get("/dashboard/")

    assert response.status_code == 200
    row = re.search(r'<tr class="dash-row".*?</tr>', response.text, re.S)
    assert row is not None
    assert "by Odd One" in row.group(0)
    assert "/ai-image-app/creators/" not in row.group(0)


def test_a_flow_c_item_names_its_merch_in_the_items_summary():
    order = Order(
        items=[{"productName": "Classic T-Shirt", "quantity": 2, "merchTitle": "Moon Tee"}]
    )

    assert order.items_summary == "2 × Classic T-Shirt (Moon Tee)"
