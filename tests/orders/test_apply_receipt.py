"""apply_event's receipt: the caller's row about an event (the webhook delivery),
stored with the event in the same commit, or not at all."""

from __future__ import annotations

import pytest

from orders.models import Order, OrderEvent, OrderStatus
from orders.services import apply_event
from printora_client.models import WebhookEvent
from tests.helpers import make_event
from webhooks.models import Outcome, WebhookDelivery

pytestmark = pytest.mark.django_db

CREATED = make_event("order.created", timestamp="2026-03-01T10:00:00Z")
PAID = make_event("order.paid", timestamp="2026-03-01T11:00:00Z", paymentMethod="card")


def apply(envelope: dict, receipt=None):
    return apply_event(
        event=WebhookEvent.model_validate(envelope), payload=envelope, receipt=receipt
    )


def delivery_of(event: OrderEvent | None) -> WebhookDelivery:
    outcome = Outcome.APPLIED if event else Outcome.DUPLICATE
    return WebhookDelivery(outcome=outcome, order_event=event, body=b"{}", http_status=200)


def test_the_receipt_is_stored_pointing_at_the_event_it_came_with():
    apply(CREATED, delivery_of)
    result = apply(PAID, delivery_of)

    assert isinstance(result.receipt, WebhookDelivery) and result.receipt.pk is not None
    stored = WebhookDelivery.objects.get(pk=result.receipt.pk)
    assert stored.order_event == OrderEvent.objects.get(event_type="order.paid")
    assert stored.outcome == Outcome.APPLIED


def test_a_duplicate_gets_a_receipt_without_an_event():
    apply(CREATED, delivery_of)
    result = apply(CREATED, delivery_of)

    assert result.duplicate
    assert result.receipt.order_event_id is None
    assert result.receipt.outcome == Outcome.DUPLICATE
    assert WebhookDelivery.objects.count() == 2


def test_a_receipt_that_cannot_be_built_leaves_no_event_behind():
    apply(CREATED, delivery_of)

    def broken(event):
        raise RuntimeError("no receipt")

    with pytest.raises(RuntimeError):
        apply(PAID, broken)

    assert OrderEvent.objects.count() == 1
    assert Order.objects.get().status == OrderStatus.PENDING
    assert apply(PAID, delivery_of).duplicate is False  # the retry is applied
