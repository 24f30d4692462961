"""iter_orders walks every page; list arguments are checked before any HTTP."""

from __future__ import annotations

import itertools

import pytest
import responses

from printora_client import InvalidRequestError, PrintoraClient
from tests.printora_client.support import BASE_URL, ORDERS_URL, sent_query


def orders(start: int, count: int) -> list[dict]:
    return [{"orderId": f"ord_{n}", "status": "paid"} for n in range(start, start + count)]


def test_iter_orders_pages_through_two_and_a_half_pages_and_stops(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    for offset, count in [(0, 10), (10, 10), (20, 5)]:
        mocked.add(
            responses.GET,
            ORDERS_URL,
            json={"success": True, "data": {"orders": orders(offset, count), "total": 25}},
        )

    # islice bounds the walk, so a client that never stops fails instead of hanging.
    walk = itertools.islice(client.iter_orders(page_size=10, status="paid"), 100)
    found = [order.order_id for order in walk]

    assert found == [f"ord_{n}" for n in range(25)]
    sent = [sent_query(call.request) for call in mocked.calls]
    assert sent == [
        {"limit": "10", "offset": str(offset), "status": "paid"} for offset in (0, 10, 20)
    ]


def test_iter_orders_stops_at_an_empty_page_when_there_is_no_total(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(responses.GET, ORDERS_URL, json={"orders": orders(0, 3)})
    mocked.add(responses.GET, ORDERS_URL, json={"orders": []})

    assert len(list(itertools.islice(client.iter_orders(page_size=3), 100))) == 3
    assert len(mocked.calls) == 2


def test_iter_orders_advances_by_what_the_server_returned(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    # Asked for 100, the server capped pages at 2: no order may be skipped.
    mocked.add(responses.GET, ORDERS_URL, json={"orders": orders(0, 2), "total": 3})
    mocked.add(responses.GET, ORDERS_URL, json={"orders": orders(2, 1), "total": 3})

    walk = itertools.islice(client.iter_orders(), 100)
    assert [order.order_id for order in walk] == ["ord_0", "ord_1", "ord_2"]
    sent = sent_query(mocked.calls[1].request)
    assert sent["offset"] == "2"


@pytest.mark.parametrize(
    "kwargs", [{"limit": 0}, {"limit": 101}, {"limit": True}, {"offset": -1}, {"limit": "20"}]
)
def test_list_orders_rejects_out_of_range_arguments_before_any_http(
    client: PrintoraClient, mocked: responses.RequestsMock, kwargs: dict
) -> None:
    with pytest.raises(InvalidRequestError) as raised:
        client.list_orders(**kwargs)

    assert raised.value.status is None
    assert len(mocked.calls) == 0


def test_iter_orders_rejects_a_bad_page_size_when_called_not_when_iterated(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    with pytest.raises(InvalidRequestError):
        client.iter_orders(page_size=500)
    assert len(mocked.calls) == 0


def test_retry_webhook_log_posts_to_the_log_with_an_idempotency_key(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    url = f"{BASE_URL}/api/v1/partners/webhook-logs/log%201/retry"
    mocked.add(responses.POST, url, json={"success": True, "data": {"status": "retrying"}})

    assert client.retry_webhook_log("log 1") == {"status": "retrying"}
    assert mocked.calls[0].request.headers["Idempotency-Key"]


def test_resend_webhook_posts_the_event_for_an_order(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(responses.POST, f"{BASE_URL}/api/v1/partners/webhooks/resend", body="")

    assert client.resend_webhook(event_type="order.paid", order_id="ord_1") == {}
    assert mocked.calls[0].request.body == b'{"eventType":"order.paid","orderId":"ord_1"}'


def test_resend_webhook_posts_the_event_for_a_session(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(responses.POST, f"{BASE_URL}/api/v1/partners/webhooks/resend", json={"ok": 1})

    client.resend_webhook(event_type="order.created", session_id="sess_1")

    assert mocked.calls[0].request.body == b'{"eventType":"order.created","sessionId":"sess_1"}'


@pytest.mark.parametrize("ids", [{}, {"order_id": "o", "session_id": "s"}], ids=["neither", "both"])
def test_resend_webhook_needs_exactly_one_of_order_or_session(
    client: PrintoraClient, mocked: responses.RequestsMock, ids: dict
) -> None:
    with pytest.raises(InvalidRequestError, match="exactly one"):
        client.resend_webhook(event_type="order.paid", **ids)
    assert len(mocked.calls) == 0


@pytest.mark.parametrize("session_id", ["", "   ", "..", None])
def test_get_session_rejects_an_empty_or_path_like_id(
    client: PrintoraClient, mocked: responses.RequestsMock, session_id: str | None
) -> None:
    with pytest.raises(InvalidRequestError):
        client.get_session(session_id)  # type: ignore[arg-type]
    assert len(mocked.calls) == 0
