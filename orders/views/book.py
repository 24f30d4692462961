"""/dashboard/ (the orders table, its summary and chips) and /dashboard/live/ (its updates)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags
from django.views.decorators.http import require_safe

from orders import extensions, pages, selectors, summary
from orders.decorators import dashboard_access
from orders.filters import SORT_LABELS, filter_query, parse_order_filters
from orders.rows import order_row
from orders.templatetags.dashboard import iso_timestamp

ORDERS_PER_PAGE = 25
# The live endpoint re-reads this much before the cursor, so a change committed a
# moment after a later one (two workers, one slower transaction) is not skipped.
# The browser skips rows it already shows (same `updated`), and the ETag turns
# an unchanged answer into a 304.
LIVE_OVERLAP = dt.timedelta(seconds=5)
LIVE_LIMIT = 200
LIVE_POLL_MS = 4000
# After a change, polls keep carrying the summary this long, even without rows: the
# one sent with the change may have been up to SUMMARY_MAX_AGE old.
SUMMARY_RESEND = dt.timedelta(seconds=summary.SUMMARY_MAX_AGE + LIVE_POLL_MS / 1000)
# The summary strip's figures from other apps (webhook health...) cover this much.
SUMMARY_WINDOW = dt.timedelta(hours=24)


@dashboard_access
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    filters, notes = parse_order_filters(request.GET)
    filters = selectors.resolve_search(filters)
    book = summary.book_summary()
    counts = book.counts
    chip_counts = selectors.status_counts(filters) if filters.narrowed else counts
    # The chips already counted the matching orders: the paginator needs no COUNT(*).
    matching = chip_counts.by_status.get(filters.status, 0) if filters.status else None
    page = pages.paginate(
        request,
        selectors.order_rows(filters),
        ORDERS_PER_PAGE,
        notes,
        known_count=chip_counts.total if matching is None else matching,
    )

    def page_url(number: int) -> str:
        return "?" + filter_query(filters, page=number if number > 1 else None)

    now = timezone.now()
    context = pages.context(
        request,
        "orders",
        filters=filters,
        notes=notes,
        counts=counts,
        chips=_chips(filters, chip_counts),
        all_chip_url="?" + filter_query(filters, status=None),
        chip_total=chip_counts.total,
        revenue=book.revenue,
        summary_panels=extensions.summaries(now - SUMMARY_WINDOW),
        page=page,
        orders=page.object_list,
        order_rows=[order_row(order) for order in page.object_list],
        page_links=pages.page_links(page, page_url),
        sorts=SORT_LABELS.items(),
        export_query=filter_query(filters),
        live_query=filter_query(filters, sort=None),
        cursor=iso_timestamp(counts.latest_update or now),
        # New rows go on top only where new orders belong: newest first, first page.
        live_insert=filters.sort == selectors.DEFAULT_SORT and page.number == 1,
        poll_ms=LIVE_POLL_MS,
    )
    return render(request, "orders/dashboard.html", context)


def _chips(
    filters: selectors.OrderFilters, counts: selectors.StatusCounts
) -> list[dict[str, object]]:
    chips = counts.chips()
    for chip in chips:
        chip["url"] = "?" + filter_query(filters, status=chip["status"])
        chip["current"] = chip["status"] == filters.status
    return chips


def _parse_cursor(raw: str) -> dt.datetime:
    raw = raw.strip().replace(" ", "+")  # a '+' that arrived unencoded reads as a space
    if len(raw) > 40:
        raise ValueError("too long for a timestamp")
    if raw.endswith(("Z", "z")):
        raw = raw[:-1] + "+00:00"
    moment = dt.datetime.fromisoformat(raw)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, dt.UTC)
    # In UTC, so a time that exists only in its own zone (9999-12-31T23:59:59-12:00
    # is year 10000 in UTC) is refused here (OverflowError) rather than later.
    return moment.astimezone(dt.UTC)


@dashboard_access
@require_safe
def live(request: HttpRequest) -> HttpResponse:
    """Orders changed since ``since`` (an ISO timestamp, the ``cursor`` of the last
    answer), as table rows rendered here; 304 when the answer would be the same."""
    filters, _ = parse_order_filters(request.GET)
    filters = selectors.resolve_search(filters)
    raw_since = request.GET.get("since", "")
    if raw_since.strip():
        try:
            since = _parse_cursor(raw_since)
            window_start = since - LIVE_OVERLAP
        except (ValueError, OverflowError):
            return JsonResponse({"error": "since must be an ISO 8601 timestamp"}, status=400)
        rows: list[selectors.ChangedOrder] = selectors.changed_orders(
            since=window_start, filters=filters, limit=LIVE_LIMIT + 1
        )
    else:
        # No cursor yet: only hand one out.
        since = window_start = selectors.latest_update() or timezone.now()
        rows = []
    # Rows come oldest first; beyond the limit the oldest are dropped. Only a dropped
    # change after the cursor is a loss (the overlap's rows were sent before).
    dropped, rows = rows[:-LIVE_LIMIT], rows[-LIVE_LIMIT:]
    truncated = any(row.updated > since for row in dropped)
    cursor = max([since, *(row.updated for row in rows)])
    # Just after a change the summary may still be catching up (it is up to
    # SUMMARY_MAX_AGE old): it is part of the answer, and of its ETag. Later, a poll
    # costs one query and answers 304.
    recent = timezone.now() - cursor < SUMMARY_RESEND
    book = summary.book_summary() if recent else None
    fingerprint = "|".join(
        [filter_query(filters), iso_timestamp(since), iso_timestamp(cursor), str(truncated)]
        + [f"{row.pk}:{iso_timestamp(row.updated)}:{int(row.matches)}" for row in rows]
        + ([repr((book.counts.by_status, book.revenue))] if book else [])
    )
    etag = '"' + hashlib.sha256(fingerprint.encode()).hexdigest()[:32] + '"'

    response: HttpResponse
    if _etag_matches(request.headers.get("If-None-Match", ""), etag):
        response = HttpResponse(status=304)
    else:
        orders: list[dict[str, object]] = []
        for row in rows:
            html = order_row(row)
            orders.append(
                {
                    "id": row.printora_order_id,
                    "updated": iso_timestamp(row.updated),
                    "matches": bool(row.matches),
                    # Created inside the window: a new order, which belongs on top of a
                    # newest-first table. An old order that changed is only updated
                    # where it is shown.
                    "new": row.created > window_start,
                    "created": iso_timestamp(row.created),
                    "html": html.strip(),
                }
            )
        payload: dict[str, Any] = {
            "cursor": iso_timestamp(cursor),
            "truncated": truncated,
            "orders": orders,
        }
        if rows or book is not None:
            book = book or summary.book_summary()
            payload["summary"] = _summary_fragments(request, filters, book)
        response = JsonResponse(payload)
    response["ETag"] = etag
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response


def _etag_matches(header: str, etag: str) -> bool:
    """If-None-Match uses the weak comparison: W/"x" matches "x"."""
    if header.strip() == "*":
        return True
    return any(tag.removeprefix("W/") == etag for tag in parse_etags(header))


def _summary_fragments(
    request: HttpRequest, filters: selectors.OrderFilters, book: summary.BookSummary
) -> dict[str, str]:
    counts = book.counts
    chip_counts = selectors.status_counts(filters) if filters.narrowed else counts
    context = pages.context(
        request,
        "orders",
        filters=filters,
        counts=counts,
        revenue=book.revenue,
        summary_panels=extensions.summaries(timezone.now() - SUMMARY_WINDOW),
        chips=_chips(filters, chip_counts),
        all_chip_url="?" + filter_query(filters, status=None),
        chip_total=chip_counts.total,
    )
    return {
        "strip": render_to_string("orders/_summary.html", context, request).strip(),
        "chips": render_to_string("orders/_chips.html", context, request).strip(),
    }
