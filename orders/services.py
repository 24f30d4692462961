"""Every change to order state happens here.

An ``Order`` is a projection of its ``OrderEvent`` rows (``orders.projection``):
each event is stored once (the database's unique constraint is the dedupe key),
and the order is what all of its events make it, in Printora-timestamp order,
whatever order they arrived in. The newest event is folded onto the stored order
(the same fold's last step); anything else rebuilds the order from all its events.

``reconcile_order`` brings in what Printora's order list says (``sync_orders``)
through the same log: see its docstring for why its synthetic events are safe.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from django.db import connection, models, transaction
from django.utils import timezone

from dreamcanvas import sql
from orders import postgres
from orders.models import STATUS_RANK, Order, OrderEvent, OrderStatus
from orders.projection import (
    EVENT_STATUS,
    EVENT_TIME_FIELD,
    LISTED_STATUS_EVENT,
    PROJECTED_FIELDS,
    SCALAR_FIELDS,
    SYNC_SESSION_PREFIX,
    event_sort_key,
    is_synthetic,
)
from orders.projection import project as _project
from printora_client import events as registry
from printora_client.models import PartnerOrder, WebhookEvent

logger = logging.getLogger(__name__)

__all__ = [  # the projection's tables are read from here too
    "EVENT_STATUS",
    "EVENT_TIME_FIELD",
    "LISTED_STATUS_EVENT",
    "PROJECTED_FIELDS",
    "SCALAR_FIELDS",
    "SYNC_SESSION_PREFIX",
    "ApplyResult",
    "apply_event",
    "event_sort_key",
    "is_synthetic",
    "reconcile_order",
]


class UnknownEventError(ValueError):
    """The event type is not one this order book applies."""


class MissingOrderIdError(ValueError):
    """The event's data has no order id, so it cannot be attached to an order."""


@dataclass(frozen=True)
class ApplyResult:
    outcome: Literal["applied", "duplicate"]
    order: Order
    event: OrderEvent | None
    receipt: models.Model | None = None

    @property
    def duplicate(self) -> bool:
        return self.outcome == "duplicate"


# Builds the caller's record of how an event arrived (webhooks: the delivery), unsaved,
# with its foreign key to OrderEvent set to the event it is given: the one being
# stored, or None for a duplicate.
Receipt = Callable[[OrderEvent | None], models.Model]


def apply_event(
    *,
    event: WebhookEvent,
    payload: Mapping[str, object] | None = None,
    receipt: Receipt | None = None,
) -> ApplyResult:
    """Record ``event`` once and bring its order up to date, in one transaction.

    ``payload`` is the envelope exactly as received (stored as is, unknown fields
    included). A second delivery of the same event changes nothing and reports
    "duplicate".

    ``receipt`` lets a caller store its own row about the event in the same
    transaction (``webhooks`` stores its delivery, pointing at the event; the order
    book knows no callers): it is called with the event being stored (None for a
    duplicate), and the row it returns is inserted and returned as
    ``result.receipt``. If anything raises, nothing of it is stored: no event row
    is left behind, so a retry is applied.

    Statements, on PostgreSQL: for a real (not synthetic) event that creates its
    order, or that sorts after every event its order has (the usual case: Printora
    sends an order's events in order) when none came from ``sync_orders``, one
    statement writes the order (inserted already projected, or the event folded
    onto it by a conditional ``UPDATE``: exactly what a rebuild would give), the
    event and the receipt: outside a transaction that is one round trip and one
    commit. Otherwise (a late event, a tie, a synced order, a duplicate) a
    transaction locks the order, inserts the event ignoring a dedupe conflict,
    rebuilds the order from all of its events and inserts the receipt. SQLite
    always takes that path.
    """
    if event.event not in EVENT_STATUS:
        raise UnknownEventError(f"unknown event type {event.event!r}")
    order_id = event.data.order_id
    if not order_id:
        raise MissingOrderIdError("data.orderId is required")
    if payload is None:
        payload = event.model_dump(mode="json", by_alias=True)
    if connection.vendor == "postgresql" and not is_synthetic(event):
        stored = _store_in_one_statement(
            order_id=order_id, event=event, payload=payload, receipt=receipt
        )
        if stored is not None:
            return stored
    # With a receipt, a savepoint of its own: a failure leaves a caller's transaction
    # usable for recording it. Without one, the caller's transaction, as before.
    with transaction.atomic(savepoint=receipt is not None):
        result = _apply_locked(order_id=order_id, event=event, payload=payload)
        if receipt is not None:
            row = receipt(result.event)
            sql.insert(row)
            result = dataclasses.replace(result, receipt=row)
        return result


