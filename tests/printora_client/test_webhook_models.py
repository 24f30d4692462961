"""Every documented webhook payload parses; a broken envelope is refused."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from printora_client import KNOWN_EVENTS, WebhookEvent
from tests.printora_client.support import WEBHOOK_FIXTURES

FIXTURE_FILES = sorted(WEBHOOK_FIXTURES.glob("*.json"))


def load(name: str) -> dict:
    return json.loads((WEBHOOK_FIXTURES / name).read_bytes())


def test_the_fixture_folder_holds_every_documented_event() -> None:
    events = {json.loads(path.read_bytes())["event"] for path in FIXTURE_FILES}
    assert events == set(KNOWN_EVENTS)


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda path: path.name)
def test_every_fixture_parses_from_its_raw_bytes(path: Path) -> None:
    event = WebhookEvent.model_validate_json(path.read_bytes())

    assert event.is_known
    assert event.session_id
    assert event.timestamp.tzinfo is not None
    assert event.data.status


def test_the_paid_event_exposes_every_nested_field() -> None:
    event = WebhookEvent.model_validate(load("order.paid.json"))
    data = event.data

    assert event.event == "order.paid"
    assert event.timestamp == datetime(2026, 2, 27, 1, 43, 59, 10000, tzinfo=UTC)
    assert data.order_id == "847f160f-324e-4e24-9a7c-f9215754b870"
    assert data.order_number == "ORD-2026-001234"
    assert (data.payment_status, data.payment_method) == ("paid", "stripe")
    assert data.total_amount == Decimal("20.11")
    assert data.paid_at == datetime(2026, 2, 27, 1, 43, 58, 972000, tzinfo=UTC)
    assert data.items is not None
    assert data.items[0].product_name == "Canvas Print - 16x20"
    assert data.items[0].price == Decimal("13.99")
    assert data.customer is not None
    assert (data.customer.email, data.customer.first_name) == ("customer@example.com", "John")
    assert data.shipping_address is not None
    assert (data.shipping_address.zip_code, data.shipping_address.apartment) == ("94102", "Apt 4B")
    assert data.partner_image_url == "https://example.com/image.jpg"
    assert data.creator is None


def test_shipping_and_creator_fields_parse() -> None:
    data = WebhookEvent.model_validate(load("order.shipped.json")).data

    assert (data.carrier, data.tracking_number) == ("UPS", "1Z999AA10123456784")
    assert data.tracking_url is not None
    assert data.shipped_at == datetime(2026, 3, 1, 14, 30, tzinfo=UTC)
    assert data.creator is not None
    assert data.creator.slug == "anya-artwork"


def test_the_snake_case_seed_payload_parses_with_its_non_uuid_session_id() -> None:
    event = WebhookEvent.model_validate(load("seed-readme.order.created.snake.json"))

    assert event.session_id == "cc8930e4-621a-xxxxx-xxxxx"
    assert event.timestamp == datetime(2026, 1, 30, 10, 40, tzinfo=UTC)
    assert event.data.order_id == "ord_abc123"
    assert event.data.session_id == "sess_x1y2z3"
    assert event.data.total_amount == Decimal("29.99")


def test_an_unknown_event_still_parses_but_is_not_known() -> None:
    event = WebhookEvent.model_validate({**load("order.created.json"), "event": "order.refunded"})

    assert event.event == "order.refunded"
    assert event.is_known is False


def test_unknown_fields_are_kept_at_every_level() -> None:
    payload = load("order.cancelled.json")
    payload["deliveryId"] = "dlv_1"
    payload["data"]["refundReason"] = "customer request"

    event = WebhookEvent.model_validate(payload)
    dumped = event.model_dump()

    assert dumped["deliveryId"] == "dlv_1"
    assert dumped["data"]["refundReason"] == "customer request"


def test_a_naive_envelope_timestamp_is_taken_as_utc() -> None:
    event = WebhookEvent.model_validate(
        {**load("order.created.json"), "timestamp": "2026-01-30T10:40:00"}
    )

    assert event.timestamp == datetime(2026, 1, 30, 10, 40, tzinfo=UTC)


def test_a_success_key_in_the_envelope_is_not_mistaken_for_a_response_wrapper() -> None:
    payload = {**load("order.created.json"), "success": True}

    assert WebhookEvent.model_validate(payload).data.order_number == "ORD-2026-001234"


@pytest.mark.parametrize("missing", ["sessionId", "event", "timestamp", "data"])
def test_an_envelope_without_a_required_field_is_refused(missing: str) -> None:
    payload = load("order.created.json")
    del payload[missing]

    with pytest.raises(ValidationError):
        WebhookEvent.model_validate(payload)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("data", None),
        ("data", ["not", "an", "object"]),
        ("data", "text"),
        ("sessionId", ""),
        ("timestamp", "yesterday"),
        ("event", None),
    ],
)
def test_an_envelope_with_a_malformed_field_is_refused(field: str, value: object) -> None:
    payload = {**load("order.created.json"), field: value}

    with pytest.raises(ValidationError):
        WebhookEvent.model_validate(payload)


@pytest.mark.parametrize("field", ["sessionId", "event"])
def test_an_envelope_with_a_number_for_its_event_or_session_id_is_invalid(field):
    envelope: dict[str, object] = {
        "sessionId": "s1",
        "event": "order.paid",
        "timestamp": "2026-03-01T00:00:00Z",
        "data": {"orderId": "o1"},
    }
    envelope[field] = 5
    with pytest.raises(ValidationError):
        WebhookEvent.model_validate(envelope)
