"""Receiving Printora's webhooks: verify, record, then apply through ``orders.services``.

The view hands over the raw request; everything that decides the reply lives here
so the admin's "replay" runs exactly the same path.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from pydantic import ValidationError

from dreamcanvas.http import first_validation_error
from orders import services as orders
from printora_client.models import WebhookEvent
from printora_client.signatures import verify
from webhooks.models import Outcome, WebhookDelivery

logger = logging.getLogger(__name__)

# A rejected request keeps only this much of its body: enough to debug a sender,
# too little for anyone to fill the database with unsigned junk.
REJECTED_BODY_LIMIT = 4096
KEPT_HEADERS = (
    "X-Printora-Signature",
    "User-Agent",
    "Content-Type",
    "Content-Length",
    "X-Forwarded-For",
    "X-Request-Id",
)
MAX_HEADER_LENGTH = 512


@dataclass(frozen=True)
class Reply:
    status: int
    body: dict[str, Any]
    delivery: WebhookDelivery | None = field(default=None, compare=False)


def receive(
    *,
    body: bytes,
    headers: Mapping[str, str],
    remote_addr: str | None,
    secrets: list[str],
) -> Reply:
    """Turn one webhook request into a reply, recording it whatever happens."""
    started = time.perf_counter()
    request = _request_facts(headers, remote_addr)
    signature = headers.get("X-Printora-Signature")
    if not signature:
        return _reject(request, body, started, 401, "missing signature", signature_valid=False)
    if not secrets:
        logger.error("webhook rejected: PRINTORA_WEBHOOK_SECRET is not configured")
        return _reject(request, body, started, 401, "invalid signature", signature_valid=False)
    if not verify(body, signature, secrets):
        return _reject(request, body, started, 401, "invalid signature", signature_valid=False)

    return _accept(request, body, started)


def reject_oversized(
    *, headers: Mapping[str, str], remote_addr: str | None, declared_size: int
) -> Reply:
    """A body over the limit is refused unread; the request is still recorded."""
    request = _request_facts(headers, remote_addr)
    reply = _reject(request, b"", time.perf_counter(), 413, "body too large", None)
    reply.delivery.body_size = declared_size
    reply.delivery.save(update_fields=["body_size"])
    return reply


def replay(delivery: WebhookDelivery) -> Reply:
    """Run a recorded, verified delivery through the same processing again.

    The replay is recorded as a new delivery pointing at the original, so the
    original keeps what Printora was actually told.
    """
    if not delivery.replayable:
        return Reply(400, {"error": "only verified, complete deliveries can be replayed"})
    request = {
        "headers": delivery.headers,
        "remote_addr": delivery.remote_addr,
        "replay_of": delivery,
    }
    return _accept(request, bytes(delivery.body), time.perf_counter())


def _accept(request: dict[str, Any], body: bytes, started: float) -> Reply:
    """Parse and apply a body whose signature is valid."""
    parsed = parse_envelope(body)
    if isinstance(parsed, str):
        return _reject(request, body, started, 400, parsed, signature_valid=True)
    payload, event = parsed
    identity = {
        "event_type": event.event[:40],
        "session_id": event.session_id[:100],
        "order_id": (event.data.order_id or "")[:100],
    }
    if not event.is_known:
        delivery = _record(request, body, started, Outcome.IGNORED, 200, True, **identity)
        _log(delivery)
        return Reply(200, {"received": True, "ignored": True}, delivery)
    if not event.data.order_id:
        return _reject(request, body, started, 400, "data.orderId is required", True, **identity)

    delivery = _record(request, body, None, Outcome.PROCESSING, None, True, **identity)
    return process(delivery, payload, event, started)


def process(
    delivery: WebhookDelivery, payload: dict[str, Any], event: WebhookEvent, started: float
) -> Reply:
    try:
        # The outcome is written in the same transaction as the event: one commit.
        with transaction.atomic():
            result = orders.apply_event(event=event, payload=payload, delivery=delivery)
            outcome = Outcome.DUPLICATE if result.duplicate else Outcome.APPLIED
            _finish(delivery, started, outcome, 200, "")
    except Exception as exc:
        # Printora retries on 5xx; the delivery row (committed earlier) keeps what went wrong.
        logger.exception("webhook processing failed for delivery %s", delivery.pk)
        _finish(delivery, started, Outcome.FAILED, 500, f"{type(exc).__name__}: {exc}"[:2000])
        return Reply(500, {"error": "processing failed"}, delivery)
    return Reply(200, {"received": True, "duplicate": result.duplicate}, delivery)


def parse_envelope(body: bytes) -> tuple[dict[str, Any], WebhookEvent] | str:
    """The envelope and its parsed model, or a one-line reason it is not acceptable."""
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return "body is not valid JSON"
    if not isinstance(payload, dict):
        return "body must be a JSON object"
    try:
        event = WebhookEvent.model_validate(payload)
    except ValidationError as exc:
        return first_validation_error(exc)[1]
    return payload, event


def _request_facts(headers: Mapping[str, str], remote_addr: str | None) -> dict[str, Any]:
    return {"headers": kept_headers(headers), "remote_addr": client_address(remote_addr)}


def kept_headers(headers: Mapping[str, str]) -> dict[str, str]:
    kept = {}
    for name in KEPT_HEADERS:
        value = headers.get(name)
        if value is not None:
            kept[name.lower()] = str(value)[:MAX_HEADER_LENGTH]
    return kept


def client_address(remote_addr: str | None) -> str | None:
    """REMOTE_ADDR if it is an IP address; None otherwise. Never raises."""
    try:
        return str(ipaddress.ip_address((remote_addr or "").strip()))
    except ValueError:
        return None


def _reject(
    request: dict[str, Any],
    body: bytes,
    started: float,
    status: int,
    reason: str,
    signature_valid: bool | None,
    **identity: str,
) -> Reply:
    delivery = _record(
        request, body, started, Outcome.REJECTED, status, signature_valid, reason, **identity
    )
    _log(delivery)
    return Reply(status, {"error": reason}, delivery)


def _record(
    request: dict[str, Any],
    body: bytes,
    started: float | None,
    outcome: str,
    status: int | None,
    signature_valid: bool | None,
    detail: str = "",
    **identity: str,
) -> WebhookDelivery:
    keep_whole = signature_valid and outcome != Outcome.REJECTED
    stored = body if keep_whole else body[:REJECTED_BODY_LIMIT]
    # Committed on its own (the view is non-atomic): a later failure while
    # applying the event cannot roll this row back.
    return WebhookDelivery.objects.create(
        **request,
        body=stored,
        body_size=len(body),
        body_truncated=len(stored) < len(body),
        signature_valid=signature_valid,
        outcome=outcome,
        http_status=status,
        detail=detail,
        processing_ms=_elapsed_ms(started) if started is not None else None,
        **identity,
    )


def _finish(
    delivery: WebhookDelivery, started: float, outcome: str, status: int, detail: str
) -> None:
    delivery.outcome = outcome
    delivery.http_status = status
    delivery.detail = detail
    delivery.processing_ms = _elapsed_ms(started)
    delivery.save(update_fields=["outcome", "http_status", "detail", "processing_ms"])
    _log(delivery)


def _elapsed_ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)


def _log(delivery: WebhookDelivery) -> None:
    # key=value, one line per request; no emails, no signatures, no secrets.
    logger.info(
        "webhook delivery=%s outcome=%s status=%s event=%s order=%s session=%s ms=%s%s",
        delivery.pk,
        delivery.outcome,
        delivery.http_status,
        delivery.event_type or "-",
        delivery.order_id or "-",
        delivery.session_id or "-",
        delivery.processing_ms,
        f' reason="{delivery.detail[:200]}"' if delivery.outcome == Outcome.REJECTED else "",
    )
