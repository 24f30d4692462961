from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from orders.models import Order, OrderStatus
from printora_client.signatures import verify
from printora_sandbox.models import SandboxOrder, SandboxSession, SandboxWebhookLog
from tests.helpers import WEBHOOK_SECRET
from tests.printora_sandbox.conftest import CHECKOUT

pytestmark = pytest.mark.django_db


def editor_url(session, action: str = "") -> str:
    return f"/sandbox/en/print/{session.token}" + (f"/{action}" if action else "")


def test_opening_the_editor_shows_the_image_and_activates_the_session(client, sandbox_session):
    response = client.get(editor_url(sandbox_session))
    assert response.status_code == 200
    assert sandbox_session.image_url in response.content.decode()
    sandbox_session.refresh_from_db()
    assert sandbox_session.status == SandboxSession.Status.ACTIVE
    assert sandbox_session.opened_at is not None


def test_paying_creates_the_order_sends_two_signed_webhooks_and_returns_to_success(
    client, sandbox_session, deliver, transport
):
    client.get(editor_url(sandbox_session))
    response = client.post(editor_url(sandbox_session, "checkout"), CHECKOUT)

    order = SandboxOrder.objects.get()
    assert response.status_code == 303
    target = urlsplit(response["Location"])
    assert target.path == "/callback/success/"
    assert parse_qs(target.query) == {
        "sessionId": [str(sandbox_session.id)],
        "orderId": [str(order.id)],
    }
    assert (order.product_name, order.quantity, str(order.total_amount)) == ("Mug", 2, "36.99")

    assert deliver() == 2
    events = [headers for _, _, headers in transport.sent]
    for _, body, headers in transport.sent:
        assert headers["User-Agent"] == "Printora-Webhook/1.0"
        assert verify(body, headers["x-printora-signature"], WEBHOOK_SECRET)
    assert len(events) == 2
    assert list(SandboxWebhookLog.objects.order_by("id").values_list("event_type", "status")) == [
        ("order.created", "sent"),
        ("order.paid", "sent"),
    ]

    ours = Order.objects.get(printora_order_id=str(order.id))
    assert ours.status == OrderStatus.PAID
    assert ours.payment_method == "sandbox"
    assert ours.customer_email == "maya@example.com"
    assert ours.customer_name == "Maya Chen"
    assert ours.items[0]["productName"] == "Mug — Black, 15 oz"
    assert ours.shipping_address["city"] == "Cupertino"
    assert ours.session_id == str(sandbox_session.id)


def test_an_invalid_checkout_shows_the_errors_and_creates_nothing(client, sandbox_session):
    client.get(editor_url(sandbox_session))
    response = client.post(
        editor_url(sandbox_session, "checkout"), {**CHECKOUT, "size": "XXL", "email": "nope"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "does not come in size XXL" in html and "valid email" in html
    assert SandboxOrder.objects.count() == 0


def test_a_session_can_be_checked_out_only_once(client, sandbox_session):
    client.get(editor_url(sandbox_session))
    client.post(editor_url(sandbox_session, "checkout"), CHECKOUT)
    again = client.post(editor_url(sandbox_session, "checkout"), CHECKOUT)
    assert again.status_code == 409
    assert SandboxOrder.objects.count() == 1


def test_cancel_returns_to_the_failed_url_with_the_session_id(client, sandbox_session):
    response = client.post(editor_url(sandbox_session, "cancel"))
    assert response.status_code == 303
    target = urlsplit(response["Location"])
    assert target.path == "/callback/failed/"
    assert parse_qs(target.query) == {"from": ["editor"], "sessionId": [str(sandbox_session.id)]}
    sandbox_session.refresh_from_db()
    assert sandbox_session.status == SandboxSession.Status.CANCELLED


def test_an_expired_link_shows_a_clear_page(client, expired_session):
    response = client.get(editor_url(expired_session))
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    expired_session.refresh_from_db()
    assert expired_session.status == SandboxSession.Status.EXPIRED
    assert client.post(editor_url(expired_session, "checkout"), CHECKOUT).status_code == 410


def test_an_unknown_token_is_404(client, db):
    assert client.get("/sandbox/en/print/nope").status_code == 404
