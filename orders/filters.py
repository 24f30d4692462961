"""The orders table's query string: parsed and validated, and written back.

A bad value is ignored with a note for the page, never a 500.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from urllib.parse import urlencode

from orders import selectors
from orders.models import OrderStatus

MAX_QUERY_LENGTH = 200
MAX_CREATOR_LENGTH = 100  # the length of Order.creator_slug and creator_id
SORT_LABELS = {
    "-created": "Newest first",
    "created": "Oldest first",
    "-total": "Highest total",
    "total": "Lowest total",
}
STATUS_VALUES = set(OrderStatus.values)


def parse_order_filters(params: Mapping[str, str]) -> tuple[selectors.OrderFilters, list[str]]:
    """The filters a query string asks for, and a note for each value that was ignored."""
    notes: list[str] = []
    status = params.get("status", "").strip()
    if status and status not in STATUS_VALUES:
        notes.append(f"Unknown status “{status[:40]}” ignored: showing every status.")
        status = ""
    q = params.get("q", "").replace("\x00", "").strip()
    if len(q) > MAX_QUERY_LENGTH:
        notes.append(f"The search was cut to its first {MAX_QUERY_LENGTH} characters.")
        q = q[:MAX_QUERY_LENGTH]
    creator = params.get("creator", "").replace("\x00", "").strip()
    if len(creator) > MAX_CREATOR_LENGTH:
        notes.append(f"The creator was cut to its first {MAX_CREATOR_LENGTH} characters.")
        creator = creator[:MAX_CREATOR_LENGTH]
    date_from = _parse_date(params.get("from", ""), "From", notes)
    date_to = _parse_date(params.get("to", ""), "To", notes)
    if date_from and date_to and date_from > date_to:
        notes.append("“From” was after “To”: the two dates were swapped.")
        date_from, date_to = date_to, date_from
    sort = params.get("sort", "").strip() or selectors.DEFAULT_SORT
    if sort not in selectors.SORTS:
        notes.append(f"Unknown sort “{sort[:40]}” ignored: newest first.")
        sort = selectors.DEFAULT_SORT
    filters = selectors.OrderFilters(
        status=status, q=q, creator=creator, date_from=date_from, date_to=date_to, sort=sort
    )
    return filters, notes


def _parse_date(raw: str, label: str, notes: list[str]) -> dt.date | None:
    raw = raw.strip()
    if not raw:
        return None
    try:
        day = dt.date.fromisoformat(raw)
        # Both ends of the day must exist as aware datetimes.
        selectors.start_of_day(day + dt.timedelta(days=1))
        selectors.start_of_day(day - dt.timedelta(days=1))
    except (ValueError, OverflowError):
        notes.append(f"“{label}” date “{raw[:40]}” is not a date like 2026-03-01: ignored.")
        return None
    return day


def filter_query(filters: selectors.OrderFilters, **overrides: object) -> str:
    """The query string of ``filters`` (defaults left out), with ``overrides`` applied."""
    values: dict[str, object] = {
        "status": filters.status,
        "q": filters.q,
        "creator": filters.creator,
        "from": filters.date_from.isoformat() if filters.date_from else "",
        "to": filters.date_to.isoformat() if filters.date_to else "",
        "sort": "" if filters.sort == selectors.DEFAULT_SORT else filters.sort,
    }
    values.update(overrides)
    return urlencode({key: value for key, value in values.items() if value not in ("", None)})
