"""Folding the newest event onto the stored order gives exactly what a rebuild gives.

``apply_event`` rebuilds an order from all its events only when it must (an event
arriving out of order, a tie, a synthetic event); otherwise it folds the newest
event onto what is stored: one conditional UPDATE on PostgreSQL. These tests hold
the fast path to the rebuild's result.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orders.models import Order, OrderEvent
from orders.projection import project
from orders.services import apply_event
from printora_client.models import WebhookEvent
from tests.helpers import make_event

pytestmark = pytest.mark.django_db

EVENT_TYPES = ["order.created", "order.paid", "order.shipped", "order.delivered", "order.cancelled"]
START = datetime(2026, 3, 1, tzinfo=UTC)
text = st.one_of(st.none(), st.just(""), st.sampled_from(["a", "b", "Ωmega"]))
data_fields = st.fixed_dictionaries(
    {},
    optional={
        "orderNumber": text,
        "status": text,
        "paymentMethod": text,
        "currency": st.one_of(st.none(), st.sampled_from(["usd", "EUR", "dollars"])),
        "trackingNumber": text,
        "paidAt": st.one_of(st.none(), st.just("2026-02-01T00:00:00Z")),
        "totalAmount": st.one_of(st.none(), st.sampled_from([9.99, "20.115", 0])),
        "customer": st.one_of(
            st.none(),
            st.fixed_dictionaries({}, optional={"email": text, "firstName": text, "phone": text}),
        ),
        "shippingAddress": st.fixed_dictionaries({}, optional={"city": text, "zipCode": text}),
        "items": st.lists(st.fixed_dictionaries({"productName": text}), max_size=2),
        "creator": st.one_of(st.none(), st.fixed_dictionaries({"name": text})),
        "extra": st.one_of(st.none(), st.integers(0, 3), st.fixed_dictionaries({"k": text})),
    },
)


def rebuilt(order: Order) -> dict:
    fresh = Order(printora_order_id=order.printora_order_id)
    payloads = order.events.values_list("payload", flat=True)
    project(fresh, [WebhookEvent.model_validate(payload) for payload in payloads])
    return model_to_dict(fresh, exclude=["id", "has_synced_events"])


def stored(order: Order) -> dict:
    order.refresh_from_db()
    return model_to_dict(order, exclude=["id", "has_synced_events"])


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    steps=st.lists(
        st.tuples(st.sampled_from(EVENT_TYPES), st.integers(0, 5), data_fields),
        min_size=1,
        max_size=6,
        unique_by=lambda step: step[0],
    )
)
def test_every_order_equals_the_rebuild_of_its_events(steps):
    Order.objects.all().delete()
    for event_type, minute, data in steps:
        envelope = make_event(
            event_type,
            order_id="o1",
            timestamp=(START + timedelta(minutes=minute)).isoformat(),
            **data,
        )
        apply_event(event=WebhookEvent.model_validate(envelope), payload=envelope)
        order = Order.objects.get()
        assert stored(order) == rebuilt(order)


def apply(event_type: str, minute: int, **data) -> None:
    envelope = make_event(
        event_type, timestamp=(START + timedelta(minutes=minute)).isoformat(), **data
    )
    apply_event(event=WebhookEvent.model_validate(envelope), payload=envelope)


def test_the_newest_event_of_an_existing_order_takes_one_statement_on_postgresql():
    apply("order.created", 0, totalAmount=10)
    with CaptureQueriesContext(connection) as queries:
        apply("order.paid", 1, paymentMethod="card")

    order = Order.objects.get()
    assert (order.status, order.payment_method, order.paid_at) == (
        "paid",
        "card",
        START + timedelta(minutes=1),
    )
    assert OrderEvent.objects.count() == 2
    statements = [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]]
    # SQLite: lock, insert the event, save the order.
    assert len(statements) == (1 if connection.vendor == "postgresql" else 3), statements


def test_an_older_event_arriving_late_is_rebuilt_not_folded():
    apply("order.shipped", 5, trackingNumber="T-2")
    apply("order.paid", 1, trackingNumber="T-1", paymentMethod="card")

    order = Order.objects.get()
    assert (order.status, order.tracking_number, order.payment_method) == (
        "shipped",
        "T-2",
        "card",
    )
    assert stored(order) == rebuilt(order)


def test_a_resent_event_with_a_newer_timestamp_is_a_duplicate_and_changes_nothing():
    apply("order.created", 0)
    apply("order.paid", 1, paymentMethod="card")
    before = stored(Order.objects.get())

    resent = make_event(
        "order.paid", timestamp=(START + timedelta(minutes=9)).isoformat(), paymentMethod="x"
    )
    result = apply_event(event=WebhookEvent.model_validate(resent), payload=resent)

    assert result.duplicate
    assert OrderEvent.objects.count() == 2
    assert stored(Order.objects.get()) == before
