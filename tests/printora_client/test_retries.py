"""Transient failures are retried with the same Idempotency-Key; the rest fail at once."""

from __future__ import annotations

from email.utils import formatdate

import pytest
import requests
import responses

from printora_client import (
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    ConflictError,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
    PrintoraClient,
    PrintoraError,
    RateLimitError,
    ServerError,
)
from tests.printora_client.support import (
    API_KEY,
    BASE_URL,
    CREATED_SESSION,
    NOW,
    ORDERS_URL,
    SESSION_URL,
    FakeSleep,
    error_body,
    image_session_kwargs,
)

RATE_LIMITED = error_body("RATE_LIMIT_EXCEEDED", "Too many requests")


def idempotency_keys(mocked: responses.RequestsMock) -> list[str]:
    return [call.request.headers["Idempotency-Key"] for call in mocked.calls]


def test_it_retries_a_429_after_the_retry_after_delay_with_the_same_idempotency_key(
    client: PrintoraClient, mocked: responses.RequestsMock, sleeps: FakeSleep
) -> None:
    mocked.add(
        responses.POST, SESSION_URL, json=RATE_LIMITED, status=429, headers={"Retry-After": "3"}
    )
    mocked.add(responses.POST, SESSION_URL, json=CREATED_SESSION, status=201)

    session = client.create_session(**image_session_kwargs())

    assert len(mocked.calls) == 2
    keys = idempotency_keys(mocked)
    assert keys[0] == keys[1] == session.idempotency_key
    assert sleeps.calls == [3]


