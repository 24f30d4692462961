"""/dashboard/orders/<id>/: timeline, items, customer, payment, tracking, origin, raw events."""

from __future__ import annotations

import json
import re
from html import unescape
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gallery.models import Artwork
from orders.models import Order, OrderEvent
from sessions_app.models import PartnerSession
from tests.helpers import make_order, matched
from webhooks.models import Outcome, WebhookDelivery

pytestmark = pytest.mark.django_db

ORDER = "847f160f-324e-4e24-9a7c-f9215754b870"
SESSION = "3726a462-e994-4a94-a483-34dd9de8ee90"
URL = f"/dashboard/orders/{ORDER}/"


def text_of(response) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.text)))


@pytest.fixture
def order(db) -> Order:
    common: dict[str, Any] = {"session_id": SESSION, "number": "ORD-2026-001234"}
    make_order(ORDER, event="order.created", timestamp="2026-02-27T01:02:33Z", **common)
    make_order(
        ORDER,
        event="order.paid",
        timestamp="2026-02-27T01:43:59Z",
        email="customer@example.com",
        first_name="John",
        last_name="Doe",
        total=20.11,
        paymentStatus="paid",
        paymentMethod="stripe",
        partnerImageUrl="https://cdn.example.com/art/nebula.jpg",
        items=[
            {
                "productName": "Canvas Print - 16x20",
                "price": 13.99,
                "quantity": 1,
                "imageUrl": "https://cdn.example.com/mockups/canvas.png",
            },
            {"productName": "Mug", "quantity": 2, "imageUrl": "javascript:alert(1)"},
        ],
        shippingAddress={
            "firstName": "John",
            "lastName": "Doe",
            "street": "123 Main St",
            "apartment": "Apt 4B",
            "city": "San Francisco",
            "state": "CA",
            "zipCode": "94102",
            "country": "United States",
        },
        **common,
    )
    make_order(
        ORDER,
        event="order.shipped",
        timestamp="2026-03-01T14:30:00Z",
        carrier="UPS",
        trackingNumber="1Z999AA10123456784",
        trackingUrl="https://www.ups.com/track?tracknum=1Z999AA10123456784",
        **common,
    )
    return Order.objects.get(printora_order_id=ORDER)


def test_the_timeline_lists_each_event_with_printora_and_received_times(client, order):
    response = client.get(URL)

    assert response.status_code == 200
    timeline = matched(r'<ol class="dash-timeline">.*?</ol>', response.text)
    assert re.findall(r">(order\.\w+)</span>", timeline) == [
        "order.created",
        "order.paid",
        "order.shipped",
    ]
    assert 'datetime="2026-02-27T01:43:59.000000+00:00"' in timeline
    assert "Feb 27, 2026 01:43:59" in timeline
    received = order.events.get(event_type="order.paid").received_at
    assert f'datetime="{received.isoformat(timespec="microseconds")}"' in timeline


def test_each_event_shows_its_raw_json_pretty_printed_in_a_details_element(client, order):
    response = client.get(URL)

    blocks = re.findall(
        r'<details class="dash-json">\s*<summary>Raw event JSON</summary>\s*'
        r"<pre><code>(.*?)</code>",
        response.text,
        re.S,
    )
    assert len(blocks) == 3
    shipped = json.loads(unescape(blocks[2]))
    assert shipped == order.events.get(event_type="order.shipped").payload
    assert '\n  "event": "order.shipped"' in unescape(blocks[2])


def test_duplicate_deliveries_of_an_event_are_noted_on_the_timeline(client, order):
    for _ in range(2):
        WebhookDelivery.objects.create(
            outcome=Outcome.DUPLICATE, order_id=ORDER, event_type="order.paid"
        )
    WebhookDelivery.objects.create(
        outcome=Outcome.DUPLICATE, order_id="another-order", event_type="order.shipped"
    )

    response = client.get(URL)

    items = re.findall(r'<li class="dash-timeline__item.*?</li>', response.text, re.S)
    assert "+2 duplicate deliveries" in items[1]
    assert "duplicate" not in items[0] and "duplicate" not in items[2]


