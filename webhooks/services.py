"""Receiving Printora's webhooks: verify, parse, then apply and record in one commit.

The recipe, in the order ``receive`` follows it:

1. Verify the signature over the raw body (``printora_client.signatures.verify``);
   no signature or a wrong one is a 401.
2. Parse the envelope (``parse_envelope``); bad JSON, a bad shape or a value the
   order book could not store (``printora_client.models.bounds``: a NUL, an
   out-of-range date, an amount too large, JSON nested too deep) is a 400.
3. An event type we do not know is acknowledged (200, "ignored"), so Printora
   does not retry it for ever.
4. Apply the event (``orders.services.apply_event``, idempotent) with the delivery
   as its receipt: stored with the event it added in one commit (on PostgreSQL's
   usual path, one statement). If applying fails nothing of it is stored (so
   Printora's retry is applied), the delivery is recorded as failed, and the
   answer is a 500, so Printora retries.

Every request is recorded as a ``WebhookDelivery`` whatever happens, and every
path returns a ``Reply``. Unverified requests (anyone can send them) are counted
per day and reason, and only the newest of them are kept (``_cap_unverified``).
The view hands over the raw request; the admin's and the dashboard's "replay"
run the same path (``replay``).
"""

from __future__ import annotations

import ipaddress
import json
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from pydantic import ValidationError

from dreamcanvas import sql
from dreamcanvas.http import first_validation_error
from orders import services as orders
from orders.models import OrderEvent
from printora_client.models import WebhookEvent
from printora_client.models.bounds import text_problem
from printora_client.signatures import verify
from webhooks.models import Outcome, RejectedRequestCount, WebhookDelivery

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
MAX_BODY_SIZE = 2**31 - 1
# Unverified requests kept as deliveries (the newest; all are counted).
UNVERIFIED_KEPT_PER_SOURCE = 20
UNVERIFIED_KEPT = 1000
JsonObject = dict[str, object]


@dataclass(frozen=True)
class RequestFacts:
    """What is kept of the request that brought a webhook: a few headers (never
    Authorization or Cookie), the client's address, and the delivery it replays."""

    headers: dict[str, str]
    remote_addr: str | None
    replay_of: WebhookDelivery | None = None

    @classmethod
    def of(cls, *, headers: Mapping[str, str], remote_addr: str | None) -> RequestFacts:
        return cls(headers=kept_headers(headers), remote_addr=client_address(remote_addr))


@dataclass(frozen=True)
class Identity:
    """What the envelope says it is about, cut to the columns' lengths."""

    event_type: str = ""
    session_id: str = ""
    order_id: str = ""

    @classmethod
    def of(cls, event: WebhookEvent) -> Identity:
        # A parsed envelope holds no NUL or unpaired surrogate (printora_client's bounds).
        return cls(event.event[:40], event.session_id[:100], (event.data.order_id or "")[:100])


@dataclass(frozen=True)
class Envelope:
    payload: JsonObject  # exactly as received, unknown fields included
    event: WebhookEvent


class EnvelopeError(ValueError):
    """The body is not an envelope we can read; the message is a one-line reason."""


@dataclass(frozen=True)
class Reply:
    status: int
    body: JsonObject
    delivery: WebhookDelivery | None = field(default=None, compare=False)


def receive(
    *, body: bytes, headers: Mapping[str, str], remote_addr: str | None, secrets: list[str]
) -> Reply:
    """Turn one webhook request into a reply, recording it whatever happens."""
    started = time.perf_counter()
    request = RequestFacts.of(headers=headers, remote_addr=remote_addr)
    signature = headers.get("X-Printora-Signature")
    if not signature:
        return _reject(request, body=body, started=started, status=401, reason="missing signature")
    if not secrets:
        logger.error("webhook rejected: PRINTORA_WEBHOOK_SECRET is not configured")
    if not secrets or not verify(body, signature, secrets):
        return _reject(request, body=body, started=started, status=401, reason="invalid signature")
    return _accept(request, body=body, started=started)


