from __future__ import annotations

import pytest
import responses

from orders.services import apply_event
from printora_client.models import WebhookEvent
from sessions_app.models import PartnerSession
from tests.helpers import fixture_json
from tests.sessions_app.conftest import CREATE_URL, sent_body

pytestmark = pytest.mark.django_db
URL = "/create-session/"


def test_it_shows_the_form(client):
    html = client.get(URL).content.decode()
    assert 'name="image_url"' in html and 'name="customer_email"' in html
    assert "create-session.js" in html


def test_an_invalid_email_and_url_are_explained_and_nothing_is_sent(client, upstream):
    response = client.post(URL, {"image_url": "not a url", "customer_email": "nope"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter a valid URL." in html and "Enter a valid email address." in html
    assert len(upstream.calls) == 0 and PartnerSession.objects.count() == 0


def test_a_valid_form_creates_a_session_and_shows_the_link(client, printora_ok):
    response = client.post(
        URL,
        {
            "image_url": "https://cdn.example.com/design.png",
            "customer_name": "Ana Lima",
            "customer_email": "ana@example.com",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "550e8400-e29b-41d4-a716-446655440000" in html
    assert "https://printora.ai/en/print/abc123token" in html
    assert sent_body(printora_ok)["userData"] == {
        "email": "ana@example.com",
        "name": "Ana Lima",
        "firstName": "Ana",
        "lastName": "Lima",
    }
    assert PartnerSession.objects.get().source == "form"


def test_an_upstream_failure_is_shown_on_the_form(client, upstream):
    upstream.add(responses.POST, CREATE_URL, status=503)
    response = client.post(URL, {"image_url": "https://cdn.example.com/design.png"})
    assert response.status_code == 503
    assert "Printora is unavailable right now" in response.content.decode()


def test_the_latest_webhook_events_are_listed_and_served_live(client):
    for name in ("order.created.json", "order.paid.json"):
        payload = fixture_json(name)
        apply_event(event=WebhookEvent.model_validate(payload), payload=payload)
    page = client.get(URL).content.decode()
    fragment = client.get("/create-session/events/").content.decode()
    for html in (page, fragment):
        assert "order.paid" in html and "ORD-2026-001234" in html
    assert fragment.index("order.paid") < fragment.index("order.created")
