"""The PostgreSQL statements of ``orders.services.apply_event``'s usual path.

Called only from ``orders.services`` (the one place that changes orders): store a
real event of an existing order in one ``INSERT … SELECT``, then fold it onto the
stored order in one conditional ``UPDATE``. Both return None when the general
path must run instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import connection
from django.utils import timezone

from orders.models import CREATOR_COLUMNS, STATUS_RANK, Order, OrderEvent
from orders.projection import (
    EVENT_STATUS,
    EVENT_TIME_FIELD,
    SCALAR_FIELDS,
    fitted,
    fold_event,
    is_synthetic,
)
from printora_client.models import WebhookEvent

# PostgreSQL: the fold of one newest event as one conditional UPDATE (built once).
_STATUS_RANK_SQL = "CASE status {} END".format(
    " ".join(f"WHEN '{status.value}' THEN {rank}" for status, rank in STATUS_RANK.items())
)
_FOLDED_COLUMNS = [
    *SCALAR_FIELDS,
    "total_amount",
    "customer_email",
    "customer_name",
    "customer_phone",
]
# Only the model's own column names and status words are formatted in.
_FOLD_SQL = (
    "UPDATE orders_order SET "  # noqa: S608
    + f"status = CASE WHEN {_STATUS_RANK_SQL} < %s THEN %s ELSE status END, "
    + "".join(
        f"{column} = COALESCE(%s, {column}, %s), "
        if column in EVENT_TIME_FIELD.values()
        else f"{column} = COALESCE(%s, {column}), "
        for column in _FOLDED_COLUMNS
    )
    + "items = COALESCE(%s, items), creator = COALESCE(%s, creator), "
    + "".join(f"{column} = COALESCE(%s, {column}), " for column in CREATOR_COLUMNS)
    + "shipping_address = shipping_address || %s, data = data || %s, "
    "session_id = %s, last_event_at = %s, updated = %s "
    "WHERE id = %s AND last_event_at < %s AND NOT has_synced_events "
    "RETURNING id"
)


def insert_event_of_existing_order(
    *, order_id: str, event: WebhookEvent, payload: Mapping[str, object]
) -> OrderEvent | None:
    """On PostgreSQL, store a real event of an order that exists, in one
    ``INSERT … SELECT`` (the order's id looked up in the same statement) that
    ignores a dedupe conflict. None for a new order, a duplicate, a synthetic
    event or SQLite: the caller then takes the general path."""
    if connection.vendor != "postgresql" or is_synthetic(event):
        return None
    recorded = OrderEvent(
        session_id=event.session_id,
        event_type=event.event,
        occurred_at=event.timestamp,
        received_at=timezone.now(),
        payload=payload,
    )
    params: list[Any] = [
        recorded.session_id,
        recorded.event_type,
        recorded.occurred_at,
        recorded.received_at,
        connection.ops.adapt_json_value(payload, None),
        order_id,
    ]
    with connection.cursor() as cursor:
        cursor.execute(_INSERT_EVENT_SQL, params)
        row = cursor.fetchone()
    if row is None:
        return None
    recorded.pk, recorded.order_id = row
    return recorded


_INSERT_EVENT_SQL = (
    "INSERT INTO orders_orderevent "
    "(order_id, session_id, event_type, occurred_at, received_at, payload) "
    "SELECT id, %s, %s, %s, %s, %s FROM orders_order WHERE printora_order_id = %s "
    "ON CONFLICT DO NOTHING RETURNING id, order_id"
)


def fold_newest_in_place(*, order_pk: int, event: WebhookEvent) -> Order | None:
    """On PostgreSQL, fold ``event`` onto the stored order in one ``UPDATE`` whose
    guard (the order's newest event is older, no synthetic event) is the condition
    under which folding equals a rebuild (``services._is_newest``). Returns the order, only
    its key loaded, or None when the guard fails or the order does not exist: the
    caller then takes the general path. The row stays locked until the commit.
    """
    values: dict[str, Any] = {}
    address: dict[str, Any] = {}
    merged: dict[str, Any] = {}
    fold_event(event, values=values, address=address, merged=merged)
    status = EVENT_STATUS[event.event]
    params: list[Any] = [STATUS_RANK[status], status.value]
    for column in _FOLDED_COLUMNS:
        value = values.get(column)
        params.append(None if value is None else fitted(column, value))
        if column in EVENT_TIME_FIELD.values():
            own_time = EVENT_TIME_FIELD.get(event.event) == column
            params.append(event.timestamp if own_time else None)
    json = connection.ops.adapt_json_value
    params += [
        json(values["items"], None) if "items" in values else None,
        json(values["creator"], None) if "creator" in values else None,
        *_creator_columns(values),
        json(address, None),
        json(merged, None),
        event.session_id,
        event.timestamp,
        timezone.now(),
        order_pk,
        event.timestamp,
    ]
    with connection.cursor() as cursor:
        cursor.execute(_FOLD_SQL, params)
        row = cursor.fetchone()
    return None if row is None else Order.from_db(connection.alias, ["id"], [row[0]])


def _creator_columns(values: dict[str, Any]) -> list[str | None]:
    """The indexed creator columns for the fold: derived from the event's creator
    exactly as the rebuild derives them (``Order.set_creator``), or None each (keep
    the stored ones) when the event carries no creator."""
    if "creator" not in values:
        return [None] * len(CREATOR_COLUMNS)
    probe = Order()
    probe.set_creator(values["creator"])
    return [getattr(probe, column) for column in CREATOR_COLUMNS]