def test_it_reuses_the_callers_idempotency_key_on_every_retry(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(responses.POST, SESSION_URL, status=503)
    mocked.add(responses.POST, SESSION_URL, status=502)
    mocked.add(responses.POST, SESSION_URL, json=CREATED_SESSION, status=201)

    client.create_session(**image_session_kwargs(idempotency_key="row-key-1"))

    assert idempotency_keys(mocked) == ["row-key-1"] * 3


def test_it_honours_retry_after_given_as_an_http_date(
    client: PrintoraClient, mocked: responses.RequestsMock, sleeps: FakeSleep
) -> None:
    in_five_seconds = formatdate(NOW + 5, usegmt=True)
    mocked.add(
        responses.POST,
        SESSION_URL,
        json=RATE_LIMITED,
        status=429,
        headers={"Retry-After": in_five_seconds},
    )
    mocked.add(responses.POST, SESSION_URL, json=CREATED_SESSION, status=201)

    client.create_session(**image_session_kwargs())

    assert sleeps.calls == [5.0]


def test_a_429_without_retry_after_waits_until_the_rate_limit_reset(
    client: PrintoraClient, mocked: responses.RequestsMock, sleeps: FakeSleep
) -> None:
    mocked.add(
        responses.POST,
        SESSION_URL,
        json=RATE_LIMITED,
        status=429,
        headers={"X-RateLimit-Reset": str(int(NOW) + 4), "X-RateLimit-Remaining": "0"},
    )
    mocked.add(responses.POST, SESSION_URL, json=CREATED_SESSION, status=201)

    client.create_session(**image_session_kwargs())

    assert sleeps.calls == [4.0]
    assert len(mocked.calls) == 2


def test_it_retries_503_twice_then_succeeds(
    client: PrintoraClient, mocked: responses.RequestsMock, sleeps: FakeSleep
) -> None:
    mocked.add(responses.POST, SESSION_URL, status=503)
    mocked.add(responses.POST, SESSION_URL, status=503)
    mocked.add(responses.POST, SESSION_URL, json=CREATED_SESSION, status=201)

    client.create_session(**image_session_kwargs())

    assert len(mocked.calls) == 3
    assert len(sleeps.calls) == 2
    assert len(set(idempotency_keys(mocked))) == 1


@pytest.mark.parametrize(
    "failure",
    [
        requests.ConnectTimeout(),
        requests.ReadTimeout(),
        requests.ConnectionError(),
        requests.exceptions.ChunkedEncodingError(),
    ],
    ids=["connect timeout", "read timeout", "connection error", "connection cut mid-body"],
)
def test_it_retries_network_failures_with_the_same_idempotency_key(
    client: PrintoraClient,
    mocked: responses.RequestsMock,
    sleeps: FakeSleep,
    failure: Exception,
) -> None:
    mocked.add(responses.POST, SESSION_URL, body=failure)
    mocked.add(responses.POST, SESSION_URL, json=CREATED_SESSION, status=201)

    session = client.create_session(**image_session_kwargs())

    assert len(mocked.calls) == 2
    assert session.idempotency_key == idempotency_keys(mocked)[1]
    assert len(sleeps.calls) == 1


@pytest.mark.parametrize("status", [408, 500, 502, 504])
def test_it_retries_the_other_transient_statuses(
    client: PrintoraClient, mocked: responses.RequestsMock, status: int
) -> None:
    mocked.add(responses.GET, ORDERS_URL, status=status)
    mocked.add(responses.GET, ORDERS_URL, json={"orders": [], "total": 0})

    client.list_orders()

    assert len(mocked.calls) == 2


@pytest.mark.parametrize(
    ("status", "error_class"),
    [
        (400, InvalidRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (422, InvalidRequestError),
    ],
)
def test_it_never_retries_a_client_error(
    client: PrintoraClient,
    mocked: responses.RequestsMock,
    sleeps: FakeSleep,
    status: int,
    error_class: type[PrintoraError],
) -> None:
    mocked.add(responses.POST, SESSION_URL, json=error_body("NOPE", "no"), status=status)

    with pytest.raises(error_class) as raised:
        client.create_session(**image_session_kwargs())

    assert raised.value.status == status
    assert len(mocked.calls) == 1
    assert sleeps.calls == []


def test_when_retries_are_exhausted_it_raises_the_last_error(
    client: PrintoraClient, mocked: responses.RequestsMock, sleeps: FakeSleep
) -> None:
    mocked.add(responses.POST, SESSION_URL, status=429, json=RATE_LIMITED)
    mocked.add(responses.POST, SESSION_URL, status=502)
    mocked.add(responses.POST, SESSION_URL, status=503, headers={"X-Request-Id": "last"})

    with pytest.raises(ServerError) as raised:
        client.create_session(**image_session_kwargs())

    assert len(mocked.calls) == 3
    assert len(sleeps.calls) == 2
    assert raised.value.status == 503
    assert raised.value.request_id == "last"


def test_three_503s_raise_a_server_error_after_three_calls(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    for _ in range(3):
        mocked.add(responses.POST, SESSION_URL, status=503)

    with pytest.raises(ServerError):
        client.create_session(**image_session_kwargs())

    assert len(mocked.calls) == 3


def test_exhausted_network_retries_raise_the_timeout(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(responses.GET, ORDERS_URL, body=requests.ConnectionError())
    mocked.add(responses.GET, ORDERS_URL, body=requests.ConnectionError())
    mocked.add(responses.GET, ORDERS_URL, body=requests.ReadTimeout())

    with pytest.raises(APITimeoutError):
        client.list_orders()

    assert len(mocked.calls) == 3


def test_max_retries_zero_means_a_single_attempt(mocked: responses.RequestsMock) -> None:
    sleeps = FakeSleep()
    client = PrintoraClient(API_KEY, BASE_URL, max_retries=0, sleep=sleeps)
    mocked.add(responses.GET, ORDERS_URL, status=503)

    with pytest.raises(ServerError):
        client.list_orders()

    assert len(mocked.calls) == 1
    assert sleeps.calls == []


def test_a_retry_after_beyond_the_ceiling_fails_fast_without_sleeping(
    client: PrintoraClient, mocked: responses.RequestsMock, sleeps: FakeSleep
) -> None:
    mocked.add(
        responses.POST, SESSION_URL, json=RATE_LIMITED, status=429, headers={"Retry-After": "60"}
    )

    with pytest.raises(RateLimitError) as raised:
        client.create_session(**image_session_kwargs())

    assert sleeps.calls == []
    assert len(mocked.calls) == 1
    assert raised.value.retry_after == 60
    assert "retry in 60 s" in str(raised.value).lower()


def test_a_rate_limit_reset_beyond_the_ceiling_also_fails_fast(
    client: PrintoraClient, mocked: responses.RequestsMock, sleeps: FakeSleep
) -> None:
    mocked.add(
        responses.GET, ORDERS_URL, status=429, headers={"X-RateLimit-Reset": str(int(NOW) + 45)}
    )

    with pytest.raises(RateLimitError) as raised:
        client.list_orders()

    assert sleeps.calls == []
    assert raised.value.retry_after == 45


def test_a_503_with_retry_after_is_honoured(
    client: PrintoraClient, mocked: responses.RequestsMock, sleeps: FakeSleep
) -> None:
    mocked.add(responses.GET, ORDERS_URL, status=503, headers={"Retry-After": "2"})
    mocked.add(responses.GET, ORDERS_URL, json={"orders": []})

    client.list_orders()

    assert sleeps.calls == [2]


def test_a_503_ignores_the_rate_limit_reset_and_backs_off_instead(
    client: PrintoraClient, mocked: responses.RequestsMock, sleeps: FakeSleep
) -> None:
    # Every response carries X-RateLimit-Reset; on a 503 it says nothing about recovery.
    mocked.add(
        responses.GET, ORDERS_URL, status=503, headers={"X-RateLimit-Reset": str(int(NOW) + 50)}
    )
    mocked.add(responses.GET, ORDERS_URL, json={"orders": []})

    client.list_orders()

    assert len(sleeps.calls) == 1
    assert 0 <= sleeps.calls[0] <= 0.5


def test_jittered_backoff_stays_within_the_exponential_bounds(
    mocked: responses.RequestsMock,
) -> None:
    sleeps = FakeSleep()
    client = PrintoraClient(
        API_KEY, BASE_URL, max_retries=5, backoff_base=0.5, backoff_max=3.0, sleep=sleeps
    )
    for _ in range(50):
        for _ in range(6):
            mocked.add(responses.GET, ORDERS_URL, status=500)
        with pytest.raises(ServerError):
            client.list_orders()

    ceilings = [0.5, 1.0, 2.0, 3.0, 3.0]
    waits = [sleeps.calls[i : i + 5] for i in range(0, len(sleeps.calls), 5)]
    assert len(waits) == 50
    for run in waits:
        assert all(0 <= wait <= ceiling for wait, ceiling in zip(run, ceilings, strict=True))
    # Jitter: the waits are spread out, not all equal to the ceiling.
    assert len({round(run[3], 6) for run in waits}) > 10
    assert any(run[3] > 2.0 for run in waits)


def test_backoff_never_exceeds_the_retry_wait_ceiling(mocked: responses.RequestsMock) -> None:
    sleeps = FakeSleep()
    client = PrintoraClient(
        API_KEY, BASE_URL, max_retries=4, backoff_base=8.0, max_retry_wait=0.25, sleep=sleeps
    )
    for _ in range(5):
        mocked.add(responses.GET, ORDERS_URL, status=500)

    with pytest.raises(ServerError):
        client.list_orders()

    assert len(sleeps.calls) == 4
    assert all(0 <= wait <= 0.25 for wait in sleeps.calls)


def test_a_misconfigured_request_is_not_retried(mocked: responses.RequestsMock) -> None:
    sleeps = FakeSleep()
    client = PrintoraClient(API_KEY, BASE_URL, sleep=sleeps)
    mocked.add(responses.GET, ORDERS_URL, body=requests.exceptions.InvalidURL("bad"))

    with pytest.raises(APIConnectionError):
        client.list_orders()

    assert len(mocked.calls) == 1
    assert sleeps.calls == []
