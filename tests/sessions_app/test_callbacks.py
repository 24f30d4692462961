from __future__ import annotations

import pytest

from orders.services import apply_event
from printora_client.models import WebhookEvent
from tests.helpers import fixture_json

pytestmark = pytest.mark.django_db

SESSION = "3726a462-e994-4a94-a483-34dd9de8ee90"
ORDER = "847f160f-324e-4e24-9a7c-f9215754b870"


def apply(name: str) -> None:
    payload = fixture_json(name)
    apply_event(event=WebhookEvent.model_validate(payload), payload=payload)


def test_success_shows_the_paid_order(client):
    apply("order.created.json")
    apply("order.paid.json")
    html = client.get(f"/callback/success/?sessionId={SESSION}&orderId={ORDER}").content.decode()
    assert "ORD-2026-001234" in html and "Paid" in html
    assert "1 × Canvas Print - 16x20" in html and "20.11 USD" in html
    assert 'http-equiv="refresh"' not in html


def test_success_waits_for_the_webhook_and_refreshes_itself(client):
    html = client.get(f"/callback/success/?sessionId={SESSION}&orderId={ORDER}").content.decode()
    assert "Waiting for Printora" in html
    assert '<meta http-equiv="refresh" content="3">' in html
    apply("order.created.json")
    html = client.get(f"/callback/success/?sessionId={SESSION}&orderId={ORDER}").content.decode()
    assert "Waiting for Printora" in html and "ORD-2026-001234 received" in html


def test_success_never_reflects_the_query_string(client):
    evil = "<script>alert(1)</script>"
    response = client.get("/callback/success/", {"sessionId": evil, "orderId": evil})
    assert response.status_code == 200
    assert evil.encode() not in response.content
    assert b"alert(1)" not in response.content
    assert "couldn't find that order" in response.content.decode()


def test_failed_says_nothing_was_charged_and_never_redirects(client):
    response = client.get("/callback/failed/", {"sessionId": SESSION, "next": "https://evil"})
    assert response.status_code == 200
    assert "No order was placed" in response.content.decode()
    assert b"https://evil" not in response.content