def reject_oversized(
    *, headers: Mapping[str, str], remote_addr: str | None, declared_size: int
) -> Reply:
    """A body over the limit is refused unread; the request is still recorded."""
    request = RequestFacts.of(headers=headers, remote_addr=remote_addr)
    return _reject(
        request,
        body=b"",
        body_size=declared_size,
        started=time.perf_counter(),
        status=413,
        reason="body too large",
        signature_valid=None,  # never read, so never checked
    )


def replay(delivery: WebhookDelivery) -> Reply:
    """Run a recorded, verified delivery through the same processing again.

    The replay is recorded as a new delivery pointing at the original, so the
    original keeps what Printora was actually told.
    """
    if not delivery.replayable:
        return Reply(400, {"error": "only verified, complete deliveries can be replayed"})
    request = RequestFacts(
        headers=dict(delivery.headers), remote_addr=delivery.remote_addr, replay_of=delivery
    )
    return _accept(request, body=bytes(delivery.body), started=time.perf_counter())


def parse_envelope(body: bytes) -> Envelope:
    """The envelope and its parsed model; ``EnvelopeError`` says why it is not acceptable."""
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise EnvelopeError("body is not valid JSON") from None
    except RecursionError:
        # Python's parser gives up near 1,000 levels; the bounds stop far earlier.
        raise EnvelopeError("body is nested too deeply") from None
    if not isinstance(payload, dict):
        raise EnvelopeError("body must be a JSON object")
    try:
        event = WebhookEvent.model_validate(payload)
    except ValidationError as exc:
        raise EnvelopeError(first_validation_error(exc)[1]) from None
    return Envelope(payload=payload, event=event)


def kept_headers(headers: Mapping[str, str]) -> dict[str, str]:
    kept = {}
    for name in KEPT_HEADERS:
        value = headers.get(name)
        if value is not None:
            kept[name.lower()] = storable_text(str(value)[:MAX_HEADER_LENGTH])
    return kept


def storable_text(text: str) -> str:
    """``text`` without what a database cannot store (NUL, unpaired surrogates)."""
    if text_problem(text) is None:
        return text
    return text.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")


def client_address(remote_addr: str | None) -> str | None:
    """REMOTE_ADDR if it is an IP address; None otherwise. Never raises."""
    try:
        return str(ipaddress.ip_address((remote_addr or "").strip()))
    except ValueError:
        return None


# --- The steps -----------------------------------------------------------------------


def _accept(request: RequestFacts, *, body: bytes, started: float) -> Reply:
    """Parse and apply a body whose signature is valid."""
    try:
        envelope = parse_envelope(body)
    except EnvelopeError as exc:
        return _reject(
            request, body=body, started=started, status=400, reason=str(exc), signature_valid=True
        )
    event = envelope.event
    identity = Identity.of(event)
    if not event.is_known:
        delivery = _record(
            request,
            body=body,
            identity=identity,
            outcome=Outcome.IGNORED,
            status=200,
            started=started,
        )
        _log(delivery)
        return Reply(200, {"received": True, "ignored": True}, delivery)
    if not event.data.order_id:
        reason = "data.orderId is required"
        return _reject(
            request,
            body=body,
            identity=identity,
            started=started,
            status=400,
            reason=reason,
            signature_valid=True,
        )
    return _apply(request, body=body, identity=identity, envelope=envelope, started=started)


def _apply(
    request: RequestFacts, *, body: bytes, identity: Identity, envelope: Envelope, started: float
) -> Reply:
    """Apply the event and record the delivery in one commit (step 4 above). If it
    fails, no event row is left behind (Printora's retry is applied, not taken for
    a duplicate) and the delivery is then recorded as failed on its own."""

    def delivery_of(stored: OrderEvent | None) -> WebhookDelivery:
        return _delivery(
            request,
            body=body,
            identity=identity,
            outcome=Outcome.APPLIED if stored else Outcome.DUPLICATE,
            status=200,
            started=started,
            order_event=stored,
        )

    try:
        result = orders.apply_event(
            event=envelope.event, payload=envelope.payload, receipt=delivery_of
        )
    except Exception as exc:
        # Printora retries on 5xx; the delivery row keeps what went wrong.
        logger.exception("webhook processing failed for order %s", identity.order_id)
        delivery = _record(
            request,
            body=body,
            identity=identity,
            outcome=Outcome.FAILED,
            status=500,
            started=started,
            detail=storable_text(f"{type(exc).__name__}: {exc}"[:2000]),
        )
        _log(delivery)
        return Reply(500, {"error": "processing failed"}, delivery)
    assert isinstance(result.receipt, WebhookDelivery)
    _log(result.receipt)
    return Reply(200, {"received": True, "duplicate": result.duplicate}, result.receipt)


