"""`manage.py printora sessions create|get` against a faked Printora (responses)."""

from __future__ import annotations

import json

from tests.cli.conftest import SESSION_URL, error_reply, printora

SESSION = {
    "sessionId": "550e8400-e29b-41d4-a716-446655440000",
    "redirectUrl": "https://printora.ai/en/print/abc123token",
    "sessionMode": "image",
    "status": "pending",
    "createdAt": "2026-11-30T08:00:00Z",
}


def test_sessions_create_sends_the_callbacks_from_app_url_and_prints_the_redirect(upstream):
    upstream.post(SESSION_URL, status=201, json={"success": True, "data": SESSION})
    code, out, err = printora(
        "sessions",
        "create",
        "--image-url",
        "https://cdn.example.com/a.png",
        "--email",
        "maya@example.com",
    )
    assert code == 0, err
    body = json.loads(upstream.calls[0].request.body)
    assert body["successUrl"] == "https://shop.example.com/callback/success/"
    assert body["failedUrl"] == "https://shop.example.com/callback/failed/"
    assert body["userData"] == {"email": "maya@example.com"}
    assert "Redirect URL:    https://printora.ai/en/print/abc123token" in out
    key = upstream.calls[0].request.headers["Idempotency-Key"]
    assert f"Idempotency-Key: {key}" in out


def test_sessions_create_reuses_a_given_idempotency_key(upstream):
    upstream.post(SESSION_URL, status=201, json={"success": True, "data": SESSION})
    key = "6f1c2a9e-3b7d-4c55-8e0a-9d2b4f6a8c10"
    code, out, _ = printora(
        "sessions",
        "create",
        "--image-url",
        "https://cdn.example.com/a.png",
        "--idempotency-key",
        key,
        "--json",
    )
    assert code == 0
    assert upstream.calls[0].request.headers["Idempotency-Key"] == key
    assert json.loads(out)["sessionId"] == SESSION["sessionId"]


def test_arguments_the_api_would_refuse_are_a_usage_error_before_sending(upstream):
    code, out, err = printora("sessions", "create", "--image-url", "not a url")
    assert (code, out) == (2, "")
    assert err.startswith("error: Invalid request to Printora, not sent") and "image_url" in err
    assert len(upstream.calls) == 0


def test_a_validation_error_from_the_api_is_one_line_with_its_code(upstream):
    upstream.post(
        SESSION_URL,
        status=400,
        json={
            "success": False,
            "error": {
                "code": "VALIDATION_ERROR",
                "message": "Validation failed",
                "details": [{"field": "imageUrl", "message": "imageUrl must be reachable"}],
            },
        },
    )
    code, _, err = printora("sessions", "create", "--image-url", "https://cdn.example.com/a.png")
    assert code == 1
    assert len(err.splitlines()) == 1
    assert "VALIDATION_ERROR" in err and "imageUrl must be reachable" in err


def test_sessions_get_shows_the_session_and_its_order(upstream):
    upstream.get(
        f"{SESSION_URL}/{SESSION['sessionId']}",
        json={
            "success": True,
            "data": {
                **SESSION,
                "status": "completed",
                "order": {"orderId": "ord_1", "status": "paid"},
            },
        },
    )
    code, out, _ = printora("sessions", "get", SESSION["sessionId"])
    assert code == 0
    fields = dict(line.split(":", 1) for line in out.splitlines())
    assert fields["Status"].strip() == "completed"
    assert fields["Order"].strip() == "ord_1"
    assert fields["Order status"].strip() == "paid"


def test_sessions_get_of_an_unknown_session_exits_3(upstream):
    upstream.get(f"{SESSION_URL}/nope", status=404, json=error_reply("NOT_FOUND", "Not found"))
    code, out, err = printora("sessions", "get", "nope")
    assert (code, out) == (3, "")
    assert "404 NOT_FOUND" in err and len(err.splitlines()) == 1
