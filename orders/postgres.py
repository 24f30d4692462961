"""The PostgreSQL statements of ``orders.services.apply_event``'s usual paths.

Called only from ``orders.services`` (the one place that changes orders). One
statement writes the order (the newest event folded onto it by a conditional
``UPDATE``, or a new order inserted already projected), stores the event, and
inserts the caller's receipt (the webhook delivery) pointing at it; bound and
planned once per connection (``dreamcanvas.sql``). When it cannot (a late event,
a tie, a synced order, a duplicate, a race) it stores nothing and the general
path runs.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone

from dreamcanvas import sql
from orders.models import CREATOR_COLUMNS, STATUS_RANK, Order, OrderEvent
from orders.projection import (
    EVENT_STATUS,
    EVENT_TIME_FIELD,
    SCALAR_FIELDS,
    fitted,
    fold_event,
)
from printora_client.models import WebhookEvent

# Only the model's own column names and status words are formatted into the SQL.
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
# The fold of one newest event onto a stored order, as the SET clause of an UPDATE.
_FOLD_ASSIGNMENTS = (
    f"status = CASE WHEN {_STATUS_RANK_SQL} < %s THEN %s ELSE status END, "
    + "".join(
        f"{column} = COALESCE(%s, {column}, %s), "
        if column in EVENT_TIME_FIELD.values()
        else f"{column} = COALESCE(%s, {column}), "
        for column in _FOLDED_COLUMNS
    )
    + "items = COALESCE(%s, items), creator = COALESCE(%s, creator), "
    + "".join(f"{column} = COALESCE(%s, {column}), " for column in CREATOR_COLUMNS)
    + "shipping_address = shipping_address || %s, data = data || %s, "
    "session_id = %s, last_event_at = %s, updated = %s"
)
# ``order`` is the order the event belongs to: folded in place when the guard holds
# (the order's newest event is older, no event came from sync_orders, and the event
# is not already stored, so the INSERT below cannot meet its dedupe key but in a race).
_FOLD_EXISTING = (
    "order_ AS (UPDATE orders_order SET "  # noqa: S608
    + _FOLD_ASSIGNMENTS
    + " WHERE printora_order_id = %s AND last_event_at < %s AND NOT has_synced_events "
    "AND NOT EXISTS (SELECT 1 FROM orders_orderevent seen WHERE seen.order_id = orders_order.id "
    "AND seen.session_id = %s AND seen.event_type = %s) RETURNING id)"
)
_RECORD = (
    "recorded AS (INSERT INTO orders_orderevent "
    "(order_id, session_id, event_type, occurred_at, received_at, payload) "
    "SELECT id, %s, %s, %s, %s, %s FROM order_ RETURNING id, order_id)"
)


@dataclass(frozen=True)
class Stored:
    """What one statement stored: the event, its order, and the caller's receipt row."""

    event: OrderEvent
    order: Order
    receipt: models.Model | None


def fold_onto_existing(
    *,
    order_id: str,
    event: WebhookEvent,
    payload: Mapping[str, object],
    receipt: Callable[[OrderEvent], models.Model] | None = None,
) -> Stored | None:
    """Fold the newest event of an existing order onto it, store the event and the
    caller's ``receipt`` row (see ``store``): one statement, or nothing and None."""
    json = connection.ops.adapt_json_value
    params = [
        *_fold_params(event, json),
        timezone.now(),
        order_id,
        event.timestamp,
        event.session_id,
        event.event,
    ]
    return store(_FOLD_EXISTING, params, event=event, payload=payload, receipt=receipt)


def create_projected(
    *,
    order: Order,
    event: WebhookEvent,
    payload: Mapping[str, object],
    receipt: Callable[[OrderEvent], models.Model] | None = None,
) -> Stored | None:
    """Insert a new ``order``, already projected from its first ``event``, store the
    event and the caller's ``receipt`` (see ``store``): one statement, or nothing
    and None when the order exists."""
    row = sql.InsertParts.of(order)
    insert = (
        f"order_ AS (INSERT INTO {row.table} ({row.columns}) VALUES ({row.values}) "  # noqa: S608
        f"ON CONFLICT DO NOTHING RETURNING {row.pk})"
    )
    stored = store(insert, row.params, event=event, payload=payload, receipt=receipt)
    if stored is None:
        return None
    sql.saved(order, stored.order.pk)
    return Stored(stored.event, order, stored.receipt)


