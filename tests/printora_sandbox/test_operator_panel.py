"""The operator panel at /sandbox/: each button reaches our order book through the receiver."""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from orders.models import Order, OrderEvent, OrderStatus
from printora_sandbox import catalog, services
from printora_sandbox.dispatcher import Dispatcher
from printora_sandbox.models import SandboxOrder, SandboxWebhookLog
from webhooks.models import Outcome, WebhookDelivery

pytestmark = pytest.mark.django_db

PANEL = "/sandbox/"
MUG = next(p for p in catalog.PRODUCTS if p.slug == "mug")
ADDRESS = {
    "street": "1 Infinite Loop",
    "city": "Cupertino",
    "state": "CA",
    "zipCode": "95014",
    "country": "United States",
}


def order_url(order: SandboxOrder, action: str) -> str:
    return reverse(f"printora_sandbox:panel-{action}", args=[order.id])


def log_url(log: SandboxWebhookLog, action: str) -> str:
    return reverse(f"printora_sandbox:panel-{action}", args=[log.pk])


def checkout(session) -> SandboxOrder:
    """The shopper pays in the editor: order.created and order.paid are queued."""
    services.open_session(session)
    return services.checkout(
        session=session,
        product=MUG,
        colour="Black",
        size="15 oz",
        quantity=2,
        first_name="Maya",
        last_name="Chen",
        email="maya@example.com",
        address=ADDRESS,
    )


def book(order: SandboxOrder) -> Order:
    """Our side: the order book row the receiver built for this sandbox order."""
    return Order.objects.get(printora_order_id=str(order.id))


def texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def latest_log() -> SandboxWebhookLog:
    return SandboxWebhookLog.objects.latest("id")


@pytest.fixture
def paid_order(sandbox_session, deliver) -> SandboxOrder:
    order = checkout(sandbox_session)
    assert deliver() == 2
    assert book(order).status == OrderStatus.PAID
    return order


class Down:
    """A receiver that is down: every attempt gets a 503."""

    def post(self, url, *, data, headers, timeout):
        class Reply:
            status_code = 503
            text = "service unavailable"

        return Reply()


# --- What the page shows ------------------------------------------------------------------


def test_the_panel_lists_sessions_orders_and_each_webhook_attempt(client, paid_order):
    response = client.get(PANEL)
    assert response.status_code == 200
    html = response.content.decode()
    session = paid_order.session
    assert str(session.id) in html
    assert session.image_url in html
    assert reverse("printora_sandbox:editor", args=[session.token]) in html
    assert paid_order.order_number in html
    assert "Mug — Black, 15 oz" in html
    assert "36.99 USD" in html
    assert "maya@example.com" in html
    for log in SandboxWebhookLog.objects.all():
        assert f'id="log-{log.pk}"' in html
        assert log.event_type in html
    assert "&quot;duplicate&quot;: false" in html  # the receiver's reply excerpt
    assert " ms" in html


def test_the_panel_explains_itself_and_shows_where_webhooks_go(client, db, settings):
    settings.SANDBOX_WEBHOOK_URL = "https://partner.example.com/api/webhooks/"
    html = client.get(PANEL).content.decode()
    assert "demonstrate your receiver's robustness" in html
    assert "https://partner.example.com/api/webhooks/" in html


def test_an_empty_panel_says_what_to_do(client, db):
    html = client.get(PANEL).content.decode()
    assert "No sessions yet" in html
    assert "POST /sandbox/api/v1/partner-session" in html
    assert "No orders yet" in html
    assert "No webhooks sent yet" in html


def test_the_panel_never_shows_the_api_key_or_the_webhook_secret(client, paid_order, settings):
    services.send_duplicate(latest_log())
    html = client.get(PANEL).content.decode()
    secrets = [settings.PRINTORA_API_KEY, *settings.PRINTORA_WEBHOOK_SECRETS]
    assert all(secrets)
    for secret in secrets:
        assert secret not in html


def test_the_panel_has_no_inline_script(client, paid_order):
    html = client.get(PANEL).content.decode()
    assert not re.search(r"<script[^>]*>\s*\S", html)
    assert not re.search(r"\son[a-z]+\s*=", html, flags=re.IGNORECASE)


def test_the_notes_of_duplicates_and_out_of_order_events_are_shown(client, paid_order):
    original = SandboxWebhookLog.objects.get(event_type="order.paid")
    client.post(log_url(original, "duplicate"))
    client.post(order_url(paid_order, "out-of-order"))
    html = client.get(PANEL).content.decode()
    assert f"duplicate of #{original.pk}" in html
    assert "out of order" in html


