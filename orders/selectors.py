"""Read-only queries over the order book.

Every function here runs a fixed number of queries, whatever the number of rows:
the dashboard's pages must cost the same for 5 orders as for 100,000.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, cast

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.utils import timezone

from orders import extensions
from orders.extensions import Link, Panel
from orders.models import Order, OrderEvent, OrderStatus

# Orders whose money came in (and was not refunded by a cancellation).
PAID_STATUSES = (
    OrderStatus.PAID,
    OrderStatus.PROCESSING,
    OrderStatus.SHIPPED,
    OrderStatus.DELIVERED,
)

SORTS = {
    "-created": (F("created").desc(), F("id").desc()),
    "created": (F("created").asc(), F("id").asc()),
    "-total": (F("total_amount").desc(nulls_last=True), F("id").desc()),
    "total": (F("total_amount").asc(nulls_last=True), F("id").asc()),
}
DEFAULT_SORT = "-created"

# What a row of the orders table reads; anything else would cost a query per row.
ROW_FIELDS = (
    "id",
    "printora_order_id",
    "order_number",
    "session_id",
    "status",
    "payment_status",
    "total_amount",
    "currency",
    "customer_email",
    "customer_name",
    "items",
    "creator_id",
    "creator_slug",
    "creator_name",
    "last_event_at",
    "created",
    "updated",
)


def recent_events(limit: int = 5) -> QuerySet[OrderEvent]:
    return OrderEvent.objects.select_related("order").order_by("-received_at", "-id")[:limit]


@dataclass(frozen=True)
class OrderFilters:
    """The dashboard's filters, already validated (see ``orders.views``)."""

    status: str = ""
    q: str = ""
    creator: str = ""  # a creator's slug or id, matched exactly
    # Set by ``resolve_search``: ``q`` equals an order id, number, session id or e-mail
    # of some order, so only exact matches are searched (B-tree lookups).
    exact: bool = False
    # Set by ``resolve_search``: ``creator`` is no order's creator slug, so it is
    # matched against creator ids.
    creator_by_id: bool = False
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: str = DEFAULT_SORT

    @property
    def narrowed(self) -> bool:
        """True when something other than the status chips narrows the orders."""
        return bool(self.q or self.creator or self.date_from or self.date_to)

    def without_status(self) -> OrderFilters:
        return replace(self, status="")

    def condition(self) -> Q:
        condition = Q()
        if self.status:
            condition &= Q(status=self.status)
        if self.q:
            condition &= _exact_search(self.q) if self.exact else _text_search(self.q)
        if self.creator:
            # One column, so that its index with ``status`` counts the chips alone.
            column = "creator_id" if self.creator_by_id else "creator_slug"
            condition &= Q(**{column: self.creator})
        if self.date_from:
            condition &= Q(created__gte=start_of_day(self.date_from))
        if self.date_to:
            condition &= Q(created__lt=start_of_day(self.date_to + dt.timedelta(days=1)))
        return condition


def _exact_search(q: str) -> Q:
    """Equality on indexed columns: B-tree lookups whatever the size of the book
    (``customer_email`` through the ``Upper`` index of ``order_email_upper``)."""
    return (
        Q(printora_order_id=q) | Q(order_number=q) | Q(session_id=q) | Q(customer_email__iexact=q)
    )


def _text_search(q: str) -> Q:
    """Substring search (``UPPER(col) LIKE UPPER('%q%')``), served on PostgreSQL by the
    trigram indexes of migration ``order_search_indexes``. Ids, numbers, session ids
    and e-mail addresses never contain spaces: a term with one is a name."""
    if any(character.isspace() for character in q):
        return Q(customer_name__icontains=q)
    return (
        Q(printora_order_id__icontains=q)
        | Q(order_number__icontains=q)
        | Q(session_id__icontains=q)
        | Q(customer_email__icontains=q)
        | Q(customer_name__icontains=q)
    )


def resolve_search(filters: OrderFilters) -> OrderFilters:
    """``filters`` with the column of each exact-match filter chosen by one indexed
    probe: ``exact`` when ``q`` (a single word) is exactly some order's id, number,
    session id or e-mail (then the table, the chips and the export use equality, not
    a substring search); ``creator_by_id`` when ``creator`` is no order's slug."""
    q = filters.q
    single_word = bool(q) and not any(character.isspace() for character in q)
    if single_word and not filters.exact and _exists(_exact_search(q)):
        filters = replace(filters, exact=True)
    if (
        filters.creator
        and not filters.creator_by_id
        and not _exists(Q(creator_slug=filters.creator))
    ):
        filters = replace(filters, creator_by_id=True)
    return filters


def _exists(condition: Q) -> bool:
    return Order.objects.filter(condition).values("pk")[:1].exists()


def start_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _last_event_type() -> Subquery:
    latest = OrderEvent.objects.filter(order=OuterRef("pk")).order_by("-occurred_at", "-id")
    return Subquery(latest.values("event_type")[:1])


def order_rows(filters: OrderFilters) -> QuerySet[Order]:
    """The orders table: filtered, sorted, each row carrying its last event's type."""
    return (
        Order.objects.filter(filters.condition())
        .only(*ROW_FIELDS)
        .annotate(last_event_type=_last_event_type())
        .order_by(*SORTS.get(filters.sort, SORTS[DEFAULT_SORT]))
    )


