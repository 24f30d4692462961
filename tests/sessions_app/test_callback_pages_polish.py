"""Small things a shopper sees on the callback and create-session pages."""

from __future__ import annotations

import re

import pytest

from orders.services import apply_event
from printora_client.models import WebhookEvent
from sessions_app.models import PartnerSession
from tests.helpers import fixture_json, matched, started_here

pytestmark = pytest.mark.django_db

SESSION = "3726a462-e994-4a94-a483-34dd9de8ee90"


def test_the_cancel_page_links_back_to_the_artwork(client, artwork):
    PartnerSession.objects.create(
        idempotency_key="k-1",
        session_id=SESSION,
        image_url="https://x.test/a.png",
        artwork=artwork,
    )
    html = client.get("/callback/failed/", {"sessionId": SESSION}).content.decode()
    assert f'href="/ai-image-app/{artwork.slug}/"' in html
    assert f"Back to {artwork.title}" in html


def test_the_cancel_page_without_an_artwork_links_home(client):
    html = client.get("/callback/failed/", {"sessionId": SESSION}).content.decode()
    assert "Back to DreamCanvas" in html and "/ai-image-app/" not in html.split("<main")[1]


def test_the_success_page_polls_with_a_script_and_refreshes_only_without_one(client):
    # The browser that started the session waits for its order (others see a neutral page).
    started_here(client, SESSION)
    html = client.get("/callback/success/", {"sessionId": SESSION}).content.decode()
    assert "data-callback-waiting" in html
    assert re.search(r'<script src="/static/js/callback-success\.js" defer>', html)
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in html


def test_the_confirmed_page_does_not_poll(client):
    for name in ("order.created.json", "order.paid.json"):
        payload = fixture_json(name)
        apply_event(event=WebhookEvent.model_validate(payload), payload=payload)
    started_here(client, SESSION)
    html = client.get("/callback/success/", {"sessionId": SESSION}).content.decode()
    assert "Order confirmed by Printora" in html  # the order's page, not the neutral one
    assert "data-callback-waiting" not in html and "refresh" not in html


def test_a_fresh_webhook_event_is_just_now_not_zero_minutes_ago(client):
    payload = fixture_json("order.paid.json")
    apply_event(event=WebhookEvent.model_validate(payload), payload=payload)
    html = client.get("/create-session/events/").content.decode()
    assert "just now" in html and "0 minutes" not in html


def test_an_invalid_image_url_is_not_shown_as_a_broken_preview(client):
    html = client.post("/create-session/", {"image_url": "not a url"}).content.decode()
    image = matched(r"<img data-preview-image[^>]*>", html)
    assert "src=" not in image and "hidden" in image
