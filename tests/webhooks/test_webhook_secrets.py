"""The webhook secret never leaves the server: not in replies, not in logs."""

from __future__ import annotations

import logging
from unittest import mock

import pytest

from tests.helpers import WEBHOOK_SECRET, fixture_bytes, post_webhook, signature_for

pytestmark = pytest.mark.django_db


def test_the_secret_and_expected_signature_appear_in_no_reply_or_log_record(client, caplog):
    caplog.set_level(logging.DEBUG)
    body = fixture_bytes("order.paid.json")
    expected = signature_for(body).removeprefix("sha256=")
    replies = [
        post_webhook(client, body),
        post_webhook(client, body),
        post_webhook(client, body, signature="sha256=" + "a" * 64),
        post_webhook(client, body, signature=None),
        post_webhook(client, b"[]"),
        client.get("/api/webhooks/"),
    ]
    # A failure on either path: folded in place (PostgreSQL) or locked and rebuilt.
    boom = RuntimeError("boom")
    with (
        mock.patch("orders.services._insert_event", side_effect=boom),
        mock.patch("orders.postgres.store", side_effect=boom),
    ):
        replies.append(post_webhook(client, fixture_bytes("order.shipped.json")))

    assert {r.status_code for r in replies} == {200, 401, 400, 405, 500}
    logged = "\n".join(
        record.getMessage() + str(record.exc_info or "") for record in caplog.records
    )
    assert "webhook delivery=" in logged
    for reply in replies:
        assert WEBHOOK_SECRET.encode() not in reply.content
        assert expected.encode() not in reply.content
    assert WEBHOOK_SECRET not in logged
    assert expected not in logged
    assert "customer@example.com" not in logged
