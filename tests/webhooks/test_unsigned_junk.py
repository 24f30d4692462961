"""Unsigned junk is counted, and only the newest of it kept: it cannot fill the database."""

from __future__ import annotations

import pytest

from tests.helpers import make_event, post_webhook
from webhooks import services
from webhooks.models import Outcome, RejectedRequestCount, WebhookDelivery

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return dict(RejectedRequestCount.objects.values_list("reason", "count"))


def test_junk_from_one_address_is_counted_but_only_its_newest_rows_are_kept(client):
    for index in range(25):
        post_webhook(client, make_event(order_id=f"o{index}"), signature="sha256=bad")
    for _ in range(5):
        post_webhook(client, make_event(), signature=None)

    kept = WebhookDelivery.objects.all()
    assert kept.count() == services.UNVERIFIED_KEPT_PER_SOURCE
    assert counts() == {"invalid signature": 25, "missing signature": 5}
    newest = WebhookDelivery.objects.order_by("-id")[: services.UNVERIFIED_KEPT_PER_SOURCE]
    assert list(kept.order_by("-id")) == list(newest)
    assert kept.filter(detail="missing signature").count() == 5  # the latest are there


def test_rotating_addresses_cannot_escape_the_overall_cap(client, monkeypatch):
    monkeypatch.setattr(services, "UNVERIFIED_KEPT", 8)
    for index in range(30):
        post_webhook(
            client, make_event(), signature="sha256=bad", REMOTE_ADDR=f"2001:db8::{index + 1:x}"
        )

    assert WebhookDelivery.objects.count() == 8
    assert counts() == {"invalid signature": 30}


def test_oversized_bodies_are_capped_the_same_way(client, settings, monkeypatch):
    monkeypatch.setattr(services, "UNVERIFIED_KEPT_PER_SOURCE", 3)
    settings.WEBHOOK_MAX_BODY_BYTES = 100
    for _ in range(6):
        assert post_webhook(client, b"x" * 200).status_code == 413

    assert WebhookDelivery.objects.count() == 3
    assert counts() == {"body too large": 6}


def test_signed_deliveries_are_never_trimmed_by_junk(client, monkeypatch):
    monkeypatch.setattr(services, "UNVERIFIED_KEPT", 2)
    monkeypatch.setattr(services, "UNVERIFIED_KEPT_PER_SOURCE", 2)
    post_webhook(client, make_event("order.created"))
    post_webhook(client, b"{not json")  # signed, rejected: Printora's, kept whole
    for _ in range(10):
        post_webhook(client, make_event(), signature="sha256=bad")

    signed = WebhookDelivery.objects.filter(signature_valid=True)
    assert sorted(signed.values_list("outcome", flat=True)) == [Outcome.APPLIED, Outcome.REJECTED]
    assert WebhookDelivery.objects.filter(signature_valid=False).count() == 2


def test_a_declared_length_beyond_32_bits_is_still_recorded(client, settings):
    reply = client.post(
        "/api/webhooks/",
        data=b"{}",
        content_type="application/json",
        headers={"X-Printora-Signature": "sha256=x"},
        CONTENT_LENGTH=str(10**12),
    )

    assert reply.status_code == 413
    assert WebhookDelivery.objects.get().body_size == 2**31 - 1


def test_the_counts_are_listed_read_only_in_the_admin(client, admin_client):
    for _ in range(3):
        post_webhook(client, make_event(), signature="sha256=bad")

    page = admin_client.get("/admin/webhooks/rejectedrequestcount/")

    assert page.status_code == 200
    assert "invalid signature" in page.content.decode()
    assert admin_client.get("/admin/webhooks/rejectedrequestcount/add/").status_code == 403
