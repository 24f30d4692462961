"""HTTP errors become typed exceptions with the server's code, message and details."""

from __future__ import annotations

import json
import pickle

import pytest
import requests
import responses

from printora_client import (
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    ConflictError,
    GoneError,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
    PrintoraClient,
    PrintoraError,
    RateLimitError,
    ServerError,
    error_from_response,
)
from tests.printora_client.support import (
    BASE_URL,
    SESSION_URL,
    error_body,
    image_session_kwargs,
)

VALIDATION = error_body(
    "VALIDATION_ERROR",
    "Validation failed",
    [{"field": "imageUrl", "message": "imageUrl must be a valid URL"}],
)


@pytest.mark.parametrize(
    ("status", "code", "error_class"),
    [
        (400, "VALIDATION_ERROR", InvalidRequestError),
        (400, "MISSING_IDEMPOTENCY_KEY", InvalidRequestError),
        (401, "INVALID_API_KEY", AuthenticationError),
        (403, "FORBIDDEN", PermissionDeniedError),
        (404, "NOT_FOUND", NotFoundError),
        (409, "CONFLICT", ConflictError),
        (410, "SESSION_USED", GoneError),
        (410, "SESSION_EXPIRED", GoneError),
        (422, "UNPROCESSABLE", InvalidRequestError),
        (429, "RATE_LIMIT_EXCEEDED", RateLimitError),
        (500, "INTERNAL_ERROR", ServerError),
        (502, "BAD_GATEWAY", ServerError),
        (418, "TEAPOT", PrintoraError),
    ],
)
def test_each_status_maps_to_its_error_class_with_code_message_and_details(
    status: int, code: str, error_class: type[PrintoraError]
) -> None:
    body = error_body(code, "Something specific", [{"field": "f", "message": "m"}])

    error = error_from_response(status, json.dumps(body).encode(), {})

    assert type(error) is error_class
    assert error.status == status
    assert error.code == code
    assert error.message == "Something specific"
    assert error.details == [{"field": "f", "message": "m"}]


def test_a_validation_error_reads_as_one_actionable_sentence() -> None:
    error = error_from_response(400, json.dumps(VALIDATION), {})

    assert str(error) == (
        "Printora rejected the request (400 VALIDATION_ERROR): "
        "Validation failed — imageUrl: imageUrl must be a valid URL."
    )


def test_a_401_tells_the_reader_to_check_the_api_key() -> None:
    error = error_from_response(401, b'{"code": "INVALID_API_KEY", "message": "Invalid key"}', {})

    assert isinstance(error, AuthenticationError)
    assert "PRINTORA_API_KEY" in str(error)


def test_a_429_says_when_to_retry() -> None:
    error = error_from_response(429, b"{}", {"Retry-After": "7"})

    assert error.retry_after == 7.0
    assert "retry in 7 s" in str(error).lower()


def test_the_flat_code_and_message_form_is_understood() -> None:
    error = error_from_response(404, b'{"code": "NOT_FOUND", "message": "No such session"}', {})

    assert (error.code, error.message) == ("NOT_FOUND", "No such session")


def test_an_error_given_as_a_bare_string_is_understood() -> None:
    error = error_from_response(403, '{"error": "not your order"}', {})

    assert isinstance(error, PermissionDeniedError)
    assert error.message == "not your order"
    assert error.code is None


def test_an_html_body_from_a_proxy_gives_a_short_readable_excerpt() -> None:
    html = (
        "<html><head><title>502 Bad Gateway</title></head>"
        "<body><h1>502 Bad Gateway</h1>" + "<p>nginx</p>" * 500 + "</body></html>"
    )

    error = error_from_response(502, html.encode(), {"Content-Type": "text/html"})

    assert isinstance(error, ServerError)
    assert error.message == "502 Bad Gateway"
    assert "<" not in str(error)