# --- Each button does what it says --------------------------------------------------------


def test_shipping_reaches_the_order_book_with_carrier_tracking_number_and_url(
    client, paid_order, deliver
):
    response = client.post(order_url(paid_order, "ship"))
    assert (response.status_code, response["Location"]) == (303, PANEL)
    paid_order.refresh_from_db()
    assert paid_order.status == SandboxOrder.Status.SHIPPED
    assert paid_order.carrier in services.CARRIERS
    # A "1Z" number is UPS's, and only UPS's (test_shipping_carriers checks each format).
    assert paid_order.tracking_number.startswith("1Z") == (paid_order.carrier == "UPS")
    assert paid_order.tracking_number in paid_order.tracking_url
    assert any("Shipped" in text for text in texts(response))

    assert deliver() == 1
    ours = book(paid_order)
    assert ours.status == OrderStatus.SHIPPED
    assert (ours.carrier, ours.tracking_number, ours.tracking_url) == (
        paid_order.carrier,
        paid_order.tracking_number,
        paid_order.tracking_url,
    )


def test_delivering_a_shipped_order_ends_delivered_in_the_order_book(client, paid_order, deliver):
    client.post(order_url(paid_order, "ship"))
    client.post(order_url(paid_order, "deliver"))
    assert deliver() == 2
    ours = book(paid_order)
    assert ours.status == OrderStatus.DELIVERED
    assert ours.delivered_at is not None and ours.tracking_number


def test_cancelling_a_paid_order_ends_cancelled_in_the_order_book(client, paid_order, deliver):
    response = client.post(order_url(paid_order, "cancel"))
    assert response.status_code == 303
    assert deliver() == 1
    ours = book(paid_order)
    assert ours.status == OrderStatus.CANCELLED
    assert ours.payment_status == "refunded"


def test_a_duplicate_is_answered_duplicate_true_and_leaves_one_order_event(
    client, paid_order, deliver
):
    original = SandboxWebhookLog.objects.get(event_type="order.paid")
    response = client.post(log_url(original, "duplicate"))
    assert response.status_code == 303
    copy = latest_log()
    assert copy.pk != original.pk
    assert (copy.body, copy.note) == (original.body, f"duplicate of #{original.pk}")

    assert deliver() == 1
    copy.refresh_from_db()
    assert copy.last_attempt is not None
    assert json.loads(copy.last_attempt["response"]) == {"received": True, "duplicate": True}
    assert WebhookDelivery.objects.latest("id").outcome == Outcome.DUPLICATE
    assert OrderEvent.objects.filter(event_type="order.paid").count() == 1
    assert book(paid_order).status == OrderStatus.PAID


def test_events_sent_out_of_order_still_end_delivered(client, sandbox_session, deliver, transport):
    order = checkout(sandbox_session)
    client.post(order_url(order, "ship"))
    client.post(order_url(order, "deliver"))
    # Printora's first, in-order deliveries never arrived...
    in_order = SandboxWebhookLog.objects.filter(order=order)
    assert in_order.count() == 4
    in_order.update(status=SandboxWebhookLog.Status.FAILED, next_attempt_at=None)
    # ...so the receiver first hears of the order through the reordered ones.
    response = client.post(order_url(order, "out-of-order"))
    assert response.status_code == 303

    assert deliver() == 4
    arrived = [json.loads(body)["event"] for _, body, _ in transport.sent]
    assert arrived == ["order.delivered", "order.shipped", "order.paid", "order.created"]
    ours = book(order)
    assert ours.status == OrderStatus.DELIVERED
    assert ours.events.count() == 4
    assert ours.tracking_number and ours.paid_at and ours.delivered_at


def test_resending_an_event_sends_it_again_and_the_receiver_dedupes_it(client, paid_order, deliver):
    response = client.post(order_url(paid_order, "resend"), {"event_type": "order.paid"})
    assert response.status_code == 303
    resent = latest_log()
    assert (resent.event_type, resent.note) == ("order.paid", "resent")
    assert deliver() == 1
    resent.refresh_from_db()
    assert resent.status == SandboxWebhookLog.Status.SENT
    assert resent.last_attempt is not None
    assert json.loads(resent.last_attempt["response"])["duplicate"] is True
    assert OrderEvent.objects.filter(event_type="order.paid").count() == 1