def _store_in_one_statement(
    *, order_id: str, event: WebhookEvent, payload: Mapping[str, object], receipt: Receipt | None
) -> ApplyResult | None:
    """The usual paths (see ``apply_event``) on PostgreSQL; None when they do not apply.
    The first event of an order is usually its creation, so that tries the insert."""
    if event.event == registry.ORDER_CREATED.name:
        order = Order(printora_order_id=order_id)
        _project(order, [event])
        stored = postgres.create_projected(
            order=order, event=event, payload=payload, receipt=receipt
        )
    else:
        stored = postgres.fold_onto_existing(
            order_id=order_id, event=event, payload=payload, receipt=receipt
        )
    if stored is None:
        return None
    return ApplyResult("applied", stored.order, stored.event, stored.receipt)


def _apply_locked(
    *, order_id: str, event: WebhookEvent, payload: Mapping[str, object]
) -> ApplyResult:
    """The general path: lock (or insert) the order, store the event, fold or rebuild."""
    order = _locked(Order.objects.filter(printora_order_id=order_id))
    if order is None:
        order = _insert_projected_order(order_id=order_id, event=event)
        if order.pk is not None:
            return ApplyResult("applied", order, _insert_event(order, event, payload))
        # It exists (maybe just created by another transaction): wait for its lock.
        order = Order.objects.select_for_update().get(printora_order_id=order_id)
    recorded = _insert_event(order, event, payload)
    if recorded is None:
        return ApplyResult("duplicate", order, None)
    return _rebuild(order, event, recorded)


def _rebuild(order: Order, event: WebhookEvent, recorded: OrderEvent) -> ApplyResult:
    """Bring the locked ``order`` up to date with ``event`` (already stored)."""
    if _is_newest(order, event):
        _project(order, [event], onto=order)
    else:
        stored = order.events.values_list("payload", flat=True)
        _project(order, [WebhookEvent.model_validate(payload) for payload in stored])
    order.has_synced_events = order.has_synced_events or is_synthetic(event)
    order.save(update_fields=[*PROJECTED_FIELDS, "has_synced_events", "updated"])
    return ApplyResult("applied", order, recorded)


def _locked(orders: models.QuerySet[Order]) -> Order | None:
    # No ORDER BY (``first()`` would add one): the key is unique.
    return next(iter(orders.select_for_update().order_by()[:1]), None)


def _is_newest(order: Order, event: WebhookEvent) -> bool:
    """Whether folding ``event`` onto the stored projection equals a rebuild: it
    sorts strictly after every stored event, and no synthetic event is involved
    (a real event may supersede one, which only a rebuild can undo)."""
    return (
        order.last_event_at is not None
        and event.timestamp > order.last_event_at
        and not order.has_synced_events
        and not is_synthetic(event)
    )


def _insert_projected_order(*, order_id: str, event: WebhookEvent) -> Order:
    """A new order row projected from its first event; its pk stays None if the
    order already exists (a concurrent first event inserted it)."""
    order = Order(printora_order_id=order_id)
    _project(order, [event])
    order.has_synced_events = is_synthetic(event)
    sql.insert(order, ignore_conflicts=True)
    return order


def _insert_event(
    order: Order, event: WebhookEvent, payload: Mapping[str, object]
) -> OrderEvent | None:
    """The stored event, or None if the dedupe key already holds it."""
    recorded = OrderEvent(
        order=order,
        session_id=event.session_id,
        event_type=event.event,
        occurred_at=event.timestamp,
        payload=payload,
    )
    return recorded if sql.insert(recorded, ignore_conflicts=True) is not None else None


ReconcileOutcome = Literal["created", "updated", "unchanged"]


class UnreconcilableOrderError(ValueError):
    """A listed order that cannot be brought into the order book (unknown status...)."""


