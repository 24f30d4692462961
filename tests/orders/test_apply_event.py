from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from orders.models import Order, OrderStatus
from orders.services import MissingOrderIdError, UnknownEventError, apply_event
from printora_client.models import WebhookEvent
from tests.helpers import fixture_json, make_event

pytestmark = pytest.mark.django_db

LIFECYCLE = ["order.created", "order.paid", "order.shipped", "order.delivered"]


def apply(envelope: dict):
    return apply_event(event=WebhookEvent.model_validate(envelope), payload=envelope)


def test_order_created_opens_a_pending_order():
    result = apply(fixture_json("order.created.json"))
    order = Order.objects.get()
    assert result.outcome == "applied" and result.order == order
    assert order.printora_order_id == "847f160f-324e-4e24-9a7c-f9215754b870"
    assert order.order_number == "ORD-2026-001234"
    assert order.session_id == "3726a462-e994-4a94-a483-34dd9de8ee90"
    assert order.status == OrderStatus.PENDING
    assert order.payment_status == "pending"
    assert order.total_amount == Decimal("25.18") and order.currency == "USD"
    assert order.printora_created_at == datetime(2026, 2, 27, 1, 2, 33, tzinfo=UTC)


def test_order_paid_fills_payment_customer_items_and_address():
    apply(fixture_json("order.created.json"))
    apply(fixture_json("order.paid.json"))
    order = Order.objects.get()
    assert order.status == OrderStatus.PAID
    assert order.printora_status == "processing"
    assert (order.payment_status, order.payment_method) == ("paid", "stripe")
    assert order.paid_at == datetime(2026, 2, 27, 1, 43, 58, 972000, tzinfo=UTC)
    assert order.total_amount == Decimal("20.11")
    assert order.customer_email == "customer@example.com"
    assert order.customer_name == "John Doe"
    assert order.items[0]["productName"] == "Canvas Print - 16x20"
    assert order.items_summary == "1 × Canvas Print - 16x20"
    assert order.shipping_address["zipCode"] == "94102"
    assert order.partner_image_url == "https://example.com/image.jpg"


def test_order_shipped_adds_tracking_and_keeps_what_it_does_not_mention():
    for name in ("order.created.json", "order.paid.json", "order.shipped.json"):
        apply(fixture_json(name))
    order = Order.objects.get()
    assert order.status == OrderStatus.SHIPPED
    assert (order.tracking_number, order.carrier) == ("1Z999AA10123456784", "UPS")
    assert order.tracking_url.startswith("https://www.ups.com/")
    assert order.creator is not None and order.creator["slug"] == "anya-artwork"
    assert order.customer_email == "customer@example.com"
    assert order.payment_method == "stripe"


def test_order_delivered_ends_the_lifecycle():
    for name in LIFECYCLE:
        apply(fixture_json(f"{name}.json"))
    order = Order.objects.get()
    assert order.status == OrderStatus.DELIVERED
    assert order.delivered_at == datetime(2026, 3, 4, 16, 45, tzinfo=UTC)
    assert order.events.count() == 4
    assert order.first_event_at and order.last_event_at
    assert order.first_event_at < order.last_event_at


def test_order_cancelled_cancels_an_order_that_is_not_delivered():
    envelope = fixture_json("order.cancelled.json")
    apply(make_event("order.created", order_id=envelope["data"]["orderId"]))
    apply(envelope)
    order = Order.objects.get()
    assert order.status == OrderStatus.CANCELLED
    assert order.payment_status == "refunded"
    assert order.cancelled_at == datetime(2026, 3, 2, 9, tzinfo=UTC)


def test_a_cancellation_does_not_undo_a_delivery():
    apply(make_event("order.delivered", timestamp="2026-03-01T00:00:00Z"))
    apply(make_event("order.cancelled", timestamp="2026-03-02T00:00:00Z"))
    assert Order.objects.get().status == OrderStatus.DELIVERED


