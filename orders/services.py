"""Every change to order state happens here.

An ``Order`` is a projection of its ``OrderEvent`` rows: each event is stored once
(the database's unique constraint is the dedupe key), then the order is rebuilt
from all of its events, in Printora-timestamp order, under a row lock. Rebuilding
rather than patching is what makes the result independent of delivery order:
any permutation of the same events yields the same order.

``reconcile_order`` brings in what Printora's order list says (``sync_orders``)
through the same log: see its docstring for why its synthetic events are safe.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from django.db import connection, models, transaction
from django.utils import timezone

from orders.models import STATUS_RANK, Order, OrderEvent, OrderStatus
from printora_client import events as registry
from printora_client.models import PartnerOrder, WebhookEvent

logger = logging.getLogger(__name__)

# Every table below is read from the registry of event types (printora_client.events):
# adding a type there is the whole change.
EVENT_STATUS: dict[str, OrderStatus] = {
    event.name: OrderStatus(event.status) for event in registry.EVENT_TYPES
}
# Printora's status word in its order list -> the event that brings an order there.
LISTED_STATUS_EVENT: dict[str, str] = {
    word: event.name for event in registry.EVENT_TYPES for word in event.printora_statuses
}
# Events recorded by reconcile_order carry this prefix on their session id (and so
# in their dedupe key); a real delivery's session id never has it.
SYNC_SESSION_PREFIX = "sync:"
# The order's own time columns: when an event's data carries no time of its own,
# its envelope timestamp fills the column of its type.
TIME_COLUMNS = ("paid_at", "shipped_at", "delivered_at", "cancelled_at")
EVENT_TIME_FIELD: dict[str, str] = {
    event.name: event.time_attribute
    for event in registry.EVENT_TYPES
    if event.time_attribute in TIME_COLUMNS
}
# Order column <- attribute of printora_client.models.OrderData.
SCALAR_FIELDS = {
    "order_number": "order_number",
    "printora_status": "status",
    "payment_status": "payment_status",
    "payment_method": "payment_method",
    "payment_url": "payment_url",
    "currency": "currency",
    "tracking_number": "tracking_number",
    "carrier": "carrier",
    "tracking_url": "tracking_url",
    "partner_image_url": "partner_image_url",
    "printora_created_at": "created_at",
    "paid_at": "paid_at",
    "shipped_at": "shipped_at",
    "delivered_at": "delivered_at",
    "cancelled_at": "cancelled_at",
}
PROJECTED_FIELDS = [
    *SCALAR_FIELDS,
    "status",
    "session_id",
    "total_amount",
    "customer_email",
    "customer_name",
    "customer_phone",
    "items",
    "shipping_address",
    "creator",
    "data",
    "first_event_at",
    "last_event_at",
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

    @property
    def duplicate(self) -> bool:
        return self.outcome == "duplicate"


def apply_event(*, event: WebhookEvent, payload: Mapping[str, object] | None = None) -> ApplyResult:
    """Record ``event`` once and bring its order up to date, in one transaction.

    ``payload`` is the envelope exactly as received (stored as is, unknown fields
    included). A second delivery of the same event changes nothing and reports
    "duplicate". The caller may link what brought the event to ``result.event``
    (``webhooks`` points its delivery at it); the order book knows no callers.

    Called inside the caller's transaction it adds no savepoint of its own (the
    receiver writes its delivery row in the same commit); if it raises, that
    whole transaction must roll back, which leaves no event row behind.

    Statements: lock the order row (reading its projection), insert the event
    ignoring a dedupe conflict, then update the order. When the event sorts
    after every event the order has (the usual case: Printora sends an order's
    events in order), the update folds it onto the stored projection, which is
    exactly what a rebuild would give; otherwise (an older event arriving late,
    a timestamp tie, or an order touched by ``sync_orders``) the order is
    rebuilt from all of its events. A new order is inserted already projected.
    """
    if event.event not in EVENT_STATUS:
        raise UnknownEventError(f"unknown event type {event.event!r}")
    order_id = event.data.order_id
    if not order_id:
        raise MissingOrderIdError("data.orderId is required")
    if payload is None:
        payload = event.model_dump(mode="json", by_alias=True)

    with transaction.atomic(savepoint=False):
        order = _locked(Order.objects.filter(printora_order_id=order_id))
        if order is None:
            order = _insert_projected_order(order_id=order_id, event=event)
            if order.pk is not None:
                return ApplyResult("applied", order, _insert_event(order, event, payload))
            # Another transaction created it first: we now wait for its lock.
            order = Order.objects.select_for_update().get(printora_order_id=order_id)
        recorded = _insert_event(order, event, payload)
        if recorded is None:
            return ApplyResult("duplicate", order, None)
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
    order.pk = _insert_ignoring_conflicts(order)
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
    recorded.pk = _insert_ignoring_conflicts(recorded)
    return recorded if recorded.pk is not None else None


def _insert_ignoring_conflicts(instance: models.Model) -> int | None:
    """``INSERT … ON CONFLICT DO NOTHING RETURNING id`` (PostgreSQL, SQLite ≥ 3.35):
    the new row's id, or None when a unique constraint already holds its key.

    Unlike ``create()`` a conflict does not abort the transaction, so no savepoint
    is needed; unlike ``bulk_create(ignore_conflicts=True)`` the id comes back.
    """
    meta = instance._meta
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    quote = connection.ops.quote_name
    values = [
        field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields
    ]
    # Only quoted names from the model's metadata are formatted in; values are parameters.
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    returning = quote(meta.pk.column)
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({placeholders}) ON CONFLICT DO NOTHING RETURNING {returning}"  # noqa: E501, S608
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        row = cursor.fetchone()
    return None if row is None else row[0]


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


def event_sort_key(event: WebhookEvent) -> tuple:
    """Printora's timestamp first; ties broken by status rank, type and session, so
    the fold below has one order whatever order the events arrived in (the dedupe
    key makes (type, session) unique per order)."""
    return (event.timestamp, STATUS_RANK[EVENT_STATUS[event.event]], event.event, event.session_id)


def _project(order: Order, events: Iterable[WebhookEvent], *, onto: Order | None = None) -> None:
    """Rebuild every projected field of ``order`` from its events.

    Later events win field by field, but a missing or null value never erases a
    known one; the status is the highest-ranked one seen. With ``onto``, the fold
    starts from that order's stored projection instead of from nothing: the
    caller makes sure ``events`` all sort after the events it was built from.
    """
    events = sorted(
        (e for e in _without_superseded(events) if e.event in EVENT_STATUS), key=event_sort_key
    )
    status = OrderStatus.PENDING
    values: dict[str, Any] = {}
    address: dict[str, Any] = {}
    merged: dict[str, Any] = {}
    first_event_at = None
    if onto is not None:
        status = OrderStatus(onto.status)
        for column in [*SCALAR_FIELDS, "total_amount", "customer_email", "customer_name"]:
            _keep(values, column, getattr(onto, column))
        _keep(values, "customer_phone", onto.customer_phone)
        if onto.items:
            values["items"] = onto.items
        if onto.creator is not None:
            values["creator"] = onto.creator
        address.update(onto.shipping_address or {})
        merged.update(onto.data or {})
        first_event_at = onto.first_event_at

    for event in events:
        data = event.data
        candidate = EVENT_STATUS[event.event]
        if STATUS_RANK[candidate] > STATUS_RANK[status]:
            status = candidate
        for column, attribute in SCALAR_FIELDS.items():
            _keep(values, column, getattr(data, attribute, None))
        if event.event in EVENT_TIME_FIELD:
            values.setdefault(EVENT_TIME_FIELD[event.event], event.timestamp)
        _keep(values, "total_amount", _money(data.total_amount))
        if data.customer is not None:
            _keep(values, "customer_email", data.customer.email)
            _keep(values, "customer_phone", data.customer.phone)
            full_name = " ".join(
                part for part in (data.customer.first_name, data.customer.last_name) if part
            )
            _keep(values, "customer_name", full_name)
        if data.items:
            values["items"] = [item.model_dump(mode="json", by_alias=True) for item in data.items]
        if data.shipping_address is not None:
            fields = data.shipping_address.model_dump(mode="json", by_alias=True)
            address.update({k: v for k, v in fields.items() if v not in (None, "")})
        if data.creator is not None:
            values["creator"] = data.creator.model_dump(mode="json", by_alias=True)
        merged.update(_non_null(data.model_dump(mode="json", by_alias=True)))

    order.status = status
    if events:
        order.session_id = _projected_session_id(events)
        order.first_event_at = first_event_at or events[0].timestamp
        order.last_event_at = max(e.timestamp for e in events)
    for column in [*SCALAR_FIELDS, "total_amount", "customer_email", "customer_name"]:
        setattr(order, column, _fit(order, column, values.get(column)))
    order.customer_phone = _fit(order, "customer_phone", values.get("customer_phone"))
    order.currency = (order.currency or "").upper()
    order.items = values.get("items", [])
    order.shipping_address = address
    order.creator = values.get("creator")
    order.data = merged


def is_synthetic(event: WebhookEvent) -> bool:
    """True for an event that ``reconcile_order`` recorded from Printora's order list."""
    return event.session_id.startswith(SYNC_SESSION_PREFIX)