@dataclass(frozen=True)
class StatusCounts:
    by_status: dict[str, int] = field(default_factory=dict)
    latest_update: dt.datetime | None = None

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    def chips(self) -> list[dict]:
        return [
            {"status": value, "label": label, "count": self.by_status.get(value, 0)}
            for value, label in OrderStatus.choices
        ]


def status_counts(filters: OrderFilters | None = None) -> StatusCounts:
    """Orders per status (one query). Only counts: an index on the filtered column
    and ``status`` (``order_created_status``, ``order_creator_slug_status``...) then
    answers it without reading the table."""
    orders = Order.objects.all()
    if filters is not None:
        orders = orders.filter(filters.without_status().condition())
    # COUNT(*), not COUNT(id): the id is in none of those indexes.
    rows = orders.order_by().values("status").annotate(count=Count("*"))
    return StatusCounts(by_status={row["status"]: row["count"] for row in rows})


def latest_update() -> dt.datetime | None:
    return Order.objects.aggregate(latest=Max("updated"))["latest"]


if TYPE_CHECKING:

    class ChangedOrder(Order):
        """What ``changed_orders`` returns: an order row with two annotations."""

        last_event_type: str | None
        matches: bool

else:
    ChangedOrder = Order


def changed_orders(*, since: dt.datetime, filters: OrderFilters, limit: int) -> list[ChangedOrder]:
    """The ``limit`` latest changes after ``since``, returned oldest first.

    Taking the latest (not the earliest) means a burst larger than ``limit`` can
    never pin the cursor in place: the caller reports the rest as truncated.
    Each row carries ``matches``: whether it belongs in a table showing ``filters``
    (a changed order that no longer matches is still updated where it is shown).
    """
    condition = filters.condition()
    matches = (
        ExpressionWrapper(condition, output_field=BooleanField())
        if condition
        else Value(True, output_field=BooleanField())
    )
    rows = (
        Order.objects.filter(updated__gt=since)
        .only(*ROW_FIELDS)
        .annotate(last_event_type=_last_event_type(), matches=matches)
        .order_by("-updated", "-id")
    )
    return cast("list[ChangedOrder]", list(rows[:limit])[::-1])


EXPORT_COLUMNS = (
    ("order_id", "printora_order_id"),
    ("order_number", "order_number"),
    ("created", "created"),
    ("status", "status"),
    ("payment_status", "payment_status"),
    ("payment_method", "payment_method"),
    ("total", "total_amount"),
    ("currency", "currency"),
    ("customer_name", "customer_name"),
    ("customer_email", "customer_email"),
    ("customer_phone", "customer_phone"),
    ("items", "items"),
    ("creator_id", "creator_id"),
    ("creator_slug", "creator_slug"),
    ("creator_name", "creator_name"),
    ("session_id", "session_id"),
    ("carrier", "carrier"),
    ("tracking_number", "tracking_number"),
    ("tracking_url", "tracking_url"),
    ("paid_at", "paid_at"),
    ("shipped_at", "shipped_at"),
    ("delivered_at", "delivered_at"),
    ("cancelled_at", "cancelled_at"),
    ("last_event_at", "last_event_at"),
)
_ITEMS_COLUMN = [name for name, _ in EXPORT_COLUMNS].index("items")


def export_rows(filters: OrderFilters, *, chunk_size: int = 2000) -> Iterator[list]:
    """The filtered orders as plain values, read from the database in chunks, so an
    export of 100,000 orders never holds more than ``chunk_size`` rows in memory."""
    rows = (
        Order.objects.filter(filters.condition())
        .order_by(*SORTS.get(filters.sort, SORTS[DEFAULT_SORT]))
        .values_list(*(column for _, column in EXPORT_COLUMNS))
    )
    for row in rows.iterator(chunk_size=chunk_size):
        values = list(row)
        values[_ITEMS_COLUMN] = Order(items=values[_ITEMS_COLUMN]).items_summary
        yield values


@dataclass(frozen=True)
class TimelineEntry:
    event: OrderEvent
    duplicates: int = 0
    link: Link | None = None  # e.g. the webhook delivery that brought the event


@dataclass(frozen=True)
class OrderDetail:
    order: Order
    timeline: list[TimelineEntry]
    origin: list[Panel]  # facts other apps add under "Where it came from"
    side: list[Panel]  # panels other apps add to the side column


def order_detail(order: Order) -> OrderDetail:
    """Everything the order page shows: its events (one query), and what the apps
    that registered in ``orders.extensions`` know of it (a fixed number each)."""
    events = list(order.events.order_by("occurred_at", "id"))
    contributions = extensions.order_page(order, events)
    duplicates: dict[str, int] = {}
    links: dict[int, Link] = {}
    for facts in contributions:
        for event_type, count in facts.duplicates.items():
            duplicates[event_type] = duplicates.get(event_type, 0) + count
        links.update(facts.event_links)
    timeline = [
        TimelineEntry(event, duplicates.get(event.event_type, 0), links.get(event.pk))
        for event in events
    ]
    return OrderDetail(
        order,
        timeline,
        origin=[panel for facts in contributions for panel in facts.origin],
        side=[panel for facts in contributions for panel in facts.side],
    )