def test_a_long_plain_text_body_is_cut_short() -> None:
    error = error_from_response(500, b"x" * 5000, {})

    assert 0 < len(error.message) <= 200


def test_an_empty_body_falls_back_to_the_http_reason() -> None:
    error = error_from_response(503, b"", {})

    assert error.message == "Service Unavailable"
    assert str(error) == "Printora had a server error (503): Service Unavailable. Retry later."


def test_the_request_id_comes_from_the_x_request_id_header() -> None:
    error = error_from_response(500, b"{}", {"x-request-id": "req_123"})

    assert error.request_id == "req_123"
    assert "req_123" in str(error)


def test_details_as_a_field_to_message_mapping_are_normalised() -> None:
    body = json.dumps(
        {
            "error": {
                "code": "VALIDATION_ERROR",
                "message": "Bad",
                "details": {"quantity": "too big"},
            }
        }
    )

    error = error_from_response(422, body, {})

    assert error.details == [{"field": "quantity", "message": "too big"}]


def test_the_client_raises_the_mapped_error_with_the_request_id(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(
        responses.POST, SESSION_URL, json=VALIDATION, status=400, headers={"X-Request-Id": "r-9"}
    )

    with pytest.raises(InvalidRequestError) as raised:
        client.create_session(**image_session_kwargs())

    assert raised.value.status == 400
    assert raised.value.code == "VALIDATION_ERROR"
    assert raised.value.details == [
        {"field": "imageUrl", "message": "imageUrl must be a valid URL"}
    ]
    assert raised.value.request_id == "r-9"
    assert raised.value.idempotency_key == mocked.calls[0].request.headers["Idempotency-Key"]


def test_a_redirect_is_reported_not_followed(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(
        responses.POST,
        SESSION_URL,
        status=301,
        headers={"Location": "https://elsewhere.example/api/v1/partner-session"},
    )

    with pytest.raises(PrintoraError) as raised:
        client.create_session(**image_session_kwargs())

    assert raised.value.status == 301
    assert "PRINTORA_API_URL" in str(raised.value)
    assert len(mocked.calls) == 1


def test_a_connection_error_names_the_base_url_and_what_to_check(
    sleeps: object, mocked: responses.RequestsMock
) -> None:
    client = PrintoraClient("pk_test_k", BASE_URL, max_retries=0)
    mocked.add(responses.GET, f"{BASE_URL}/api/v1/partners/orders", body=requests.ConnectionError())

    with pytest.raises(APIConnectionError) as raised:
        client.list_orders()

    message = str(raised.value)
    assert BASE_URL in message
    assert "PRINTORA_API_URL" in message
    assert "network" in message
    assert raised.value.status is None
    assert isinstance(raised.value.__cause__, requests.ConnectionError)


def test_a_timeout_is_an_api_timeout_error_which_is_a_connection_error(
    mocked: responses.RequestsMock,
) -> None:
    client = PrintoraClient("pk_test_k", BASE_URL, max_retries=0)
    mocked.add(responses.GET, f"{BASE_URL}/api/v1/partners/orders", body=requests.ReadTimeout())

    with pytest.raises(APITimeoutError) as raised:
        client.list_orders()

    assert isinstance(raised.value, APIConnectionError)
    assert "did not answer in time" in str(raised.value)


def test_errors_survive_pickling_for_task_queues() -> None:
    error = error_from_response(
        429, b'{"code": "RATE_LIMIT_EXCEEDED", "message": "slow"}', {"Retry-After": "3"}
    )
    connection_error = APIConnectionError("ConnectionError on GET /x", base_url=BASE_URL)

    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own object
    connection_copy = pickle.loads(pickle.dumps(connection_error))  # noqa: S301

    assert type(copy) is RateLimitError
    assert (copy.code, copy.retry_after, str(copy)) == ("RATE_LIMIT_EXCEEDED", 3.0, str(error))
    assert str(connection_copy) == str(connection_error)
