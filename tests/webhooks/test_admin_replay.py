from __future__ import annotations

from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from orders.models import Order, OrderStatus
from tests.helpers import fixture_bytes, post_webhook
from webhooks.models import Outcome, WebhookDelivery

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/webhooks/webhookdelivery/"


@pytest.fixture
def staff(admin_client) -> Client:
    return admin_client


def replay(staff: Client, deliveries) -> list[str]:
    response = staff.post(
        CHANGELIST,
        {"action": "replay_selected", "_selected_action": [d.pk for d in deliveries]},
        follow=True,
    )
    assert response.status_code == 200
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_it_replays_a_failed_delivery_through_the_same_service(staff):
    with mock.patch("orders.services._project", side_effect=RuntimeError("boom")):
        post_webhook(Client(), fixture_bytes("order.paid.json"))
    failed = WebhookDelivery.objects.get()
    assert failed.outcome == Outcome.FAILED

    messages = replay(staff, [failed])
    assert messages == ["Replayed 1: 1 applied."]
    failed.refresh_from_db()
    assert failed.outcome == Outcome.FAILED, "the original keeps what Printora was told"
    replayed = failed.replays.get()
    assert replayed.outcome == Outcome.APPLIED and bytes(replayed.body) == bytes(failed.body)
    assert Order.objects.get().status == OrderStatus.PAID


def test_it_reports_duplicates_and_skips_unverified_deliveries(staff):
    post_webhook(Client(), fixture_bytes("order.paid.json"))
    post_webhook(Client(), fixture_bytes("order.shipped.json"), signature="sha256=bad")
    messages = replay(staff, WebhookDelivery.objects.all())
    assert messages == ["Replayed 2: 1 duplicate, 1 skipped (not verified or truncated)."]
    assert Order.objects.get().events.count() == 1


def test_the_delivery_page_shows_the_body_read_only(staff):
    post_webhook(Client(), fixture_bytes("order.paid.json"))
    delivery = WebhookDelivery.objects.get()
    response = staff.get(f"{CHANGELIST}{delivery.pk}/change/")
    assert response.status_code == 200
    assert b"Canvas Print - 16x20" in response.content
    assert b'name="outcome"' not in response.content


def test_the_order_admin_searches_by_email_and_filters_by_status(staff):
    post_webhook(Client(), fixture_bytes("order.paid.json"))
    found = staff.get("/admin/orders/order/", {"q": "customer@example.com"})
    assert b"ORD-2026-001234" in found.content
    filtered = staff.get("/admin/orders/order/", {"status__exact": "shipped"})
    assert b"ORD-2026-001234" not in filtered.content


def test_a_verified_but_invalid_delivery_is_replayed_and_rejected_again(staff):
    post_webhook(Client(), b"[]")
    messages = replay(staff, WebhookDelivery.objects.all())
    assert messages == ["Replayed 1: 1 rejected."]