def test_retry_sends_a_failed_webhook_again_and_it_reaches_the_order_book(
    client, sandbox_session, deliver
):
    order = checkout(sandbox_session)
    down = Dispatcher(http=Down())
    while down.run_due():
        pass
    failed = SandboxWebhookLog.objects.get(event_type="order.paid")
    assert failed.status == SandboxWebhookLog.Status.FAILED
    assert not Order.objects.exists()

    response = client.post(log_url(failed, "retry"))
    assert response.status_code == 303
    failed.refresh_from_db()
    assert failed.status == SandboxWebhookLog.Status.PENDING
    assert deliver() == 1
    failed.refresh_from_db()
    assert failed.status == SandboxWebhookLog.Status.SENT
    assert [a.get("status") for a in failed.attempts][-1] == 200
    assert book(order).status == OrderStatus.PAID


def test_the_failed_attempts_are_shown_with_their_status_and_a_retry_button(
    client, sandbox_session
):
    checkout(sandbox_session)
    down = Dispatcher(http=Down())
    while down.run_due():
        pass
    failed = SandboxWebhookLog.objects.get(event_type="order.paid")
    html = client.get(PANEL).content.decode()
    assert html.count("503") >= 5
    assert "service unavailable" in html
    assert log_url(failed, "retry") in html


# --- Refusals -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("steps", "action", "words"),
    [
        ([], "deliver", "Cannot deliver"),
        (["cancel"], "deliver", "it is cancelled"),
        (["cancel"], "ship", "Cannot ship"),
        (["ship"], "ship", "it is shipped"),
        (["ship", "deliver"], "cancel", "Cannot cancel"),
    ],
)
def test_invalid_transitions_are_refused_with_a_message_and_change_nothing(
    client, paid_order, steps, action, words
):
    for step in steps:
        client.post(order_url(paid_order, step))
    paid_order.refresh_from_db()
    before = (paid_order.status, SandboxWebhookLog.objects.count())

    response = client.post(order_url(paid_order, action), follow=True)

    assert response.redirect_chain == [(PANEL, 303)]
    assert words in response.content.decode()
    paid_order.refresh_from_db()
    assert (paid_order.status, SandboxWebhookLog.objects.count()) == before


def test_resending_an_event_that_has_not_happened_is_refused(client, paid_order):
    before = SandboxWebhookLog.objects.count()
    response = client.post(order_url(paid_order, "resend"), {"event_type": "order.delivered"})
    assert any("has not happened" in text for text in texts(response))
    response = client.post(order_url(paid_order, "resend"), {"event_type": "order.exploded"})
    assert any("Unknown event type" in text for text in texts(response))
    assert SandboxWebhookLog.objects.count() == before


def test_retrying_a_delivered_webhook_is_refused(client, paid_order):
    sent = latest_log()
    response = client.post(log_url(sent, "retry"))
    assert any("already delivered" in text for text in texts(response))
    sent.refresh_from_db()
    assert sent.status == SandboxWebhookLog.Status.SENT
    assert len(sent.attempts) == 1


def test_duplicating_a_webhook_that_was_never_delivered_is_refused(client, sandbox_session):
    checkout(sandbox_session)
    pending = latest_log()
    response = client.post(log_url(pending, "duplicate"))
    assert any("only a delivered webhook" in text for text in texts(response))
    assert SandboxWebhookLog.objects.count() == 2


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("panel-ship", "order"),
        ("panel-deliver", "order"),
        ("panel-cancel", "order"),
        ("panel-resend", "order"),
        ("panel-out-of-order", "order"),
        ("panel-duplicate", "log"),
        ("panel-retry", "log"),
    ],
)
def test_the_action_urls_answer_get_with_405(client, paid_order, name, target):
    arg = paid_order.id if target == "order" else latest_log().pk
    url = reverse(f"printora_sandbox:{name}", args=[arg])
    assert client.get(url).status_code == 405
    paid_order.refresh_from_db()
    assert paid_order.status == SandboxOrder.Status.PAID


def test_actions_need_the_forms_csrf_token(paid_order):
    browser = Client(enforce_csrf_checks=True)
    html = browser.get(PANEL).content.decode()
    assert html.count("csrfmiddlewaretoken") >= html.count('method="post"') > 0
    assert browser.post(order_url(paid_order, "ship")).status_code == 403
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert found is not None
    token = found.group(1)
    assert (
        browser.post(order_url(paid_order, "ship"), {"csrfmiddlewaretoken": token}).status_code
        == 303
    )
    paid_order.refresh_from_db()
    assert paid_order.status == SandboxOrder.Status.SHIPPED


def test_an_unknown_order_or_log_is_404(client, db):
    missing = "00000000-0000-4000-8000-000000000000"
    assert client.post(f"/sandbox/panel/orders/{missing}/ship").status_code == 404
    assert client.post("/sandbox/panel/webhook-logs/999999/retry").status_code == 404
