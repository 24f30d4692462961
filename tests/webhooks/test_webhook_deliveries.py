from __future__ import annotations

from unittest import mock

import pytest

from orders.models import Order, OrderStatus
from tests.helpers import fixture_bytes, post_webhook, signature_for
from webhooks.models import Outcome, WebhookDelivery
from webhooks.services import REJECTED_BODY_LIMIT

pytestmark = pytest.mark.django_db

PAID = fixture_bytes("order.paid.json")


def test_it_records_an_applied_delivery_with_its_request_details(client):
    post_webhook(client, PAID, REMOTE_ADDR="203.0.113.9")
    delivery = WebhookDelivery.objects.get()
    assert delivery.outcome == Outcome.APPLIED and delivery.http_status == 200
    assert delivery.signature_valid is True
    assert bytes(delivery.body) == PAID and delivery.body_size == len(PAID)
    assert delivery.remote_addr == "203.0.113.9"
    assert delivery.headers["x-printora-signature"] == signature_for(PAID)
    assert delivery.headers["user-agent"] == "Printora-Webhook/1.0"
    assert delivery.headers["content-type"] == "application/json"
    assert (delivery.event_type, delivery.order_id) == (
        "order.paid",
        "847f160f-324e-4e24-9a7c-f9215754b870",
    )
    assert delivery.session_id == "3726a462-e994-4a94-a483-34dd9de8ee90"
    assert delivery.processing_ms is not None and delivery.processing_ms >= 0
    assert Order.objects.get().events.get().delivery == delivery


def test_it_never_stores_authorization_or_cookie_headers(client):
    client.cookies["sessionid"] = "s3cr3t-cookie"
    post_webhook(client, PAID, headers={"Authorization": "Bearer pk_live_x"})
    headers = WebhookDelivery.objects.get().headers
    assert "authorization" not in headers and "cookie" not in headers
    assert "s3cr3t-cookie" not in str(headers)


def test_it_keeps_only_the_start_of_a_rejected_body(client):
    body = b'{"junk": "' + b"x" * 50_000 + b'"}'
    post_webhook(client, body, signature="sha256=bad")
    delivery = WebhookDelivery.objects.get()
    assert delivery.outcome == Outcome.REJECTED and delivery.detail == "invalid signature"
    assert len(bytes(delivery.body)) == REJECTED_BODY_LIMIT
    assert delivery.body_truncated and delivery.body_size == len(body)


@pytest.mark.parametrize("remote_addr", ["", "not-an-ip", "10.0.0.1:5000", "::1"])
def test_an_odd_remote_address_never_fails_a_delivery(client, remote_addr):
    response = post_webhook(
        client, PAID, REMOTE_ADDR=remote_addr, headers={"X-Forwarded-For": "1.2.3.4:80, ,bad"}
    )
    assert response.status_code == 200
    delivery = WebhookDelivery.objects.get()
    assert delivery.remote_addr == ("::1" if remote_addr == "::1" else None)
    assert delivery.headers["x-forwarded-for"] == "1.2.3.4:80, ,bad"


def test_a_processing_failure_answers_500_keeps_the_delivery_and_a_retry_applies(client):
    with mock.patch("orders.services._project", side_effect=RuntimeError("disk on fire")):
        failed = post_webhook(client, PAID)
    assert failed.status_code == 500
    assert failed.json() == {"error": "processing failed"}
    assert b"disk on fire" not in failed.content and b"Traceback" not in failed.content
    delivery = WebhookDelivery.objects.get()
    assert delivery.outcome == Outcome.FAILED and delivery.http_status == 500
    assert delivery.detail == "RuntimeError: disk on fire"
    # The failed apply left no dedupe row behind, so Printora's retry is applied.
    assert Order.objects.count() == 0

    retried = post_webhook(client, PAID)
    assert retried.json() == {"received": True, "duplicate": False}
    assert Order.objects.get().status == OrderStatus.PAID