def _reject(
    request: RequestFacts,
    *,
    body: bytes,
    started: float,
    status: int,
    reason: str,
    signature_valid: bool | None = False,
    identity: Identity | None = None,
    body_size: int | None = None,
) -> Reply:
    """Record a refused request (in one write) and say why."""
    delivery = _record(
        request,
        body=body,
        body_size=body_size,
        identity=identity or Identity(),
        outcome=Outcome.REJECTED,
        status=status,
        signature_valid=signature_valid,
        detail=reason,
        started=started,
    )
    _log(delivery)
    if not signature_valid:
        _cap_unverified(delivery, reason=reason)
    return Reply(status, {"error": reason}, delivery)


def _cap_unverified(delivery: WebhookDelivery, *, reason: str) -> None:
    """Count an unverified request, and keep only the newest ones: at most
    ``UNVERIFIED_KEPT_PER_SOURCE`` per client address and ``UNVERIFIED_KEPT`` in all.

    Anyone can send these, at any rate and from many addresses: kept whole they
    would fill the database (a signed request, from Printora, is always kept).
    """
    counted = RejectedRequestCount.objects.filter(day=timezone.localdate(), reason=reason)
    if not counted.update(count=F("count") + 1):
        try:
            with transaction.atomic():
                RejectedRequestCount.objects.create(
                    day=timezone.localdate(), reason=reason, count=1
                )
        except IntegrityError:  # created meanwhile by another request
            counted.update(count=F("count") + 1)
    unverified = WebhookDelivery.objects.exclude(signature_valid=True)
    for rows, kept in (
        (unverified.filter(remote_addr=delivery.remote_addr), UNVERIFIED_KEPT_PER_SOURCE),
        (unverified, UNVERIFIED_KEPT),
    ):
        oldest_kept = rows.order_by("-id").values_list("id", flat=True)[kept - 1 : kept]
        cutoff = next(iter(oldest_kept), None)
        if cutoff is not None:
            # No replay points at an unverified delivery: a plain DELETE will do.
            rows.filter(id__lt=cutoff)._raw_delete(rows.db)


def _record(request: RequestFacts, **facts: Any) -> WebhookDelivery:
    """Insert the delivery row (``_delivery``) on its own: one prepared INSERT."""
    delivery = _delivery(request, **facts)
    sql.insert(delivery)
    return delivery


def _delivery(
    request: RequestFacts,
    *,
    body: bytes,
    identity: Identity,
    outcome: str,
    status: int | None = None,
    signature_valid: bool | None = True,
    detail: str = "",
    started: float | None = None,
    body_size: int | None = None,
    order_event: OrderEvent | None = None,
) -> WebhookDelivery:
    """The delivery row, unsaved. An unverified or rejected body is kept only in part."""
    keep_whole = signature_valid and outcome != Outcome.REJECTED
    stored = body if keep_whole else body[:REJECTED_BODY_LIMIT]
    # A declared Content-Length can be any number; the column holds 32 bits.
    size = min(len(body) if body_size is None else body_size, MAX_BODY_SIZE)
    return WebhookDelivery(
        order_event=order_event,
        headers=request.headers,
        remote_addr=request.remote_addr,
        replay_of=request.replay_of,
        body=stored,
        body_size=size,
        # Of what was read: a 413's body was never read, so nothing of it was cut.
        body_truncated=len(stored) < len(body),
        signature_valid=signature_valid,
        outcome=outcome,
        http_status=status,
        detail=storable_text(detail),
        processing_ms=_elapsed_ms(started) if started is not None else None,
        event_type=identity.event_type,
        session_id=identity.session_id,
        order_id=identity.order_id,
    )


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