def reconcile_order(*, listed: PartnerOrder, dry_run: bool = False) -> ReconcileOutcome:
    """Bring one order of Printora's list (``GET /partners/orders``) into the order book.

    "created": we had never heard of the order; "updated": Printora's status is
    ahead of ours (a webhook we missed); "unchanged": ours is the same rank or
    ahead (a status never moves backwards). ``dry_run`` decides without writing.
    Raises ``UnreconcilableOrderError`` for an order that cannot be recorded.

    Design: the listing is recorded as a *synthetic event* in the same
    ``OrderEvent`` log, applied by ``apply_event``, so the order stays a
    projection of its log (rebuilt under the row lock, permutation-independent,
    status by rank) and sync needs no write path of its own. The event is the
    one that brings an order to the listed status (``LISTED_STATUS_EVENT``), its
    ``data`` the listed fields, its timestamp Printora's time for that status
    (``paidAt``, ``shippedAt``…, else ``updatedAt``, ``createdAt``, now), and the
    envelope is marked ``"source": "sync"``.

    Why it is safe with the dedupe key (session id, event type, order):

    - Its session id is ``"sync:" + the listed session id``, so it can never
      take the key of a real delivery: a real webhook of the same type arriving
      later is recorded and applied, not dropped as a duplicate of ours.
    - The projection ignores a synthetic event once a real event of the same
      type is in the log, so from then on the order is exactly what the
      webhooks alone make it; it also takes the session id from real events
      (from a synthetic one, prefix removed, only while there are none).
    - Nothing is recorded unless it changes the order (a new order, or a listed
      status of higher rank than ours): a listing that matches a webhook we
      already have, or lags behind it, writes nothing. Two syncs racing on one
      order share the synthetic key, so the second is a duplicate ("unchanged").
    """
    event, envelope = _synthetic_event(listed)
    current = (
        Order.objects.filter(printora_order_id=event.data.order_id)
        .values_list("status", flat=True)
        .first()
    )
    listed_rank = STATUS_RANK[EVENT_STATUS[event.event]]
    if current is not None and listed_rank <= STATUS_RANK[OrderStatus(current)]:
        return "unchanged"
    outcome: ReconcileOutcome = "created" if current is None else "updated"
    if dry_run:
        return outcome
    if apply_event(event=event, payload=envelope).duplicate:
        return "unchanged"
    return outcome


# The listed field that says when an order reached the status of each event.
_LISTED_TIME_FIELD: dict[str, str] = {
    event.name: event.time_attribute for event in registry.EVENT_TYPES
}


def _synthetic_event(listed: PartnerOrder) -> tuple[WebhookEvent, dict[str, Any]]:
    """The envelope recording what the listing says, and the event parsed from it."""
    order_id = (listed.order_id or "").strip()
    if not order_id:
        raise UnreconcilableOrderError("a listed order has no order id")
    if len(order_id) > _max_length(Order, "printora_order_id"):
        raise UnreconcilableOrderError(f"order id {order_id[:40]!r}… is too long")
    status = (listed.status or "").strip().lower()
    event_type = LISTED_STATUS_EVENT.get(status)
    if event_type is None:
        raise UnreconcilableOrderError(f"order {order_id}: unknown status {listed.status!r}")
    session_id = SYNC_SESSION_PREFIX + (listed.session_id or "")
    if len(session_id) > _max_length(OrderEvent, "session_id"):
        raise UnreconcilableOrderError(f"order {order_id}: session id is too long")
    moment = (
        getattr(listed, _LISTED_TIME_FIELD[event_type])
        or listed.updated_at
        or listed.created_at
        or timezone.now()
    )
    data = listed.model_dump(mode="json", by_alias=True, exclude_none=True)
    envelope = {
        "sessionId": session_id,
        "event": event_type,
        "timestamp": moment.isoformat(),
        "data": {**data, "orderId": order_id},
        "source": "sync",
    }
    return WebhookEvent.model_validate(envelope), envelope


def _max_length(model: type[models.Model], column: str) -> int:
    field = model._meta.get_field(column)
    assert isinstance(field, models.Field) and field.max_length is not None
    return field.max_length
