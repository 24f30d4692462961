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
import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from printora_client import events as registry
from printora_sandbox import catalog, dispatcher, events, validation
from printora_sandbox.models import SandboxMerch, SandboxOrder, SandboxSession, SandboxWebhookLog


def _digits(count: int) -> str:
    return "".join(secrets.choice("0123456789") for _ in range(count))


# Each carrier with its tracking page and a number in its own format, so that a
# USPS parcel never carries a UPS "1Z" number.
CARRIERS = {
    "UPS": (
        "https://www.ups.com/track?tracknum={}",
        lambda: "1Z" + secrets.token_hex(3).upper() + "03" + _digits(8),
    ),
    "USPS": (
        "https://tools.usps.com/go/TrackConfirmAction?tLabels={}",
        lambda: "9400" + _digits(18),
    ),
    "FedEx": ("https://www.fedex.com/fedextrack/?trknbr={}", lambda: _digits(12)),
}
Status = SandboxOrder.Status
# Which order statuses each operator action may start from. ``cancelled`` ends
# an order that is not yet delivered (DESIGN.md's state machine).
ALLOWED_FROM: dict[str, tuple[str, ...]] = {
    "ship": (Status.PAID,),
    "deliver": (Status.SHIPPED,),
    "cancel": (Status.PENDING, Status.PAID, Status.SHIPPED),
}
PAST_TENSE = {"ship": "shipped", "deliver": "delivered", "cancel": "cancelled"}
RETRYABLE = (
    SandboxWebhookLog.Status.FAILED,
    SandboxWebhookLog.Status.PENDING,
    SandboxWebhookLog.Status.RETRYING,
)
# The model field that records when each event happened (createdAt -> created_at).
EVENT_TIME_FIELDS: dict[str, str] = {
    event.name: events.snake(event.time_field) for event in registry.EVENT_TYPES
}


class Refused(Exception):
    """Asked for something the order's or log's state does not allow; nothing changed."""


class SoldOut(Exception):
    """A limited-edition merch item has fewer units left than asked for."""

    def __init__(self, remaining: int) -> None:
        super().__init__(remaining)
        self.remaining = remaining

    @property
    def message(self) -> str:
        if self.remaining <= 0:
            return "Merch item is sold out"
        return f"Only {self.remaining} units remaining for this merch item"


class IdempotencyConflict(Exception):
    """The Idempotency-Key was already used with a different request body."""


class SessionClosed(Exception):
    """The session can no longer be checked out (expired, completed or cancelled)."""


def fingerprint(body: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def create_session(
    *, idempotency_key: str, body: dict[str, Any], fields: validation.SessionFields
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
    address: Mapping[str, str | None],
    merch: SandboxMerch | None = None,
    variant_id: str = "",
) -> SandboxOrder:
    """The shopper paid: create the order and send order.created, then order.paid.

    For a merch item the sale is counted when the order is paid; a limited
    edition is taken with a conditional update, so two checkouts racing for the
    last unit cannot both get it (the loser raises ``SoldOut``, nothing kept).
    """
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
        creator=merch.creator if merch else None,
        merch=merch,
        variant_id=variant_id,
    )
    send_event(order, registry.ORDER_CREATED.name)
    if merch is not None:
        take_stock(merch=merch, quantity=quantity)
    order.status = SandboxOrder.Status.PAID
    order.payment_status = "paid"
    order.paid_at = timezone.now()
    order.save(update_fields=["status", "payment_status", "paid_at"])
    send_event(order, registry.ORDER_PAID.name)
    session.status = SandboxSession.Status.COMPLETED
    session.save(update_fields=["status"])
    return order


def take_stock(*, merch: SandboxMerch, quantity: int) -> None:
    """Count ``quantity`` units of ``merch`` as sold, or raise ``SoldOut``."""
    sold = SandboxMerch.objects.filter(pk=merch.pk)
    if merch.stock_limit is not None:
        sold = sold.filter(stock_sold__lte=F("stock_limit") - quantity)
    if sold.update(stock_sold=F("stock_sold") + quantity) != 1:
        merch.refresh_from_db(fields=["stock_sold", "stock_limit"])
        raise SoldOut(merch.stock_remaining or 0)
    merch.refresh_from_db(fields=["stock_sold"])


def cancel_session(session: SandboxSession) -> SandboxSession:
    """The shopper pressed Cancel in the editor."""
    if session.status in (SandboxSession.Status.PENDING, SandboxSession.Status.ACTIVE):
        session.status = SandboxSession.Status.CANCELLED
        session.save(update_fields=["status"])
    return session


@transaction.atomic
def ship_order(order: SandboxOrder) -> SandboxOrder:
    carrier = random.choice(list(CARRIERS))  # noqa: S311 - demo data, not security
    page, number = CARRIERS[carrier]
    order.tracking_number = number()
    order.carrier = carrier
    order.tracking_url = page.format(order.tracking_number)
    order.status = SandboxOrder.Status.SHIPPED
    order.shipped_at = timezone.now()
    order.save()
    send_event(order, registry.ORDER_SHIPPED.name)
    return order


@transaction.atomic
def deliver_order(order: SandboxOrder) -> SandboxOrder:
    order.status = SandboxOrder.Status.DELIVERED
    order.delivered_at = timezone.now()
    order.save()
    send_event(order, registry.ORDER_DELIVERED.name)
    return order