def test_a_late_payment_adds_its_details_but_keeps_the_order_shipped():
    apply(make_event("order.shipped", timestamp="2026-03-02T00:00:00Z", trackingNumber="T1"))
    apply(
        make_event(
            "order.paid",
            timestamp="2026-03-01T00:00:00Z",
            paymentStatus="paid",
            paymentMethod="card",
        )
    )
    order = Order.objects.get()
    assert order.status == OrderStatus.SHIPPED
    assert (order.payment_status, order.payment_method, order.tracking_number) == (
        "paid",
        "card",
        "T1",
    )


def test_a_later_null_never_erases_a_known_value():
    apply(
        make_event(
            "order.paid",
            timestamp="2026-03-01T00:00:00Z",
            orderNumber="ORD-1",
            customer={"email": "a@example.com", "phone": "+1 555", "firstName": "Ann"},
            shippingAddress={"city": "Lyon", "zipCode": "69001"},
        )
    )
    apply(
        make_event(
            "order.shipped",
            timestamp="2026-03-02T00:00:00Z",
            orderNumber=None,
            customer={"email": None, "phone": None},
            shippingAddress={"city": None, "street": "1 Rue"},
        )
    )
    order = Order.objects.get()
    assert order.order_number == "ORD-1"
    assert (order.customer_email, order.customer_phone) == ("a@example.com", "+1 555")
    assert order.shipping_address == {"city": "Lyon", "zipCode": "69001", "street": "1 Rue"}


def test_unknown_fields_survive_in_the_stored_json():
    envelope = make_event("order.paid", giftMessage="Happy birthday", extra={"a": 1})
    envelope["envelopeExtra"] = True
    result = apply(envelope)
    order = Order.objects.get()
    assert order.data["giftMessage"] == "Happy birthday"
    assert order.data["extra"] == {"a": 1}
    assert result.event.payload == envelope


def test_the_snake_case_payload_of_the_seed_readme_is_applied():
    apply(fixture_json("seed-readme.order.created.snake.json"))
    order = Order.objects.get()
    assert order.printora_order_id == "ord_abc123"
    assert order.session_id == "cc8930e4-621a-xxxxx-xxxxx"
    assert order.total_amount == Decimal("29.99")
    assert order.status == OrderStatus.PENDING


@pytest.mark.parametrize("event", [*LIFECYCLE, "order.cancelled"])
def test_each_event_type_in_snake_case_sets_its_status(event):
    envelope = {
        "sessionId": "s1",
        "event": event,
        "timestamp": "2026-03-01T00:00:00Z",
        "data": {"order_id": "o1", "payment_status": "paid", "total_amount": 10.5},
    }
    apply(envelope)
    order = Order.objects.get()
    assert order.status == event.removeprefix("order.").replace("created", "pending")
    assert (order.payment_status, order.total_amount) == ("paid", Decimal("10.50"))


def test_the_same_event_twice_is_recorded_once():
    envelope = fixture_json("order.paid.json")
    assert apply(envelope).outcome == "applied"
    second = apply(envelope)
    assert second.outcome == "duplicate" and second.duplicate
    assert second.order.events.count() == 1


def test_the_same_event_type_from_another_session_is_not_a_duplicate():
    apply(make_event("order.paid", session_id="s1"))
    assert apply(make_event("order.paid", session_id="s2")).outcome == "applied"


def test_it_refuses_unknown_event_types_and_events_without_an_order_id():
    with pytest.raises(UnknownEventError):
        apply(make_event("order.refunded"))
    envelope = make_event()
    del envelope["data"]["orderId"]
    with pytest.raises(MissingOrderIdError):
        apply(envelope)
    assert Order.objects.count() == 0


def test_oversized_text_is_clipped_rather_than_failing_forever():
    apply(make_event("order.paid", currency="usd", carrier="X" * 500))
    order = Order.objects.get()
    assert order.currency == "USD"
    assert len(order.carrier) == 100
