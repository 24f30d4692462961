"""The shopper's return from checkout: /callback/success/ and /callback/failed/.

Order data is shown only to the browser that started the session (or to staff);
anyone else holding the link sees a neutral thank-you page.
"""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.test import Client

from dreamcanvas.access import STARTED_SESSIONS_COOKIE
from orders.services import apply_event
from printora_client.models import WebhookEvent
from tests.helpers import fixture_json, make_event, started_here

pytestmark = pytest.mark.django_db

SESSION = "3726a462-e994-4a94-a483-34dd9de8ee90"
ORDER = "847f160f-324e-4e24-9a7c-f9215754b870"
SUCCESS = f"/callback/success/?sessionId={SESSION}&orderId={ORDER}"


def apply(payload: dict) -> None:
    apply_event(event=WebhookEvent.model_validate(payload), payload=payload)


def apply_fixture(name: str) -> None:
    apply(fixture_json(name))


def order_data_in(html: str) -> bool:
    return any(text in html for text in ("ORD-2026-001234", "Canvas Print", "20.11"))


def test_success_shows_the_paid_order_to_the_browser_that_started_the_session(client):
    apply_fixture("order.created.json")
    apply_fixture("order.paid.json")
    html = started_here(client, SESSION).get(SUCCESS).content.decode()
    assert "ORD-2026-001234" in html and "Paid" in html
    assert "1 × Canvas Print - 16x20" in html and "20.11 USD" in html
    assert 'http-equiv="refresh"' not in html


def test_success_waits_for_the_webhook_and_refreshes_itself(client):
    started_here(client, SESSION)
    html = client.get(SUCCESS).content.decode()
    assert "Waiting for Printora" in html
    assert '<meta http-equiv="refresh" content="3">' in html
    apply_fixture("order.created.json")
    html = client.get(SUCCESS).content.decode()
    assert "Waiting for Printora" in html and "ORD-2026-001234 received" in html


def test_another_browser_with_the_link_sees_no_order_data(client):
    apply_fixture("order.created.json")
    apply_fixture("order.paid.json")
    response = client.get(SUCCESS)
    html = response.content.decode()
    assert response.status_code == 200
    assert "being confirmed" in html
    assert not order_data_in(html)
    assert 'http-equiv="refresh"' not in html


def test_an_order_id_alone_shows_nothing_to_anyone_but_staff(client):
    apply_fixture("order.created.json")
    apply_fixture("order.paid.json")
    html = client.get(f"/callback/success/?orderId={ORDER}").content.decode()
    assert not order_data_in(html)


def test_a_shopper_cannot_see_another_sessions_order_by_changing_the_order_id(client):
    apply_fixture("order.created.json")
    apply_fixture("order.paid.json")
    mine = "sess_mine_1"
    apply(make_event("order.paid", order_id="ord_mine", session_id=mine, orderNumber="ORD-MINE"))
    started_here(client, mine)
    html = client.get(f"/callback/success/?sessionId={mine}&orderId={ORDER}").content.decode()
    assert not order_data_in(html)
    assert "ORD-MINE" in html  # their own order, found by their session


def test_staff_see_any_order(client):
    apply_fixture("order.created.json")
    apply_fixture("order.paid.json")
    staff = User.objects.create_user("ops", password="pw-ops-123456", is_staff=True)
    client.force_login(staff)
    assert order_data_in(client.get(SUCCESS).content.decode())
    assert order_data_in(client.get(f"/callback/success/?orderId={ORDER}").content.decode())


def test_starting_a_session_through_the_api_makes_this_browser_its_owner(
    client, printora_ok, artwork
):
    reply = client.post(
        "/api/sessions/",
        data=json.dumps({"artwork": artwork.slug}),
        content_type="application/json",
    )
    session_id = reply.json()["sessionId"]
    apply(make_event("order.paid", order_id="ord_api_1", session_id=session_id, orderNumber="N-1"))
    html = client.get(f"/callback/success/?sessionId={session_id}&orderId=ord_api_1").text
    assert "N-1" in html
    assert "N-1" not in Client().get(f"/callback/success/?sessionId={session_id}").text


def test_a_forged_cookie_proves_nothing(client):
    apply_fixture("order.created.json")
    apply_fixture("order.paid.json")
    client.cookies[STARTED_SESSIONS_COOKIE] = SESSION
    assert not order_data_in(client.get(SUCCESS).text)


def test_the_form_makes_this_browser_the_owner_too(client, printora_ok):
    client.post("/create-session/", {"image_url": "https://cdn.example.com/design.png"})
    session_id = "550e8400-e29b-41d4-a716-446655440000"
    apply(make_event("order.paid", order_id="ord_form_1", session_id=session_id, orderNumber="F-1"))
    assert "F-1" in client.get(f"/callback/success/?sessionId={session_id}").text


def test_success_never_reflects_the_query_string(client):
    evil = "<script>alert(1)</script>"
    started_here(client, evil)
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
