"""No signed event can break the order book or fail for ever.

Each input goes through the real receiver (signed, as Printora would post it): it
is either applied, or refused with a 4xx whose reason is recorded; never a 500.
Then every dashboard page and the export still work. CI runs this module on
SQLite and on PostgreSQL.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from orders.models import Order, OrderEvent
from tests.helpers import make_event, post_webhook
from webhooks.models import Outcome, WebhookDelivery

pytestmark = pytest.mark.django_db

FAR_FUTURE = "9999-12-31T23:59:59-12:00"  # year 10000 in UTC: stored, never read back
YEAR_ZERO = "0001-01-01T00:00:00+01:00"  # year 0 in UTC


def event_json(**changes: object) -> str:
    envelope = make_event("order.paid", totalAmount=29.99, currency="USD")
    data = changes.pop("data", {})
    assert isinstance(data, dict)
    envelope.update(changes)
    envelope["data"].update(data)
    return json.dumps(envelope)


def deep(levels: int) -> str:
    return "[" * levels + "]" * levels


# (case, body, the words the recorded reason must contain)
REFUSED = [
    ("far-future timestamp", event_json(timestamp=FAR_FUTURE), "timestamp"),
    ("year-zero timestamp", event_json(timestamp=YEAR_ZERO), "timestamp"),
    ("far-future paidAt", event_json(data={"paidAt": FAR_FUTURE}), "data.paidAt"),
    ("far-future shippedAt", event_json(data={"shippedAt": FAR_FUTURE}), "data.shippedAt"),
    ("year-zero createdAt", event_json(data={"createdAt": YEAR_ZERO}), "data.createdAt"),
    ("total of 1e15", event_json(data={"totalAmount": 1e15}), "data.totalAmount"),
    ("total of 10^10", event_json(data={"totalAmount": 10**10}), "data.totalAmount"),
    ("negative huge total", event_json(data={"totalAmount": -(10**12)}), "data.totalAmount"),
    ("order id over 100", event_json(data={"orderId": "o" * 101}), "data.orderId"),
    ("session id over 100", event_json(sessionId="s" * 101), "sessionId"),
    ("NUL in orderId", event_json(data={"orderId": "ord\x00_1"}), "data.orderId"),
    ("NUL in sessionId", event_json(sessionId="sess\x00"), "sessionId"),
    ("NUL in event", event_json(event="order.paid\x00"), "event"),
    ("NUL in a nested string", event_json(data={"customer": {"firstName": "A\x00"}}), "firstName"),
    ("NUL in a key", event_json(data={"note\x00": "x"}), "key"),
    ("lone surrogate", event_json(data={"note": "\ud800"}), "surrogate"),
    ("lone surrogate in an id", event_json(data={"orderId": "ord_\udfff"}), "surrogate"),
    ("NaN", event_json().replace('"totalAmount": 29.99', '"totalAmount": NaN'), "finite"),
    ("Infinity", event_json().replace("29.99", "Infinity"), "finite"),
    ("1e400", event_json().replace("29.99", "1e400"), "finite"),
    ("40 levels deep", event_json().replace('"USD"', deep(40)), "nested"),
    ("2,000 levels deep", event_json().replace('"USD"', deep(2000)), "nested"),
    ("100,000 levels deep", event_json().replace('"USD"', deep(100_000)), "nested"),
]

# (case, body, check of the stored order): stored as given, or clamped.
APPLIED = [
    (
        "the largest total the book holds",
        event_json(data={"totalAmount": "9999999999.99"}),
        lambda order: str(order.total_amount) == "9999999999.99",
    ),
    (
        "a total with many decimals (rounded to cents)",
        event_json(data={"totalAmount": 12.345678}),
        lambda order: str(order.total_amount) == "12.35",
    ),
    (
        "long texts (clipped to their columns)",
        event_json(data={"orderNumber": "N" * 300, "currency": "dollars", "carrier": "c" * 500}),
        lambda order: (
            (order.order_number, order.currency, order.carrier) == ("N" * 100, "DOL", "c" * 100)
        ),
    ),
    (
        "an order id of exactly 100 characters",
        event_json(data={"orderId": "o" * 100}),
        lambda order: order.printora_order_id == "o" * 100,
    ),
    (
        "times at the ends of the range",
        event_json(timestamp="1970-01-01T00:00:00Z", data={"paidAt": "2099-12-31T23:59:59Z"}),
        lambda order: order.paid_at.year == 2099 and order.last_event_at.year == 1970,
    ),
    (
        "unicode beyond the BMP and escaped controls",
        event_json(data={"customer": {"firstName": "Zoë 🎨\u0001\t"}, "note": "\ufffd"}),
        lambda order: order.customer_name == "Zoë 🎨\u0001\t",
    ),
    (
        "JSON 20 levels deep in an unknown field",
        event_json(data={"extra": json.loads(deep(20))}),
        lambda order: "extra" in order.data,
    ),
]


def post_raw(client, body: str):
    # surrogatepass: a lone surrogate escaped in JSON is "\ud800" text, valid UTF-8 bytes.
    raw = body.encode("utf-8", "surrogatepass") if "\\u" not in body else body.encode()
    return post_webhook(client, raw)


def assert_every_page_works(client) -> None:
    for url in (
        "/dashboard/",
        "/dashboard/?sort=total",
        "/dashboard/?sort=-total",
        "/dashboard/?sort=created",
        "/dashboard/?status=paid",
        "/dashboard/?q=ord",
        "/dashboard/live/",
        "/dashboard/live/?since=2026-01-01T00:00:00Z",
        "/dashboard/webhooks/",
        "/dashboard/webhooks/?outcome=failures",
    ):
        assert client.get(url).status_code == 200, url
    for order in Order.objects.all():
        assert client.get(f"/dashboard/orders/{order.printora_order_id}/").status_code == 200
    for delivery in WebhookDelivery.objects.all():
        assert client.get(f"/dashboard/webhooks/{delivery.pk}/").status_code == 200
    export = client.get("/dashboard/export.csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert len(rows) == Order.objects.count()


@pytest.mark.parametrize(("case", "body", "words"), REFUSED, ids=[c[0] for c in REFUSED])
def test_an_unstorable_event_is_refused_with_its_reason_recorded(
    client, case: str, body: str, words: str
):
    reply = post_raw(client, body)

    assert reply.status_code == 400, reply.content
    assert words in reply.json()["error"]
    delivery = WebhookDelivery.objects.get()
    assert (delivery.outcome, delivery.http_status, delivery.signature_valid) == (
        Outcome.REJECTED,
        400,
        True,
    )
    assert words in delivery.detail
    assert not OrderEvent.objects.exists()
    assert_every_page_works(client)


@pytest.mark.parametrize(("case", "body", "check"), APPLIED, ids=[c[0] for c in APPLIED])
def test_an_odd_but_storable_event_is_applied_as_given_or_clamped(client, case, body, check):
    reply = post_raw(client, body)

    assert reply.status_code == 200, reply.content
    assert reply.json() == {"received": True, "duplicate": False}
    order = Order.objects.get()
    assert check(order)
    assert WebhookDelivery.objects.get().outcome == Outcome.APPLIED
    assert_every_page_works(client)


def test_all_of_them_together_leave_every_page_working(client):
    for _, body, _ in REFUSED:
        post_raw(client, body)
    for index, (_, body, _) in enumerate(APPLIED):
        post_raw(client, body.replace('"sess_test_1"', f'"sess_{index}"'))

    assert WebhookDelivery.objects.count() == len(REFUSED) + len(APPLIED)
    assert not WebhookDelivery.objects.filter(http_status__gte=500).exists()
    assert_every_page_works(client)


def test_a_staff_replay_of_an_unstorable_event_is_refused_the_same_way(client):
    from webhooks import services

    post_raw(client, event_json(timestamp=FAR_FUTURE))
    original = WebhookDelivery.objects.get()

    reply = services.replay(original)

    assert reply.status == 400 and "timestamp" in str(reply.body["error"])
    assert reply.delivery is not None and reply.delivery.replay_of == original


def test_a_planted_2000_deep_body_does_not_break_its_delivery_page(client):
    body = ('{"a": ' + deep(2000) + "}").encode()
    planted = WebhookDelivery.objects.create(
        body=body, body_size=len(body), signature_valid=True, outcome=Outcome.APPLIED
    )

    page = client.get(f"/dashboard/webhooks/{planted.pk}/")

    assert page.status_code == 200
    assert deep(2000) in page.content.decode()
