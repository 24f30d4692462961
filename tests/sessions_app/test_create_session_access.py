"""/create-session/ in production: staff only unless opened, rate-limited, and its
recent-events list shown only where the dashboard is visible."""

from __future__ import annotations

import json
import uuid

import pytest
import responses
from django.contrib.auth.models import User

from orders.services import apply_event
from printora_client.models import WebhookEvent
from tests.helpers import fixture_json
from tests.sessions_app.conftest import CREATE_URL, created_reply

pytestmark = pytest.mark.django_db
URL = "/create-session/"
EVENTS = "/create-session/events/"
FORM = {"image_url": "https://cdn.example.com/design.png"}


@pytest.fixture
def production(settings):
    settings.CREATE_SESSION_PUBLIC = False
    settings.DASHBOARD_PUBLIC = False


@pytest.fixture
def staff_client(client):
    client.force_login(User.objects.create_user("ops", password="pw-ops-123456", is_staff=True))
    return client


@pytest.fixture
def fresh_sessions(upstream):
    """Printora answering each call with a new session id."""
    upstream.add_callback(
        responses.POST,
        CREATE_URL,
        callback=lambda request: (201, {}, json.dumps(created_reply(str(uuid.uuid4())))),
    )
    return upstream


def some_events() -> None:
    for name in ("order.created.json", "order.paid.json"):
        payload = fixture_json(name)
        apply_event(event=WebhookEvent.model_validate(payload), payload=payload)


def test_in_production_anonymous_visitors_are_sent_to_sign_in(client, production, upstream):
    for response in (client.get(URL), client.post(URL, FORM), client.get(EVENTS)):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")
    assert len(upstream.calls) == 0


def test_in_production_signed_in_non_staff_get_403(client, production, upstream):
    client.force_login(User.objects.create_user("shopper", password="pw-shopper-123456"))
    assert client.get(URL).status_code == 403
    assert client.post(URL, FORM).status_code == 403
    assert len(upstream.calls) == 0


def test_in_production_staff_use_it(staff_client, production, printora_ok):
    assert staff_client.get(URL).status_code == 200
    assert staff_client.post(URL, FORM).status_code == 200
    assert len(printora_ok.calls) == 1


def test_a_setting_opens_it_to_everyone(client, settings, production, printora_ok):
    settings.CREATE_SESSION_PUBLIC = True
    assert client.post(URL, FORM).status_code == 200


def test_starting_sessions_is_rate_limited_per_client(client, settings, fresh_sessions):
    settings.SESSION_RATE_LIMIT_PER_MINUTE = 3
    statuses = [client.post(URL, FORM).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.post(URL, FORM)
    assert "Too many tries" in refused.text and int(refused["Retry-After"]) >= 1
    assert len(fresh_sessions.calls) == 3


def test_the_form_and_the_api_share_one_budget(client, settings, fresh_sessions, artwork):
    settings.SESSION_RATE_LIMIT_PER_MINUTE = 1
    assert client.post(URL, FORM).status_code == 200
    reply = client.post(
        "/api/sessions/", data={"artwork": artwork.slug}, content_type="application/json"
    )
    assert reply.status_code == 429


def test_recent_events_are_hidden_where_the_dashboard_is_not_visible(client, settings):
    settings.DASHBOARD_PUBLIC = False  # the tool itself stays open (sandbox default)
    some_events()
    page = client.get(URL)
    assert page.status_code == 200
    assert "ORD-2026-001234" not in page.text and "order.paid" not in page.text
    assert client.get(EVENTS).status_code == 403


def test_staff_see_recent_events(staff_client, production):
    some_events()
    assert "ORD-2026-001234" in staff_client.get(URL).text
    assert "ORD-2026-001234" in staff_client.get(EVENTS).text
