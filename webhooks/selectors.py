"""Read-only queries over the webhook log (``WebhookDelivery``).

Like ``orders.selectors``, each function runs a fixed number of queries, whatever
the number of rows.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet

from orders.models import Order, OrderEvent
from webhooks.models import Outcome, WebhookDelivery

FAILURE_OUTCOMES = (Outcome.FAILED, Outcome.REJECTED)
# The outcome filter of the deliveries page also takes this word: failed or rejected.
FAILURES = "failures"
OUTCOME_VALUES = {*Outcome.values, FAILURES}


def deliveries(outcome: str = "") -> QuerySet[WebhookDelivery]:
    rows = WebhookDelivery.objects.defer("body", "headers").order_by("-received_at", "-id")
    if outcome == FAILURES:
        return rows.filter(outcome__in=FAILURE_OUTCOMES)
    if outcome:
        return rows.filter(outcome=outcome)
    return rows


def outcome_counts() -> dict[str, int]:
    rows = WebhookDelivery.objects.order_by().values("outcome").annotate(count=Count("id"))
    return {row["outcome"]: row["count"] for row in rows}


@dataclass(frozen=True)
class DeliveryHealth:
    total: int
    failures: int
    since: dt.datetime


# The dashboard's "last 24 h" figure, shared through Django's cache like the order
# book's summary (orders/summary.py) and for as long: at 306,000 deliveries its count
# cost 7-9 ms on every list page and live poll.
HEALTH_MAX_AGE = dt.timedelta(seconds=3)
HEALTH_CACHE_KEY = "webhooks:delivery-health:v1"


def delivery_health(since: dt.datetime) -> DeliveryHealth:
    """Webhook deliveries received since ``since``, and how many failed or were rejected.
    A figure counted for a window starting at most ``HEALTH_MAX_AGE`` earlier is reused."""
    with contextlib.suppress(Exception):  # an unreachable cache costs the count only
        cached = cache.get(HEALTH_CACHE_KEY)
        if isinstance(cached, DeliveryHealth) and since - HEALTH_MAX_AGE <= cached.since <= since:
            return cached
    counts = WebhookDelivery.objects.filter(received_at__gte=since).aggregate(
        total=Count("id"), failures=Count("id", filter=Q(outcome__in=FAILURE_OUTCOMES))
    )
    health = DeliveryHealth(total=counts["total"], failures=counts["failures"], since=since)
    with contextlib.suppress(Exception):
        cache.set(HEALTH_CACHE_KEY, health, HEALTH_MAX_AGE.total_seconds())
    return health


@dataclass(frozen=True)
class OrderDeliveries:
    """The deliveries of one order, for its page."""

    recent: list[WebhookDelivery]
    # Duplicate deliveries per event type: recorded once, they changed nothing.
    duplicates: dict[str, int]
    # OrderEvent pk -> the delivery that brought it.
    producers: dict[int, int]

    @property
    def duplicate_total(self) -> int:
        return sum(self.duplicates.values())


def order_deliveries(
    order: Order, events: Sequence[OrderEvent], *, limit: int = 20
) -> OrderDeliveries:
    """Three queries, however many events and deliveries the order has."""
    mine = WebhookDelivery.objects.filter(order_id=order.printora_order_id)
    duplicates = dict(
        mine.filter(outcome=Outcome.DUPLICATE)
        .order_by()
        .values("event_type")
        .annotate(count=Count("id"))
        .values_list("event_type", "count")
    )
    recent = list(mine.defer("body", "headers")[:limit])
    producers: dict[int, int] = {}
    if events:
        links = WebhookDelivery.objects.filter(order_event__in=[e.pk for e in events])
        producers = {
            event_id: pk
            for event_id, pk in links.values_list("order_event_id", "pk")
            if event_id is not None
        }
    return OrderDeliveries(recent, duplicates, producers)
