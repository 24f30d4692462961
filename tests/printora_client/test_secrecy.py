"""The API key never shows up in a repr, a message, an exception or a log record."""

from __future__ import annotations

import logging

import pytest
import requests
import responses

from printora_client import AuthenticationError, PrintoraClient, PrintoraError
from tests.printora_client.support import (
    API_KEY,
    BASE_URL,
    CREATED_SESSION,
    ORDERS_URL,
    SESSION_URL,
    WEBHOOK_LOGS_URL,
    error_body,
    image_session_kwargs,
)


def everything_said_about(error: BaseException) -> str:
    parts = [str(error), repr(error), repr(error.args), repr(vars(error))]
    return "\n".join(parts)


def test_repr_and_str_of_the_client_show_only_the_key_prefix(client: PrintoraClient) -> None:
    assert repr(client) == f"PrintoraClient(base_url='{BASE_URL}', api_key='pk_test_…')"
    assert str(client) == repr(client)
    assert API_KEY not in repr(client)


def test_an_unprefixed_key_is_masked_entirely() -> None:
    assert "api_key='…'" in repr(PrintoraClient("abcdef0123456789", BASE_URL))


def test_a_key_echoed_back_by_the_server_is_scrubbed_from_the_error(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    body = error_body(
        "INVALID_API_KEY",
        f"Key {API_KEY} is revoked",
        [{"field": "authorization", "message": f"Bearer {API_KEY} unknown"}],
    )
    mocked.add(responses.GET, ORDERS_URL, json=body, status=401)

    with pytest.raises(AuthenticationError) as raised:
        client.list_orders()

    assert API_KEY not in everything_said_about(raised.value)
    assert "[REDACTED]" in raised.value.message


def test_the_key_never_reaches_a_log_record(
    mocked: responses.RequestsMock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client = PrintoraClient(API_KEY, BASE_URL, sleep=lambda _: None, max_retries=1)
    # A successful call, a retried call, a failing call and a network failure.
    mocked.add(responses.POST, SESSION_URL, json=CREATED_SESSION, status=201)
    mocked.add(responses.POST, SESSION_URL, status=503, body=f"upstream saw {API_KEY}")
    mocked.add(responses.POST, SESSION_URL, json=CREATED_SESSION, status=201)
    mocked.add(responses.GET, ORDERS_URL, status=401, json=error_body("INVALID_API_KEY", API_KEY))
    for _ in range(2):
        mocked.add(responses.GET, WEBHOOK_LOGS_URL, body=requests.ConnectionError(API_KEY))

    client.create_session(**image_session_kwargs(user_email="secret-shopper@example.com"))
    client.create_session(**image_session_kwargs(user_email="secret-shopper@example.com"))
    errors = []
    for call in (client.list_orders, client.list_webhook_logs):
        with pytest.raises(PrintoraError) as raised:
            call()
        errors.append(raised.value)

    assert len(caplog.records) >= 6
    assert any(record.levelno == logging.WARNING for record in caplog.records)
    for record in caplog.records:
        text = record.getMessage() + repr(record.args) + repr(record.__dict__)
        assert API_KEY not in text
        assert "secret-shopper@example.com" not in text
        assert "Authorization" not in text
    for error in errors:
        assert API_KEY not in everything_said_about(error)


def test_each_attempt_is_logged_with_method_path_status_and_idempotency_key(
    client: PrintoraClient, mocked: responses.RequestsMock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="printora_client")
    mocked.add(responses.POST, SESSION_URL, status=502)
    mocked.add(responses.POST, SESSION_URL, json=CREATED_SESSION, status=201)

    session = client.create_session(**image_session_kwargs())

    lines = [r.getMessage() for r in caplog.records if r.name == "printora_client"]
    attempts = [line for line in lines if "->" in line]
    assert len(attempts) == 2
    assert "POST /api/v1/partner-session -> 502" in attempts[0]
    assert "attempt 1" in attempts[0]
    assert "-> 201" in attempts[1]
    assert "attempt 2" in attempts[1]
    assert all(str(session.idempotency_key) in line for line in attempts)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "retried" in warnings[0].getMessage()


def test_the_editor_token_is_kept_out_of_the_logs(
    client: PrintoraClient, mocked: responses.RequestsMock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="printora_client")
    mocked.add(responses.GET, f"{SESSION_URL}/by-token/tok_sensitive", json=CREATED_SESSION)

    client.get_session_by_token("tok_sensitive")

    assert caplog.records
    assert all("tok_sensitive" not in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize(
    ("api_key", "message"),
    [
        ("", "PRINTORA_API_KEY"),
        ("   ", "PRINTORA_API_KEY"),
        ("pk_test_has space", "PRINTORA_API_KEY"),
        ("pk_test_ünïcode", "PRINTORA_API_KEY"),
    ],
)
def test_a_malformed_key_is_refused_at_construction_without_echoing_it(
    api_key: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message) as raised:
        PrintoraClient(api_key, BASE_URL)
    if api_key.strip():
        assert api_key not in str(raised.value)


def test_a_trailing_newline_from_an_env_file_is_tolerated(mocked: responses.RequestsMock) -> None:
    mocked.add(responses.GET, ORDERS_URL, json={"orders": []})

    PrintoraClient(f"{API_KEY}\n", BASE_URL).list_orders()

    assert mocked.calls[0].request.headers["Authorization"] == f"Bearer {API_KEY}"


@pytest.mark.parametrize(
    "base_url", ["", "api.printora.ai", "ftp://api.printora.ai", "https://user:pw@api.printora.ai"]
)
def test_a_malformed_base_url_is_refused_at_construction(base_url: str) -> None:
    with pytest.raises(ValueError, match="PRINTORA_API_URL") as raised:
        PrintoraClient(API_KEY, base_url)
    assert "user:pw" not in str(raised.value)
