"""X-RateLimit-* headers are exposed as client.rate_limit; garbage never raises."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import responses

from printora_client import PrintoraClient, RateLimit, ServerError
from printora_client.rate_limit import parse_rate_limit, parse_retry_after
from tests.printora_client.support import NOW, ORDERS_URL

RESET = 1_770_000_060


def test_rate_limit_is_none_before_any_response(client: PrintoraClient) -> None:
    assert client.rate_limit is None


def test_rate_limit_headers_of_the_last_response_are_readable(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    headers = {
        "X-RateLimit-Limit": "60",
        "X-RateLimit-Remaining": "59",
        "X-RateLimit-Reset": str(RESET),
    }
    mocked.add(responses.GET, ORDERS_URL, json={"orders": []}, headers=headers)

    client.list_orders()

    assert client.rate_limit == RateLimit(
        limit=60, remaining=59, reset_at=datetime.fromtimestamp(RESET, tz=UTC)
    )


def test_the_rate_limit_is_frozen() -> None:
    rate_limit = RateLimit(limit=1, remaining=0, reset_at=None)
    with pytest.raises(AttributeError):
        rate_limit.remaining = 5  # type: ignore[misc]


def test_errors_carry_the_rate_limit_of_their_response(mocked: responses.RequestsMock) -> None:
    client = PrintoraClient("pk_test_x", "https://api.printora.test", max_retries=0)
    mocked.add(responses.GET, ORDERS_URL, status=500, headers={"X-RateLimit-Remaining": "3"})

    with pytest.raises(ServerError) as raised:
        client.list_orders()

    assert raised.value.rate_limit == RateLimit(limit=None, remaining=3, reset_at=None)
    assert client.rate_limit == raised.value.rate_limit


def test_a_response_without_rate_limit_headers_keeps_the_last_known_value(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(responses.GET, ORDERS_URL, json={"orders": []}, headers={"X-RateLimit-Limit": "60"})
    mocked.add(responses.GET, ORDERS_URL, json={"orders": []})

    client.list_orders()
    client.list_orders()

    assert client.rate_limit is not None
    assert client.rate_limit.limit == 60


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({}, None),
        ({"X-RateLimit-Limit": "sixty"}, None),
        ({"X-RateLimit-Limit": "-1", "X-RateLimit-Remaining": "1.5"}, None),
        ({"X-RateLimit-Reset": "nan"}, None),
        ({"X-RateLimit-Reset": "inf"}, None),
        ({"X-RateLimit-Reset": "1e400"}, None),
        ({"X-RateLimit-Reset": "99999999999999999999"}, None),
        ({"X-RateLimit-Limit": "", "X-RateLimit-Remaining": " 7 "}, RateLimit(None, 7, None)),
        ({"x-ratelimit-limit": "100"}, RateLimit(100, None, None)),
        (
            {"X-RateLimit-Reset": "30"},
            RateLimit(None, None, datetime.fromtimestamp(NOW + 30, tz=UTC)),
        ),
    ],
    ids=[
        "absent",
        "words",
        "negative and fractional",
        "nan reset",
        "infinite reset",
        "overflowing float reset",
        "reset beyond year 9999",
        "blank limit and padded remaining",
        "lower-case header name",
        "small reset read as seconds from now",
    ],
)
def test_rate_limit_parsing_ignores_garbage_without_raising(
    headers: dict[str, str], expected: RateLimit | None
) -> None:
    assert parse_rate_limit(headers, NOW) == expected


def test_garbage_rate_limit_headers_do_not_break_a_successful_call(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    headers = {"X-RateLimit-Limit": "lots", "X-RateLimit-Reset": "soon"}
    mocked.add(responses.GET, ORDERS_URL, json={"orders": []}, headers=headers)

    assert client.list_orders().orders == []
    assert client.rate_limit is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3", 3.0),
        ("0", 0.0),
        ("1.5", 1.5),
        ("Thu, 01 Jan 1970 00:00:00 GMT", 0.0),
        ("-4", None),
        ("soon", None),
        ("", None),
        ("Mon, 99 Foo 2026 99:99:99 GMT", None),
    ],
)
def test_retry_after_parses_seconds_and_dates_and_rejects_garbage(
    value: str, expected: float | None
) -> None:
    assert parse_retry_after({"Retry-After": value}, NOW) == expected
