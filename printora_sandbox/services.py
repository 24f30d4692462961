"""What the sandbox does when the partner's server, the shopper or the operator acts.

Each function changes the sandbox's own tables and queues the webhooks Printora
would send. Nothing here touches our order book: that only ever learns about
orders through the webhooks, as it would from Printora.
"""

from __future__ import annotations

import hashlib
import json
import random
import secrets
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from printora_sandbox import catalog, dispatcher, events
from printora_sandbox.models import SandboxOrder, SandboxSession

CARRIERS = {
    "UPS": "https://www.ups.com/track?tracknum={}",
    "USPS": "https://tools.usps.com/go/TrackConfirmAction?tLabels={}",
    "FedEx": "https://www.fedex.com/fedextrack/?trknbr={}",
}


class IdempotencyConflict(Exception):
    """The Idempotency-Key was already used with a different request body."""


class SessionClosed(Exception):
    """The session can no longer be checked out (expired, completed or cancelled)."""


def fingerprint(body: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def create_session(
    *, idempotency_key: str, body: dict[str, Any], fields: dict[str, Any]
) -> tuple[SandboxSession, bool]:
    """Create a session, or return the one this key created before.

    Returns ``(session, created)``. Raises ``IdempotencyConflict`` if the key
    was used for a different body (Stripe's rule).
    """
    digest = fingerprint(body)
    try:
        with transaction.atomic():
            session = SandboxSession.objects.create(
                idempotency_key=idempotency_key, request_fingerprint=digest, **fields
            )
        return session, True
    except IntegrityError:
        session = SandboxSession.objects.get(idempotency_key=idempotency_key)
    if session.request_fingerprint != digest:
        raise IdempotencyConflict
    return session, False


def open_session(session: SandboxSession) -> SandboxSession:
    """The shopper opened the editor: pending → active, and the 24 h clock starts."""
    now = timezone.now()
    if session.status in (SandboxSession.Status.PENDING, SandboxSession.Status.ACTIVE):
        if session.is_expired(now):
            session.status = SandboxSession.Status.EXPIRED
            session.save(update_fields=["status"])
        elif session.status == SandboxSession.Status.PENDING:
            session.status = SandboxSession.Status.ACTIVE
            session.opened_at = now
            session.save(update_fields=["status", "opened_at"])
    return session


@transaction.atomic
def checkout(
    *,
    session: SandboxSession,
    product: catalog.Product,
    colour: str,
    size: str,
    quantity: int,
    first_name: str,
    last_name: str,
    email: str,
    phone: str = "",
    address: dict[str, str],
) -> SandboxOrder:
    """The shopper paid: create the order and send order.created, then order.paid."""
    session = SandboxSession.objects.select_for_update().get(pk=session.pk)
    if session.status != SandboxSession.Status.ACTIVE or session.is_expired():
        raise SessionClosed(session.status)
    now = timezone.now()
    subtotal = product.price * quantity
    order = SandboxOrder.objects.create(
        order_number=_order_number(now),
        session=session,
        product_name=product.name,
        colour=colour,
        size=size,
        quantity=quantity,
        unit_price=product.price,
        shipping=catalog.SHIPPING,
        total_amount=subtotal + catalog.SHIPPING,
        currency=catalog.CURRENCY,
        customer_first_name=first_name,
        customer_last_name=last_name,
        customer_email=email,
        customer_phone=phone,
        shipping_address=address,
        created_at=now,
    )
    send_event(order, "order.created")
    order.status = SandboxOrder.Status.PAID
    order.payment_status = "paid"
    order.paid_at = timezone.now()
    order.save(update_fields=["status", "payment_status", "paid_at"])
    send_event(order, "order.paid")
    session.status = SandboxSession.Status.COMPLETED
    session.save(update_fields=["status"])
    return order


def cancel_session(session: SandboxSession) -> SandboxSession:
    """The shopper pressed Cancel in the editor."""
    if session.status in (SandboxSession.Status.PENDING, SandboxSession.Status.ACTIVE):
        session.status = SandboxSession.Status.CANCELLED
        session.save(update_fields=["status"])
    return session


@transaction.atomic
def ship_order(order: SandboxOrder) -> SandboxOrder:
    carrier = random.choice(list(CARRIERS))  # noqa: S311 - demo data, not security
    order.tracking_number = "1Z" + secrets.token_hex(8).upper()
    order.carrier = carrier
    order.tracking_url = CARRIERS[carrier].format(order.tracking_number)
    order.status = SandboxOrder.Status.SHIPPED
    order.shipped_at = timezone.now()
    order.save()
    send_event(order, "order.shipped")
    return order


@transaction.atomic
def deliver_order(order: SandboxOrder) -> SandboxOrder:
    order.status = SandboxOrder.Status.DELIVERED
    order.delivered_at = timezone.now()
    order.save()
    send_event(order, "order.delivered")
    return order


@transaction.atomic
def cancel_order(order: SandboxOrder) -> SandboxOrder:
    order.status = SandboxOrder.Status.CANCELLED
    order.cancelled_at = timezone.now()
    if order.payment_status == "paid":
        order.payment_status = "refunded"
    order.save()
    send_event(order, "order.cancelled")
    return order


def send_event(
    order: SandboxOrder,
    event_type: str,
    *,
    timestamp=None,
    note: str = "",
) -> Any:
    """Queue one webhook about ``order`` as it is now."""
    payload = events.envelope(
        event_type, str(order.session_id), events.order_data(order), timestamp=timestamp
    )
    return dispatcher.queue(
        event_type=event_type,
        session_id=str(order.session_id),
        body=events.encode(payload),
        order=order,
        note=note,
    )


def send_duplicate(log) -> Any:
    """Deliver the very same bytes again, as a Printora retry would."""
    return dispatcher.queue(
        event_type=log.event_type,
        session_id=log.session_id,
        body=log.body,
        order=log.order,
        note=f"duplicate of #{log.pk}",
    )


@transaction.atomic
def send_out_of_order(order: SandboxOrder) -> list[Any]:
    """Send the order's webhooks again, newest first: the very bodies sent before,
    with their original timestamps, as a late Printora retry would deliver them.

    A receiver that applies events in arrival order (and does not deduplicate)
    would end in the wrong state; ours answers "duplicate" and keeps it right.
    """
    originals: dict[str, Any] = {}
    for log in order.webhook_logs.filter(note="").order_by("created_at", "id"):
        originals.setdefault(log.event_type, log)
    return [
        dispatcher.queue(
            event_type=log.event_type,
            session_id=log.session_id,
            body=log.body,
            order=order,
            note="out of order",
        )
        for log in reversed(list(originals.values()))
    ]


def _order_number(now) -> str:
    return f"SBX-{now:%Y}-{secrets.token_hex(4).upper()}"
