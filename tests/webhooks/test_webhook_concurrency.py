"""Concurrent deliveries on PostgreSQL: the database, not process memory, keeps them safe."""

from __future__ import annotations

import json
import threading
from collections import Counter

import pytest
from django.db import connection, connections
from django.test import Client

from orders.models import Order, OrderEvent, OrderStatus
from tests.helpers import fixture_bytes, make_event, post_webhook
from webhooks.models import Outcome, WebhookDelivery

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL's row locks across connections; CI runs this on PostgreSQL",
    ),
]


def deliver_concurrently(bodies: list[bytes]) -> list:
    barrier = threading.Barrier(len(bodies))
    replies: list = [None] * len(bodies)

    def deliver(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            replies[index] = post_webhook(Client(), bodies[index])
        except Exception as exc:  # surfaced by the assertions below
            replies[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=deliver, args=(i,)) for i in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return replies


def test_twenty_simultaneous_copies_of_one_event_apply_exactly_once():
    replies = deliver_concurrently([fixture_bytes("order.paid.json")] * 20)
    assert all(not isinstance(r, Exception) for r in replies), replies
    assert Counter(r.status_code for r in replies) == {200: 20}
    duplicates = Counter(r.json()["duplicate"] for r in replies)
    assert duplicates == {False: 1, True: 19}
    assert OrderEvent.objects.count() == 1
    assert Counter(WebhookDelivery.objects.values_list("outcome", flat=True)) == {
        Outcome.APPLIED: 1,
        Outcome.DUPLICATE: 19,
    }


def test_eight_different_events_of_one_order_at_once_lose_no_update():
    events = [
        make_event("order.created", timestamp="2026-03-01T10:00:00Z", orderNumber="ORD-9"),
        make_event("order.paid", timestamp="2026-03-01T11:00:00Z", paymentMethod="card"),
        make_event("order.shipped", timestamp="2026-03-02T10:00:00Z", trackingNumber="TRK"),
        make_event("order.delivered", timestamp="2026-03-04T10:00:00Z"),
        make_event("order.paid", session_id="s2", timestamp="2026-03-01T12:00:00Z"),
        make_event("order.created", session_id="s2", customer={"email": "x@example.com"}),
        make_event("order.shipped", session_id="s2", carrier="UPS"),
        make_event("order.cancelled", session_id="s2", paymentStatus="refunded"),
    ]
    replies = deliver_concurrently([json.dumps(e).encode() for e in events])
    assert all(not isinstance(r, Exception) for r in replies), replies
    assert [r.status_code for r in replies] == [200] * 8
    assert all(r.json()["duplicate"] is False for r in replies)
    order = Order.objects.get()
    assert order.status == OrderStatus.DELIVERED
    assert order.events.count() == 8
    assert (order.order_number, order.payment_method, order.tracking_number) == (
        "ORD-9",
        "card",
        "TRK",
    )
    assert (order.carrier, order.customer_email, order.payment_status) == (
        "UPS",
        "x@example.com",
        "refunded",
    )


def test_one_event_resent_with_twenty_different_timestamps_at_once_applies_once():
    # Same dedupe key (session, type, order), each copy newer than the order: every
    # copy may pass the one-statement fold's guard, and all but one must then fall
    # back to the locked path and answer "duplicate", the order left as its log says.
    post_webhook(Client(), make_event("order.created", timestamp="2026-03-01T10:00:00Z"))
    bodies = [
        json.dumps(
            make_event(
                "order.paid",
                timestamp=f"2026-03-01T11:00:{second:02d}Z",
                paymentMethod=f"card-{second}",
            )
        ).encode()
        for second in range(20)
    ]
    replies = deliver_concurrently(bodies)
    assert all(not isinstance(r, Exception) for r in replies), replies
    assert Counter(r.status_code for r in replies) == {200: 20}
    assert Counter(r.json()["duplicate"] for r in replies) == {False: 1, True: 19}
    paid = OrderEvent.objects.get(event_type="order.paid")
    order = Order.objects.get()
    assert order.status == OrderStatus.PAID
    assert order.payment_method == paid.payload["data"]["paymentMethod"]
    assert order.last_event_at == paid.occurred_at
    applied = WebhookDelivery.objects.get(outcome=Outcome.APPLIED, event_type="order.paid")
    assert applied.order_event == paid
