"""An order as a projection of its events: the fold that ``orders.services`` applies.

Pure functions, no database access: ``orders.services`` decides when to rebuild an
order from all of its events (``project``) and when to fold one newest event onto
what is stored; both use the same per-event step (``fold_event``), so they agree.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models

from orders.models import CREATOR_COLUMNS, STATUS_RANK, Order, OrderStatus
from printora_client import events as registry
from printora_client.models import WebhookEvent

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
    *CREATOR_COLUMNS,
    "data",
    "first_event_at",
    "last_event_at",
]


def event_sort_key(event: WebhookEvent) -> tuple:
    """Printora's timestamp first; ties broken by status rank, type and session, so
    the fold below has one order whatever order the events arrived in (the dedupe
    key makes (type, session) unique per order)."""
    return (event.timestamp, STATUS_RANK[EVENT_STATUS[event.event]], event.event, event.session_id)


def project(order: Order, events: Iterable[WebhookEvent], *, onto: Order | None = None) -> None:
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
        candidate = EVENT_STATUS[event.event]
        if STATUS_RANK[candidate] > STATUS_RANK[status]:
            status = candidate
        fold_event(event, values=values, address=address, merged=merged)
        if event.event in EVENT_TIME_FIELD:
            values.setdefault(EVENT_TIME_FIELD[event.event], event.timestamp)

    order.status = status
    if events:
        order.session_id = _projected_session_id(events)
        order.first_event_at = first_event_at or events[0].timestamp
        order.last_event_at = max(e.timestamp for e in events)
    for column in [*SCALAR_FIELDS, "total_amount", "customer_email", "customer_name"]:
        setattr(order, column, _fit(column, values.get(column)))
    order.customer_phone = _fit("customer_phone", values.get("customer_phone"))
    order.currency = (order.currency or "").upper()
    order.items = values.get("items", [])
    order.shipping_address = address
    order.set_creator(values.get("creator"))
    order.data = merged


def fold_event(
    event: WebhookEvent, *, values: dict[str, Any], address: dict[str, Any], merged: dict[str, Any]
) -> None:
    """Fold what ``event`` carries onto the running values (all but status and the
    event's own time): a later value wins, a missing, null or empty one erases nothing."""
    data = event.data
    for column, attribute in SCALAR_FIELDS.items():
        _keep(values, column, getattr(data, attribute, None))
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


def fitted(column: str, value: Any) -> Any:
    """``value`` as ``project`` would store it in ``column`` (clipped; currency in capitals)."""
    value = _fit(column, value)
    return value.upper() if column == "currency" and isinstance(value, str) else value


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


def _fit(column: str, value: Any) -> Any:
    """Fit a value to its column (empty text for a missing one, clipped to the
    column's length), so one odd value cannot make an event fail on every retry."""
    field = Order._meta.get_field(column)
    assert isinstance(field, models.Field)
    if value is None:
        return None if field.null else ""
    if isinstance(value, str) and field.max_length:
        return value[: field.max_length]
    return value