def store(
    order_sql: str,
    order_params: list[Any],
    *,
    event: WebhookEvent,
    payload: Mapping[str, object],
    receipt: Callable[[OrderEvent], models.Model] | None,
) -> Stored | None:
    """Run ``order_sql`` (a CTE named ``order_`` returning the order's id when it
    wrote the order), store the event under that order, and insert the caller's
    ``receipt`` row (built from the event; its foreign key to the event is filled
    in by the statement), all in one statement: atomic, so outside a transaction
    one round trip and one commit.

    None when the order was not written (the statement then stored nothing) or
    when the event's dedupe key was taken meanwhile (a concurrent copy of it): that
    statement fails whole, and the caller takes the general path. Inside a
    transaction the statement runs in a savepoint, so that failure leaves the
    transaction usable.
    """
    recorded = OrderEvent(
        session_id=event.session_id,
        event_type=event.event,
        occurred_at=event.timestamp,
        received_at=timezone.now(),
        payload=payload,
    )
    statement = f"WITH {order_sql}, {_RECORD}"
    params = [
        *order_params,
        recorded.session_id,
        recorded.event_type,
        recorded.occurred_at,
        recorded.received_at,
        connection.ops.adapt_json_value(payload, None),
    ]
    row = receipt(recorded) if receipt is not None else None
    if row is None:
        statement += " SELECT id, order_id, NULL FROM recorded"
    else:
        link = _event_link(type(row))
        parts = sql.InsertParts.of(row, computed={sql.column_of(link): "recorded.id"})
        statement += (
            f", receipt AS (INSERT INTO {parts.table} ({parts.columns}) "  # noqa: S608
            f"SELECT {parts.values} FROM recorded RETURNING {parts.pk}) "
            f"SELECT recorded.id, recorded.order_id, receipt.{parts.pk} FROM recorded, receipt"
        )
        params += parts.params
    try:
        if connection.in_atomic_block:
            with transaction.atomic():
                found = sql.fetch_one(statement, params)
        else:
            found = sql.fetch_one(statement, params)
    except IntegrityError:
        return None
    if found is None:
        return None
    event_pk, order_pk, receipt_pk = found
    recorded.order_id = order_pk
    sql.saved(recorded, event_pk)
    if row is not None:
        setattr(row, _event_link(type(row)).attname, event_pk)
        sql.saved(row, receipt_pk)
    return Stored(recorded, Order.from_db(connection.alias, ["id"], [order_pk]), row)


@functools.cache
def _event_link(model: type[models.Model]) -> models.Field:
    """The receipt's foreign key to the stored event."""
    links = [
        field
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is OrderEvent
    ]
    if len(links) != 1:
        raise TypeError(f"{model.__name__} needs exactly one foreign key to OrderEvent")
    return links[0]


def _fold_params(event: WebhookEvent, json: Any) -> list[Any]:
    """The fold's values, in the order of its SET clause, but ``updated``."""
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
    return [
        *params,
        json(values["items"], None) if "items" in values else None,
        json(values["creator"], None) if "creator" in values else None,
        *_creator_columns(values),
        json(address, None),
        json(merged, None),
        event.session_id,
        event.timestamp,
    ]


def _creator_columns(values: dict[str, Any]) -> list[str | None]:
    """The indexed creator columns for the fold: derived from the event's creator
    exactly as the rebuild derives them (``Order.set_creator``), or None each (keep
    the stored ones) when the event carries no creator."""
    if "creator" not in values:
        return [None] * len(CREATOR_COLUMNS)
    probe = Order()
    probe.set_creator(values["creator"])
    return [getattr(probe, column) for column in CREATOR_COLUMNS]
