"""The order book's summary strip (orders per status, revenue per currency), shared
through Django's cache.

The figures are one aggregate over the whole book: a full scan that grows with it
(57-75 ms at 100,000 orders). Every dashboard view and every live update carrying
changes needs them, so the aggregate's few rows (one per status and currency) are
kept in the cache, Redis in production (every worker and host shares one copy), for
``SUMMARY_MAX_AGE`` seconds: less than the live poll's interval (4 s), so a figure is
at most one poll behind. The newest change (the live cursor) is read fresh on every
call. Why a cache and not counters kept in ``apply_event``'s transaction: see
bench/README.md (dashboard, "The summary: a cache, not counters").
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max, Sum

from orders.models import Order
from orders.selectors import PAID_STATUSES, StatusCounts, latest_update

logger = logging.getLogger(__name__)

SUMMARY_MAX_AGE = 3  # seconds
CACHE_KEY = "orders:book-summary:v1"  # change the version when the rows' shape changes


@dataclass(frozen=True)
class Revenue:
    currency: str
    total: Decimal
    orders: int


@dataclass(frozen=True)
class BookSummary:
    counts: StatusCounts
    revenue: list[Revenue]


def book_summary() -> BookSummary:
    """Orders per status, revenue per currency and the newest change, in one query:
    the newest ``updated`` (one probe of its index) when the cache has the aggregate,
    else the aggregate itself (which also gives the newest ``updated``)."""
    rows = _cached_rows()
    if rows is None:
        rows = aggregate()
        with contextlib.suppress(Exception):  # logged by _cached_rows already
            cache.set(CACHE_KEY, rows, SUMMARY_MAX_AGE)
        latest = max((row["latest"] for row in rows if row["latest"]), default=None)
    else:
        latest = latest_update()
    return summary_of(rows, latest)


def aggregate() -> list[dict[str, Any]]:
    """One row per status and currency: count, total, newest ``updated``."""
    rows = (
        Order.objects.order_by()
        .values("status", "currency")
        .annotate(count=Count("id"), total=Sum("total_amount"), latest=Max("updated"))
    )
    return [dict(row) for row in rows]


def summary_of(rows: list[dict[str, Any]], latest: dt.datetime | None) -> BookSummary:
    by_status: dict[str, int] = {}
    revenue: dict[str, list] = {}
    for row in rows:
        by_status[row["status"]] = by_status.get(row["status"], 0) + row["count"]
        if row["status"] in PAID_STATUSES:
            line = revenue.setdefault(row["currency"] or "—", [Decimal("0.00"), 0])
            line[0] += row["total"] or Decimal("0.00")
            line[1] += row["count"]
    return BookSummary(
        counts=StatusCounts(by_status=by_status, latest_update=latest),
        revenue=[Revenue(currency, *revenue[currency]) for currency in sorted(revenue)],
    )


def _cached_rows() -> list[dict[str, Any]] | None:
    try:
        return cache.get(CACHE_KEY)
    except Exception:
        # An unreachable cache costs the aggregate, never the page.
        logger.warning("book summary not cached: the cache is unavailable")
        return None
