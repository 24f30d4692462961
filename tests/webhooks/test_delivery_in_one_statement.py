"""On PostgreSQL an in-order delivery is one statement: order, event and delivery row.

The receiver runs outside a transaction (as under gunicorn), so that statement is
also the delivery's only commit. Anything unusual takes the locked path, and a
failure stores nothing but the failed delivery.
"""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import IntegrityError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dreamcanvas import sql
from orders.models import Order, OrderEvent, OrderStatus
from tests.helpers import make_event, post_webhook
from webhooks.models import Outcome, WebhookDelivery

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the one-statement path is PostgreSQL's"
    ),
]

LIFE = [
    make_event("order.created", timestamp="2026-03-01T10:00:00Z", orderNumber="ORD-1"),
    make_event("order.paid", timestamp="2026-03-01T11:00:00Z", paymentMethod="card"),
    make_event("order.shipped", timestamp="2026-03-02T10:00:00Z", trackingNumber="TRK"),
    make_event("order.delivered", timestamp="2026-03-04T10:00:00Z"),
]


def deliver(event: dict) -> tuple[dict, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        reply = post_webhook(Client(), event)
    assert reply.status_code == 200, reply.content
    return reply.json(), [q["sql"] for q in queries]


def test_each_event_of_an_order_in_order_is_one_statement_and_commit():
    for event in LIFE:
        reply, statements = deliver(event)
        assert reply["duplicate"] is False
        assert len(statements) == 1, statements
        assert statements[0].startswith("WITH")

    order = Order.objects.get()
    assert (order.status, order.order_number, order.tracking_number) == (
        OrderStatus.DELIVERED,
        "ORD-1",
        "TRK",
    )
    deliveries = WebhookDelivery.objects.order_by("id")
    assert [d.outcome for d in deliveries] == [Outcome.APPLIED] * 4
    linked = deliveries.values_list("order_event__event_type", flat=True)
    assert list(linked) == [e["event"] for e in LIFE]


def test_a_duplicate_and_a_late_event_take_the_locked_path():
    for event in LIFE[:3]:
        deliver(event)

    reply, statements = deliver(LIFE[1])
    assert reply["duplicate"] is True
    assert len(statements) > 1
    late = make_event("order.paid", session_id="s2", timestamp="2026-03-01T12:00:00Z")
    reply, _ = deliver(late)
    assert reply["duplicate"] is False

    assert OrderEvent.objects.count() == 4
    assert Order.objects.get().status == OrderStatus.SHIPPED
    outcomes = list(WebhookDelivery.objects.order_by("id").values_list("outcome", flat=True))
    assert outcomes == [Outcome.APPLIED] * 3 + [Outcome.DUPLICATE, Outcome.APPLIED]


def test_a_dedupe_race_lost_by_the_statement_is_retried_on_the_locked_path():
    deliver(LIFE[0])
    real = sql.fetch_one
    calls = []

    def lose_the_race(statement, params):
        calls.append(statement)
        if len(calls) == 1:
            raise IntegrityError("duplicate key value violates unique constraint")
        return real(statement, params)

    with mock.patch("dreamcanvas.sql.fetch_one", side_effect=lose_the_race):
        reply, _ = deliver(LIFE[1])

    assert reply["duplicate"] is False
    assert len(calls) > 1
    assert Order.objects.get().status == OrderStatus.PAID
    assert WebhookDelivery.objects.filter(outcome=Outcome.APPLIED).count() == 2


def test_a_failing_statement_stores_nothing_but_the_failed_delivery():
    deliver(LIFE[0])
    with mock.patch("orders.postgres.store", side_effect=RuntimeError("boom")):
        reply = post_webhook(Client(), LIFE[1])

    assert reply.status_code == 500
    assert OrderEvent.objects.count() == 1
    assert Order.objects.get().status == OrderStatus.PENDING
    failed = WebhookDelivery.objects.get(outcome=Outcome.FAILED)
    assert failed.order_event is None
    assert "boom" in failed.detail
    assert post_webhook(Client(), LIFE[1]).json()["duplicate"] is False  # the retry applies
