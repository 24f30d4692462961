from __future__ import annotations

import pytest
import requests
import responses

from gallery import demo
from sessions_app.models import PartnerSession
from sessions_app.services import SessionStartError, start_session
from tests.sessions_app.conftest import API_KEY, CREATE_URL, UPSTREAM, created_reply, sent_body

pytestmark = pytest.mark.django_db


def test_it_sends_the_absolute_image_url_the_callbacks_and_the_user(printora_ok, artwork):
    row = start_session(
        image_url=artwork.absolute_image_url,
        customer_email=demo.DEMO_USER_EMAIL,
        customer_name=demo.DEMO_USER_NAME,
        artwork=artwork,
    )
    body = sent_body(printora_ok)
    assert body["imageUrl"].startswith("https://shop.example.com/static/")
    assert body["successUrl"] == "https://shop.example.com/callback/success/"
    assert body["failedUrl"] == "https://shop.example.com/callback/failed/"
    first_name, last_name = demo.DEMO_USER_NAME.split(" ", 1)
    assert body["userData"] == {
        "email": demo.DEMO_USER_EMAIL,
        "name": demo.DEMO_USER_NAME,
        "firstName": first_name,
        "lastName": last_name,
    }
    request = printora_ok.calls[-1].request
    assert request.headers["Authorization"] == f"Bearer {API_KEY}"
    assert request.headers["Idempotency-Key"] == row.idempotency_key
    assert row.session_id == "550e8400-e29b-41d4-a716-446655440000"
    assert row.redirect_url == "https://printora.ai/en/print/abc123token"
    assert row.status == PartnerSession.Status.OPEN and row.artwork == artwork
    assert row.redirect_expires_at is not None
    assert (row.redirect_expires_at - row.created).total_seconds() == 15 * 60


@pytest.mark.parametrize(
    ("status", "body", "expected_status", "words"),
    [
        (
            503,
            {"success": False, "error": {"code": "INTERNAL_ERROR", "message": "x"}},
            503,
            "unavailable",
        ),
        (500, None, 503, "unavailable"),
        (
            401,
            {"success": False, "error": {"code": "INVALID_API_KEY", "message": "bad"}},
            502,
            "try again later",
        ),
        (
            400,
            {
                "success": False,
                "error": {
                    "code": "VALIDATION_ERROR",
                    "message": "Validation failed",
                    "details": [{"field": "imageUrl", "message": "imageUrl must be a valid URL"}],
                },
            },
            400,
            "image can't be printed",
        ),
    ],
)
def test_upstream_errors_become_shopper_sentences(upstream, status, body, expected_status, words):
    upstream.add(responses.POST, CREATE_URL, json=body, status=status)
    with pytest.raises(SessionStartError) as caught:
        start_session(image_url="https://cdn.example.com/a.png")
    assert caught.value.status == expected_status
    assert words in caught.value.message
    row = PartnerSession.objects.get()
    assert row.status == PartnerSession.Status.FAILED and row.error
    assert API_KEY not in row.error


def test_a_session_without_a_redirect_url_fails_with_a_sentence_not_a_crash(upstream):
    reply = created_reply()
    del reply["data"]["redirectUrl"]
    upstream.add(responses.POST, CREATE_URL, json=reply, status=201)
    with pytest.raises(SessionStartError) as caught:
        start_session(image_url="https://cdn.example.com/a.png")
    assert caught.value.status == 502
    assert "try again later" in caught.value.message
    row = PartnerSession.objects.get()
    assert row.status == PartnerSession.Status.FAILED
    assert "no redirectUrl" in row.error
    assert row.redirect_url == ""


def test_a_rate_limit_says_when_to_try_again(upstream):
    upstream.add(
        responses.POST,
        CREATE_URL,
        json={"success": False, "error": {"code": "RATE_LIMIT_EXCEEDED", "message": "slow"}},
        status=429,
        headers={"Retry-After": "42"},
    )
    with pytest.raises(SessionStartError) as caught:
        start_session(image_url="https://cdn.example.com/a.png")
    assert (caught.value.status, caught.value.retry_after) == (429, 42)
    assert "try again in 42 s" in caught.value.message


def test_a_connection_failure_is_unavailable(upstream):
    upstream.add(responses.POST, CREATE_URL, body=requests.ConnectionError("refused"))
    with pytest.raises(SessionStartError) as caught:
        start_session(image_url="https://cdn.example.com/a.png")
    assert caught.value.status == 503


def test_an_unreachable_api_logs_the_url_it_tried_and_not_the_key(upstream, caplog):
    upstream.add(responses.POST, CREATE_URL, body=requests.ConnectionError("refused"))
    with (
        caplog.at_level("WARNING", logger="sessions_app.services"),
        pytest.raises(SessionStartError),
    ):
        start_session(image_url="https://cdn.example.com/a.png")
    logged = [r.getMessage() for r in caplog.records if r.name == "sessions_app.services"]
    assert len(logged) == 1
    assert f"Could not reach Printora at {UPSTREAM}" in logged[0]
    assert API_KEY not in logged[0]
