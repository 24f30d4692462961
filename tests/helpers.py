"""Shared test helpers: fixture payloads and signed webhook posts."""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.test import Client

if TYPE_CHECKING:
    from orders.models import Order

ROOT = Path(__file__).resolve().parents[1]

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


def make_order(
    order_id: str,
    *,
    event: str = "order.paid",
    number: str | None = None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    total: float | None = None,
    currency: str = "USD",
    session_id: str | None = None,
    timestamp: str = "2026-03-01T10:00:00.000Z",
    created: datetime | None = None,
    **data,
) -> Order:
    """An order in the book, built the only way orders are: by applying an event."""
    from orders.models import Order
    from orders.services import apply_event
    from printora_client.models import WebhookEvent

    if number is not None:
        data["orderNumber"] = number
    if email or first_name or last_name:
        data["customer"] = {"email": email, "firstName": first_name, "lastName": last_name}
    if total is not None:
        data["totalAmount"] = total
        data["currency"] = currency
    envelope = make_event(
        event,
        order_id=order_id,
        session_id=session_id or f"sess_{order_id}",
        timestamp=timestamp,
        **data,
    )
    order = apply_event(event=WebhookEvent.model_validate(envelope), payload=envelope).order
    if created is not None:
        Order.objects.filter(pk=order.pk).update(created=created)
        order.refresh_from_db()
    return order


# A SECRET_KEY good enough for production start-up checks.
GOOD_SECRET = "k3J9xQ2mV7pL0sR5tW8yZ1aB4cD6eF-gH_iJ2kL5mN8oP1qR4sT7uV0wX3yZ6"


def run_check(tmp_path: Path, *args: str, **variables: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "dreamcanvas.settings",
        "DJANGO_READ_DOT_ENV_FILE": "false",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **variables,
    }
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def assert_fails_with_one_line(result: subprocess.CompletedProcess[str], *words: str) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0]
    return lines[0]


def matched(pattern: str, text: str, group: int = 0) -> str:
    """``group`` of the first match of ``pattern`` (dot matches newlines); a clear
    failure when there is none."""
    found = re.search(pattern, text, re.S)
    assert found is not None, f"nothing matches {pattern!r}"
    return found.group(group)


def started_sessions_cookie(*session_ids: str) -> tuple[str, str]:
    """The signed cookie (name, value) a browser gets when it starts these sessions:
    order data on the return page is shown only to that browser, or to staff."""
    from django.http import HttpRequest, HttpResponse

    from dreamcanvas import access

    request = HttpRequest()
    for session_id in session_ids:
        response = HttpResponse()
        access.remember_started_session(request, response, session_id)
        request.COOKIES[access.STARTED_SESSIONS_COOKIE] = response.cookies[
            access.STARTED_SESSIONS_COOKIE
        ].value
    return access.STARTED_SESSIONS_COOKIE, request.COOKIES[access.STARTED_SESSIONS_COOKIE]


def started_here(client: Client, *session_ids: str) -> Client:
    """``client`` as the browser that started these sessions."""
    name, value = started_sessions_cookie(*session_ids)
    client.cookies[name] = value
    return client
