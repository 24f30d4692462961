"""Responses parse in every documented spelling: wrapped or bare, camelCase or snake_case."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
import responses

from printora_client import (
    OrderPage,
    PartnerOrder,
    PartnerSession,
    PrintoraClient,
    UnexpectedResponseError,
    WebhookLogPage,
)
from tests.printora_client.support import (
    BASE_URL,
    CREATED_SESSION,
    ORDERS_URL,
    SESSION_URL,
    image_session_kwargs,
    sent_query,
)

OLD_SNAKE_SESSION = {
    "session_id": "sess_x1y2z3",
    "redirect_url": "https://printora.ai/en/print/oldtoken",
    "image_url": "https://cdn.example/d.png",
    "created_at": "2026-03-15T10:00:00Z",
}

SNAKE_ORDER = {
    "order_id": "ord_abc123",
    "session_id": "sess_x1y2z3",
    "status": "processing",
    "total_amount": 29.99,
    "currency": "USD",
    "created_at": "2026-02-27T10:40:00Z",
}

CAMEL_ORDER = {
    "orderId": "ord_abc123",
    "sessionId": "sess_x1y2z3",
    "status": "processing",
    "paymentStatus": "paid",
    "totalAmount": 29.99,
    "currency": "USD",
    "createdAt": "2026-02-27T10:40:00Z",
    "updatedAt": "2026-02-27T10:41:00",
}


def test_the_current_wrapped_camel_case_session_parses() -> None:
    session = PartnerSession.model_validate(CREATED_SESSION)

    assert session.session_id == "550e8400-e29b-41d4-a716-446655440000"
    assert session.redirect_url == "https://printora.ai/en/print/abc123token"
    assert session.creator_id is None
    assert session.created_at == datetime(2026, 3, 15, 10, 0, tzinfo=UTC)


def test_the_old_unwrapped_snake_case_session_parses(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(responses.POST, SESSION_URL, json=OLD_SNAKE_SESSION, status=201)

    session = client.create_session(**image_session_kwargs())

    assert session.session_id == "sess_x1y2z3"
    assert session.redirect_url == "https://printora.ai/en/print/oldtoken"
    assert session.image_url == "https://cdn.example/d.png"
    assert session.created_at is not None
    assert session.created_at.tzinfo is not None


def test_a_session_read_back_includes_its_order(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    body = {"success": True, "data": {**CREATED_SESSION["data"], "order": CAMEL_ORDER}}
    mocked.add(responses.GET, f"{SESSION_URL}/sess%2F1", json=body)

    session = client.get_session("sess/1")

    assert session.order is not None
    assert session.order.order_id == "ord_abc123"
    assert session.idempotency_key is None


def test_a_session_is_read_back_by_token(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(responses.GET, f"{SESSION_URL}/by-token/abc123token", json=CREATED_SESSION)

    assert client.get_session_by_token("abc123token").session_mode == "image"


def test_unknown_fields_are_kept_and_survive_model_dump() -> None:
    body = {"success": True, "data": {**CREATED_SESSION["data"], "mockupUrl": "https://m/1.png"}}

    session = PartnerSession.model_validate(body)

    assert session.model_extra == {"mockupUrl": "https://m/1.png"}
    assert session.model_dump()["mockupUrl"] == "https://m/1.png"
    assert session.model_dump(by_alias=True)["mockupUrl"] == "https://m/1.png"


@pytest.mark.parametrize("order", [SNAKE_ORDER, CAMEL_ORDER], ids=["snake", "camel"])
def test_money_is_an_exact_decimal_not_a_binary_float(order: dict) -> None:
    parsed = PartnerOrder.model_validate(order)

    assert parsed.total_amount == Decimal("29.99")
    assert str(parsed.total_amount) == "29.99"


def test_money_from_raw_json_bytes_is_exact_too() -> None:
    parsed = PartnerOrder.model_validate_json(b'{"orderId": "o1", "totalAmount": 0.1}')

    assert str(parsed.total_amount) == "0.1"


def test_naive_timestamps_are_taken_as_utc_and_z_timestamps_parse() -> None:
    parsed = PartnerOrder.model_validate(CAMEL_ORDER)

    assert parsed.created_at == datetime(2026, 2, 27, 10, 40, tzinfo=UTC)
    assert parsed.updated_at == datetime(2026, 2, 27, 10, 41, tzinfo=UTC)
    assert parsed.updated_at is not None
    assert parsed.updated_at.utcoffset() is not None


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            {"orders": [SNAKE_ORDER], "total": 42, "limit": 20, "offset": 0}, id="bare snake"
        ),
        pytest.param(
            {
                "success": True,
                "data": {"orders": [CAMEL_ORDER], "total": 42, "limit": 20, "offset": 0},
            },
            id="wrapped camel",
        ),
        pytest.param(
            {"orders": [CAMEL_ORDER], "pagination": {"total": 42, "limit": 20, "offset": 0}},
            id="counts under pagination",
        ),
        pytest.param(
            {
                "success": True,
                "data": [CAMEL_ORDER],
                "pagination": {"total": 42, "limit": 20, "offset": 0},
            },
            id="wrapped list with pagination beside it",
        ),
    ],
)
def test_an_order_page_parses_in_every_documented_shape(
    client: PrintoraClient, mocked: responses.RequestsMock, body: dict
) -> None:
    mocked.add(responses.GET, ORDERS_URL, json=body)

    page = client.list_orders()

    assert isinstance(page, OrderPage)
    assert [order.order_id for order in page.orders] == ["ord_abc123"]
    assert page.orders[0].total_amount == Decimal("29.99")
    assert (page.total, page.limit, page.offset) == (42, 20, 0)


def test_list_orders_sends_limit_offset_and_status(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(responses.GET, ORDERS_URL, json={"orders": [], "total": 0})

    client.list_orders(limit=5, offset=10, status="paid")

    sent = sent_query(mocked.calls[0].request)
    assert sent == {"limit": "5", "offset": "10", "status": "paid"}


def test_webhook_logs_parse_wrapped_with_numeric_ids(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    body = {
        "success": True,
        "data": {
            "logs": [
                {
                    "id": 17,
                    "eventType": "order.paid",
                    "status": "failed",
                    "attempts": 5,
                    "url": "https://shop.example/api/webhooks/",
                    "createdAt": "2026-02-27T01:44:00Z",
                }
            ],
            "total": 1,
        },
    }
    mocked.add(responses.GET, f"{BASE_URL}/api/v1/partners/webhook-logs", json=body)

    page = client.list_webhook_logs(status="failed", event_type="order.paid")

    assert isinstance(page, WebhookLogPage)
    assert page.logs[0].id == "17"
    assert page.logs[0].attempts == 5
    assert page.total == 1
    sent = sent_query(mocked.calls[0].request)
    assert sent == {
        "limit": "20",
        "offset": "0",
        "status": "failed",
        "event_type": "order.paid",
    }


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/html", "<html>maintenance</html>"),
        ("application/json", ""),
        ("application/json", '{"success": true, "data": {"redirectUrl": "https://p/x"}}'),
        ("application/json", '["not", "an", "object"]'),
    ],
    ids=["html", "empty", "missing session id", "a list"],
)
def test_a_2xx_body_that_cannot_be_parsed_raises_unexpected_response(
    client: PrintoraClient, mocked: responses.RequestsMock, content_type: str, body: str
) -> None:
    mocked.add(responses.POST, SESSION_URL, body=body, status=201, content_type=content_type)

    with pytest.raises(UnexpectedResponseError) as raised:
        client.create_session(**image_session_kwargs())

    assert raised.value.status == 201
    assert raised.value.idempotency_key is not None


def test_a_created_session_without_redirect_url_is_unexpected(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(responses.POST, SESSION_URL, json={"sessionId": "s1"}, status=201)

    with pytest.raises(UnexpectedResponseError, match="no redirectUrl"):
        client.create_session(**image_session_kwargs())


def test_a_non_http_redirect_url_is_refused_so_it_never_reaches_a_browser() -> None:
    with pytest.raises(ValueError, match="http"):
        PartnerSession.model_validate({"sessionId": "s1", "redirectUrl": "javascript:alert(1)"})


def test_a_2xx_with_success_false_is_reported_with_the_servers_message(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    body = {"success": False, "error": {"code": "ODD", "message": "Could not create"}}
    mocked.add(responses.POST, SESSION_URL, json=body, status=200)

    with pytest.raises(UnexpectedResponseError) as raised:
        client.create_session(**image_session_kwargs())

    assert (raised.value.code, raised.value.message) == ("ODD", "Could not create")