def _without_superseded(events: Iterable[WebhookEvent]) -> list[WebhookEvent]:
    """Drop each synthetic event for which a real event of the same type exists.

    The synthetic one only stood in for that missed webhook, so once the webhook is
    here the order is exactly what the webhooks alone make it. A set of real events
    comes back unchanged, and the result depends only on the set, not its order.
    """
    events = list(events)
    real_types = {event.event for event in events if not is_synthetic(event)}
    return [e for e in events if not (is_synthetic(e) and e.event in real_types)]


def _projected_session_id(events: list[WebhookEvent]) -> str:
    """The session id of the latest real event; only from a synthetic one (its
    ``sync:`` prefix removed) when no real event has arrived yet."""
    real = [event for event in events if not is_synthetic(event)]
    if real:
        return real[-1].session_id
    return events[-1].session_id.removeprefix(SYNC_SESSION_PREFIX)


def _keep(values: dict[str, Any], key: str, value: Any) -> None:
    if value is not None and value != "":
        values[key] = value


def _non_null(fields: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in fields.items() if value is not None}


def _money(amount: Decimal | None) -> Decimal | None:
    if amount is None:
        return None
    try:
        return amount.quantize(Decimal("0.01"))
    except InvalidOperation:
        logger.warning("ignoring an amount that does not fit the order book")
        return None


def _max_length(model: type[models.Model], column: str) -> int:
    field = model._meta.get_field(column)
    assert isinstance(field, models.Field) and field.max_length is not None
    return field.max_length


def _fit(order: Order, column: str, value: Any) -> Any:
    """Fit a value to its column (empty text for a missing one, clipped to the
    column's length), so one odd value cannot make an event fail on every retry."""
    field = order._meta.get_field(column)
    assert isinstance(field, models.Field)
    if value is None:
        return None if field.null else ""
    if isinstance(value, str) and field.max_length:
        return value[: field.max_length]
    return value