def test_items_customer_address_payment_and_tracking_are_shown(client, order):
    response = client.get(URL)
    text = text_of(response)

    assert "1 × Canvas Print - 16x20" in text and "13.99 USD" in text
    assert "2 × Mug" in text
    assert 'src="https://cdn.example.com/mockups/canvas.png"' in response.text
    assert not re.search(r'(?:href|src)="\s*javascript:', response.text, re.I)
    assert "John Doe" in text and "customer@example.com" in text
    assert "123 Main St, Apt 4B" in text and "San Francisco, CA 94102" in text
    assert "United States" in text
    assert "paid via stripe" in text and "20.11 USD" in text
    assert re.search(
        r'<a href="https://www.ups.com/track\?tracknum=1Z999AA10123456784"[^>]*>'
        r"1Z999AA10123456784</a>",
        unescape(response.text),
    )
    assert 'src="https://cdn.example.com/art/nebula.jpg"' in response.text


def test_only_http_tracking_urls_become_links(client, order):
    Order.objects.filter(pk=order.pk).update(tracking_url="javascript:alert(document.cookie)")

    response = client.get(URL)

    assert not re.search(r'(?:href|src)="\s*javascript:', response.text, re.I)
    assert "1Z999AA10123456784" in response.text
    assert not re.search(r"<a [^>]*>1Z999AA10123456784</a>", response.text)


def test_the_partner_session_and_its_artwork_are_linked(client, order):
    artwork = Artwork.objects.first()
    assert artwork is not None
    PartnerSession.objects.create(
        idempotency_key="key-1",
        session_id=SESSION,
        image_url="https://cdn.example.com/art/nebula.jpg",
        artwork=artwork,
        status=PartnerSession.Status.OPEN,
    )

    response = client.get(URL)

    assert f'href="{artwork.get_absolute_url()}"' in response.text
    assert artwork.title in unescape(response.text)
    assert SESSION in response.text


def test_an_order_from_elsewhere_says_no_session_of_ours_started_it(client, order):
    response = client.get(URL)

    assert "no matching partner session" in response.text


def test_an_unknown_order_is_a_404(client):
    assert client.get("/dashboard/orders/nope/").status_code == 404


def test_the_page_links_each_delivery_that_brought_an_event(client, order):
    paid = order.events.get(event_type="order.paid")
    delivery = WebhookDelivery.objects.create(
        outcome=Outcome.APPLIED, order_id=ORDER, order_event=paid
    )

    response = client.get(URL)

    assert f'href="/dashboard/webhooks/{delivery.pk}/"' in response.text


def _detail_queries(client, order_id: str, events: int) -> int:
    for i in range(events):
        # Each event has its own session id, so none is a duplicate of another.
        make_order(
            order_id,
            event="order.paid" if i % 2 else "order.shipped",
            session_id=f"sess_{i}",
            timestamp=f"2026-03-01T10:{i:02}:00Z",
            items=[{"productName": f"Item {i}", "imageUrl": "https://cdn.example.com/i.png"}],
        )
        WebhookDelivery.objects.create(
            outcome=Outcome.DUPLICATE, order_id=order_id, event_type="order.paid"
        )
        WebhookDelivery.objects.create(
            outcome=Outcome.APPLIED,
            order_id=order_id,
            order_event=OrderEvent.objects.get(
                order__printora_order_id=order_id, session_id=f"sess_{i}"
            ),
        )
    PartnerSession.objects.create(
        idempotency_key=f"key-{order_id}",
        session_id=f"sess_{events - 1}",
        image_url="https://cdn.example.com/art.jpg",
        artwork=Artwork.objects.first(),
    )
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/dashboard/orders/{order_id}/")
    assert response.status_code == 200
    assert response.text.count('class="dash-timeline__item') == events
    return len(queries)


def test_the_page_runs_as_many_queries_for_50_events_as_for_5(client):
    assert _detail_queries(client, "five", 5) == _detail_queries(client, "fifty", 50)