@transaction.atomic
def cancel_order(order: SandboxOrder) -> SandboxOrder:
    order.status = SandboxOrder.Status.CANCELLED
    order.cancelled_at = timezone.now()
    if order.payment_status == "paid":
        order.payment_status = "refunded"
    order.save()
    send_event(order, registry.ORDER_CANCELLED.name)
    return order


def send_event(
    order: SandboxOrder,
    event_type: str,
    *,
    timestamp: datetime | None = None,
    note: str = "",
) -> SandboxWebhookLog:
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


def send_duplicate(log: SandboxWebhookLog) -> SandboxWebhookLog:
    """Deliver the very same bytes again, as a Printora retry would."""
    return dispatcher.queue(
        event_type=log.event_type,
        session_id=log.session_id,
        body=log.body,
        order=log.order,
        note=f"duplicate of #{log.pk}",
    )


@transaction.atomic
def send_out_of_order(order: SandboxOrder) -> list[SandboxWebhookLog]:
    """Send the order's webhooks again, newest first: the very bodies sent before,
    with their original timestamps, as a late Printora retry would deliver them.

    A receiver that applies events in arrival order (and does not deduplicate)
    would end in the wrong state; ours answers "duplicate" and keeps it right.
    """
    originals: dict[str, SandboxWebhookLog] = {}
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


# --- The operator's actions, guarded (the panel only parses and renders) ---------------


def _locked_order(order_id: uuid.UUID) -> SandboxOrder:
    """The order under a row lock; raises ``SandboxOrder.DoesNotExist``."""
    return SandboxOrder.objects.select_for_update().select_related("session").get(pk=order_id)


def happened(order: SandboxOrder) -> list[str]:
    """The event types that really happened to ``order``, oldest first."""
    return [name for name, field in EVENT_TIME_FIELDS.items() if getattr(order, field)]


def allowed_actions(order: SandboxOrder) -> list[str]:
    return [action for action, start in ALLOWED_FROM.items() if order.status in start]


def _either(words: tuple[str, ...]) -> str:
    """("pending", "paid", "shipped") -> "pending, paid or shipped"."""
    return " or ".join(filter(None, [", ".join(words[:-1]), words[-1]]))


@transaction.atomic
def transition(
    *, order_id: uuid.UUID, action: str
) -> tuple[SandboxOrder, SandboxWebhookLog | None]:
    """Ship, deliver or cancel the order if its status allows it; queue the webhook."""
    operation = {"ship": ship_order, "deliver": deliver_order, "cancel": cancel_order}[action]
    order = _locked_order(order_id)
    if order.status not in ALLOWED_FROM[action]:
        raise Refused(
            f"Cannot {action} {order.order_number}: it is {order.status}, and only a "
            f"{_either(ALLOWED_FROM[action])} order can be {PAST_TENSE[action]}. "
            "Nothing was changed."
        )
    order = operation(order)
    return order, order.webhook_logs.order_by("-id").first()


@transaction.atomic
def resend(*, order_id: uuid.UUID, event_type: str) -> tuple[SandboxOrder, SandboxWebhookLog]:
    """Send ``event_type`` about the order again, as it is now, like Printora's resend."""
    order = _locked_order(order_id)
    if not registry.is_known(event_type):
        raise Refused(f"Unknown event type {event_type!r}. Nothing was sent.")
    if event_type not in happened(order):
        raise Refused(
            f"{event_type} has not happened to {order.order_number} (it is {order.status}), "
            "so Printora would not send it. Nothing was sent."
        )
    return order, send_event(order, event_type, note="resent")


@transaction.atomic
def out_of_order(*, order_id: uuid.UUID) -> tuple[SandboxOrder, list[SandboxWebhookLog]]:
    order = _locked_order(order_id)
    return order, send_out_of_order(order)


@transaction.atomic
def duplicate(*, log_id: int) -> tuple[SandboxWebhookLog, SandboxWebhookLog]:
    """Raises ``SandboxWebhookLog.DoesNotExist`` or ``Refused``."""
    original = SandboxWebhookLog.objects.select_for_update().get(pk=log_id)
    if original.status != SandboxWebhookLog.Status.SENT:
        raise Refused(
            f"Webhook #{original.pk} is {original.status}, not sent: only a delivered webhook "
            "can be duplicated (use Retry for a failed one). Nothing was sent."
        )
    return original, send_duplicate(original)


@transaction.atomic
def retry(*, log_id: int) -> SandboxWebhookLog:
    """Raises ``SandboxWebhookLog.DoesNotExist`` or ``Refused``."""
    log = SandboxWebhookLog.objects.select_for_update().get(pk=log_id)
    if log.status not in RETRYABLE:
        raise Refused(
            f"Webhook #{log.pk} was already delivered; use Duplicate to send it again. "
            "Nothing was changed."
        )
    if not dispatcher.retry_now(log):
        raise Refused(f"Webhook #{log.pk} is already queued to be sent. Nothing was changed.")
    return log


def _order_number(now: datetime) -> str:
    return f"SBX-{now:%Y}-{secrets.token_hex(4).upper()}"
