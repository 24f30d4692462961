from __future__ import annotations

import json
import uuid

import pytest
import responses
from django.test import Client

from dreamcanvas import ratelimit
from sessions_app.models import PartnerSession
from tests.sessions_app.conftest import API_KEY, CREATE_URL, created_reply

pytestmark = pytest.mark.django_db
URL = "/api/sessions/"


def post_json(client: Client, body, **headers):
    data = body if isinstance(body, bytes) else json.dumps(body)
    return client.post(URL, data=data, content_type="application/json", headers=headers)


def test_it_starts_a_session_for_an_artwork(client, printora_ok, artwork):
    response = post_json(client, {"artwork": artwork.slug})
    assert response.status_code == 201
    assert response.json() == {
        "sessionId": "550e8400-e29b-41d4-a716-446655440000",
        "redirectUrl": "https://printora.ai/en/print/abc123token",
    }
    assert PartnerSession.objects.get().artwork == artwork


def test_it_requires_a_csrf_token(printora_ok, artwork):
    strict = Client(enforce_csrf_checks=True)
    assert post_json(strict, {"artwork": artwork.slug}).status_code == 403
    strict.get("/ai-image-app/")  # sets the csrftoken cookie
    token = strict.cookies["csrftoken"].value
    response = post_json(strict, {"artwork": artwork.slug}, **{"X-CSRFToken": token})
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "artwork, creator or merch is required"),
        ({"artwork": ""}, "artwork, creator or merch is required"),
        ({"artwork": "a", "creator": "b"}, "artwork, creator or merch is required (one)"),
        ({"merch": "m", "quantity": 0}, "quantity: Input should be greater than or equal to 1"),
        ({"merch": "no-such-merch"}, "That merch item does not exist."),
        ({"creator": "no-such-creator"}, "That creator does not exist."),
        ({"artwork": "no-such-artwork"}, "That artwork does not exist."),
        (b"{not json", "not valid JSON"),
        (b"[1, 2]", "must be a JSON object"),
    ],
)
def test_it_rejects_bad_input_with_a_clear_400(client, upstream, body, message):
    response = post_json(client, body)
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert len(upstream.calls) == 0


def test_it_rejects_get_with_405(client):
    response = client.get(URL)
    assert response.status_code == 405
    assert response["Allow"] == "POST"


def test_it_limits_each_client_to_ten_tries_a_minute(client, upstream, artwork):
    def fresh_session(request):
        return 201, {}, json.dumps(created_reply(str(uuid.uuid4())))

    upstream.add_callback(responses.POST, CREATE_URL, callback=fresh_session)
    ratelimit.reset()
    replies = [post_json(client, {"artwork": artwork.slug}) for _ in range(11)]
    assert [r.status_code for r in replies] == [201] * 10 + [429]
    assert 1 <= int(replies[-1]["Retry-After"]) <= 60
    assert "try again in" in replies[-1].json()["error"]
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert post_json(other, {"artwork": artwork.slug}).status_code == 201


@pytest.mark.parametrize(
    ("upstream_status", "headers", "expected"),
    [(503, {}, 503), (500, {}, 503), (429, {"Retry-After": "7"}, 429), (403, {}, 502)],
)
def test_upstream_errors_map_to_our_statuses(
    client, upstream, artwork, upstream_status, headers, expected
):
    upstream.add(
        responses.POST,
        CREATE_URL,
        json={"success": False, "error": {"code": "X", "message": f"key {API_KEY}"}},
        status=upstream_status,
        headers=headers,
    )
    response = post_json(client, {"artwork": artwork.slug})
    assert response.status_code == expected
    assert API_KEY.encode() not in response.content
    assert b"Traceback" not in response.content
    if expected == 429:
        assert response.json()["retryAfter"] == 7 and response["Retry-After"] == "7"


def test_a_plain_form_post_redirects_to_the_editor(client, printora_ok, artwork):
    response = client.post(URL, {"artwork": artwork.slug})
    assert response.status_code == 303
    assert response["Location"] == "https://printora.ai/en/print/abc123token"


def test_a_plain_form_post_that_fails_shows_a_page(client, upstream, artwork):
    upstream.add(responses.POST, CREATE_URL, status=503)
    response = client.post(URL, {"artwork": artwork.slug})
    assert response.status_code == 503
    assert "Printora is unavailable right now" in response.content.decode()
