"""Shared test helpers: fixture payloads and signed webhook posts."""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
from pathlib import Path
from typing import Any

from django.test import Client

FIXTURES = Path(__file__).parent / "fixtures"
WEBHOOK_SECRET = "whsec_test_0123456789abcdef"
WEBHOOK_URL = "/api/webhooks/"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / "webhooks" / name).read_bytes()


def fixture_json(name: str) -> dict[str, Any]:
    return json.loads(fixture_bytes(name))


def signature_for(body: bytes, secret: str = WEBHOOK_SECRET) -> str:
    # Computed here independently of printora_client, so a bug there cannot hide.
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def post_webhook(
    client: Client,
    body: bytes | dict[str, Any],
    *,
    signature: str | None = "auto",
    path: str = WEBHOOK_URL,
    secret: str = WEBHOOK_SECRET,
    **extra: Any,
):
    if isinstance(body, dict):
        body = json.dumps(body).encode()
    headers = dict(extra.pop("headers", {}))
    if signature == "auto":
        signature = signature_for(body, secret)
    if signature is not None:
        headers["X-Printora-Signature"] = signature
    headers.setdefault("User-Agent", "Printora-Webhook/1.0")
    return client.post(path, data=body, content_type="application/json", headers=headers, **extra)


def make_event(
    event: str = "order.paid",
    *,
    order_id: str = "ord_test_1",
    session_id: str = "sess_test_1",
    timestamp: str = "2026-03-01T10:00:00.000Z",
    **data: Any,
) -> dict[str, Any]:
    return {
        "sessionId": session_id,
        "event": event,
        "timestamp": timestamp,
        "data": {"orderId": order_id, **copy.deepcopy(data)},
    }
