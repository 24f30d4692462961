"""The orders dashboard: the order book, its live updates, order pages, webhook
deliveries and the CSV export.

Views parse and validate the query string, call ``orders.selectors`` (read-only)
or ``webhooks.services.replay`` (the one action), and render. A bad query
parameter is ignored with a note on the page, never a 500.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from collections.abc import Iterator, Mapping
from decimal import Decimal
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.paginator import EmptyPage, Page, Paginator
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags
from django.views.decorators.http import require_POST, require_safe

from dreamcanvas.context_processors import reverse_or_none
from orders import selectors
from orders.decorators import dashboard_access, is_staff, staff_required
from orders.models import Order, OrderStatus
from orders.templatetags.dashboard import iso_timestamp
from webhooks import services as webhooks
from webhooks.models import Outcome, WebhookDelivery

ORDERS_PER_PAGE = 25
DELIVERIES_PER_PAGE = 50
MAX_QUERY_LENGTH = 200
# The live endpoint re-reads this much before the cursor, so a change committed a
# moment after a later one (two workers, one slower transaction) is not skipped.
# The browser skips rows it already shows (same `updated`), and the ETag turns
# an unchanged answer into a 304.
LIVE_OVERLAP = dt.timedelta(seconds=5)
LIVE_LIMIT = 200
LIVE_POLL_MS = 4000
SORT_LABELS = {
    "-created": "Newest first",
    "created": "Oldest first",
    "-total": "Highest total",
    "total": "Lowest total",
}
STATUS_VALUES = set(OrderStatus.values)
OUTCOME_VALUES = {*Outcome.values, selectors.FAILURES}


# --- Query-string parsing -------------------------------------------------------------


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
        status=status, q=q, date_from=date_from, date_to=date_to, sort=sort
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
        "from": filters.date_from.isoformat() if filters.date_from else "",
        "to": filters.date_to.isoformat() if filters.date_to else "",
        "sort": "" if filters.sort == selectors.DEFAULT_SORT else filters.sort,
    }
    values.update(overrides)
    return urlencode({key: value for key, value in values.items() if value not in ("", None)})


class _Paginator(Paginator):
    def __init__(self, *args, known_count: int | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if known_count is not None:
            self.__dict__["count"] = known_count  # fills the cached_property: no COUNT(*)


def paginate(
    request: HttpRequest, rows, per_page: int, notes: list[str], known_count: int | None = None
) -> Page:
    paginator = _Paginator(rows, per_page, known_count=known_count)
    raw = request.GET.get("page", "").strip()
    number = 1
    if raw:
        try:
            number = int(raw)
            if number < 1:
                raise ValueError
        except ValueError:
            notes.append(f"Page “{raw[:20]}” is not a page number: showing the first page.")
            number = 1
    try:
        return paginator.page(number)
    except EmptyPage:
        notes.append(f"There is no page {number}: showing the last page.")
        return paginator.page(paginator.num_pages)


def _page_links(page: Page, query_for) -> dict:
    """Previous/next and a short window of page numbers, each a URL keeping the filters."""
    paginator = page.paginator
    numbers = paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    return {
        "previous": query_for(page.previous_page_number()) if page.has_previous() else None,
        "next": query_for(page.next_page_number()) if page.has_next() else None,
        "numbers": [
            {
                "number": n,
                "url": None if n == paginator.ELLIPSIS else query_for(n),
                "current": n == page.number,
            }
            for n in numbers
        ],
    }


def _context(request: HttpRequest, section: str, **values) -> dict:
    receiver = reverse_or_none("webhooks:receive")
    return {
        "section": section,
        "dashboard_public": settings.DASHBOARD_PUBLIC,
        "is_staff": is_staff(request),
        "sync_url": reverse_or_none("orders:sync"),
        "gallery_url": reverse_or_none("gallery:index"),
        "webhook_url": settings.APP_URL.rstrip("/") + receiver if receiver else None,
        **values,
    }


# --- Orders -------------------------------------------------------------------------


@dashboard_access
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    filters, notes = parse_order_filters(request.GET)
    book = selectors.book_summary()
    counts = book.counts
    chip_counts = selectors.status_counts(filters) if filters.narrowed else counts
    # The chips already counted the matching orders: the paginator needs no COUNT(*).
    matching = chip_counts.by_status.get(filters.status, 0) if filters.status else None
    page = paginate(
        request,
        selectors.order_rows(filters),
        ORDERS_PER_PAGE,
        notes,
        known_count=chip_counts.total if matching is None else matching,
    )

    def page_url(number: int) -> str:
        return "?" + filter_query(filters, page=number if number > 1 else None)

    now = timezone.now()
    context = _context(
        request,
        "orders",
        filters=filters,
        notes=notes,
        counts=counts,
        chips=_chips(filters, chip_counts),
        all_chip_url="?" + filter_query(filters, status=None),
        chip_total=chip_counts.total,
        revenue=book.revenue,
        health=selectors.delivery_health(now - dt.timedelta(hours=24)),
        page=page,
        orders=page.object_list,
        page_links=_page_links(page, page_url),
        sorts=SORT_LABELS.items(),
        export_query=filter_query(filters),
        live_query=filter_query(filters, sort=None),
        cursor=iso_timestamp(counts.latest_update or now),
        # New rows go on top only where new orders belong: newest first, first page.
        live_insert=filters.sort == selectors.DEFAULT_SORT and page.number == 1,
        poll_ms=LIVE_POLL_MS,
    )
    return render(request, "orders/dashboard.html", context)


def _chips(filters: selectors.OrderFilters, counts: selectors.StatusCounts) -> list[dict]:
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
    return moment


@dashboard_access
@require_safe
def live(request: HttpRequest) -> HttpResponse:
    """Orders changed since ``since`` (an ISO timestamp, the ``cursor`` of the last
    answer), as table rows rendered here; 304 when the answer would be the same."""
    filters, _ = parse_order_filters(request.GET)
    raw_since = request.GET.get("since", "")
    if raw_since.strip():
        try:
            since = _parse_cursor(raw_since)
            window_start = since - LIVE_OVERLAP
        except (ValueError, OverflowError):
            return JsonResponse({"error": "since must be an ISO 8601 timestamp"}, status=400)
        rows = selectors.changed_orders(since=window_start, filters=filters, limit=LIVE_LIMIT + 1)
    else:
        # No cursor yet: only hand one out.
        since = window_start = selectors.latest_update() or timezone.now()
        rows = []
    # Rows come oldest first; beyond the limit the oldest are dropped. Only a dropped
    # change after the cursor is a loss (the overlap's rows were sent before).
    dropped, rows = rows[:-LIVE_LIMIT], rows[-LIVE_LIMIT:]
    truncated = any(row.updated > since for row in dropped)
    cursor = max([since, *(row.updated for row in rows)])
    fingerprint = "|".join(
        [filter_query(filters), iso_timestamp(since), iso_timestamp(cursor), str(truncated)]
        + [f"{row.pk}:{iso_timestamp(row.updated)}:{int(row.matches)}" for row in rows]
    )
    etag = '"' + hashlib.sha256(fingerprint.encode()).hexdigest()[:32] + '"'

    if _etag_matches(request.headers.get("If-None-Match", ""), etag):
        response = HttpResponse(status=304)
    else:
        payload: dict = {"cursor": iso_timestamp(cursor), "truncated": truncated, "orders": []}
        for row in rows:
            html = render_to_string("orders/_row.html", {"order": row}, request)
            payload["orders"].append(
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
        if rows:
            payload["summary"] = _summary_fragments(request, filters)
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


def _summary_fragments(request: HttpRequest, filters: selectors.OrderFilters) -> dict:
    book = selectors.book_summary()
    counts = book.counts
    chip_counts = selectors.status_counts(filters) if filters.narrowed else counts
    context = _context(
        request,
        "orders",
        filters=filters,
        counts=counts,
        revenue=book.revenue,
        health=selectors.delivery_health(timezone.now() - dt.timedelta(hours=24)),
        chips=_chips(filters, chip_counts),
        all_chip_url="?" + filter_query(filters, status=None),
        chip_total=chip_counts.total,
    )
    return {
        "strip": render_to_string("orders/_summary.html", context, request).strip(),
        "chips": render_to_string("orders/_chips.html", context, request).strip(),
    }


@dashboard_access
@require_safe
def order(request: HttpRequest, order_id: str) -> HttpResponse:
    if "\x00" in order_id:  # PostgreSQL refuses NUL in text: no such order
        raise Http404("No such order.")
    found = get_object_or_404(Order, printora_order_id=order_id)
    detail = selectors.order_detail(found)
    context = _context(
        request,
        "orders",
        order=found,
        detail=detail,
        address=_address_lines(found.shipping_address),
    )
    return render(request, "orders/order_detail.html", context)


def _address_lines(address: Mapping) -> list[str]:
    if not isinstance(address, Mapping):
        return []

    def part(*keys: str) -> str:
        for key in keys:
            value = address.get(key)
            if value not in (None, ""):
                return str(value)
        return ""

    name = " ".join(
        p for p in (part("firstName", "first_name"), part("lastName", "last_name")) if p
    )
    street = ", ".join(p for p in (part("street"), part("apartment")) if p)
    region = " ".join(p for p in (part("state"), part("zipCode", "zip_code")) if p)
    city = ", ".join(p for p in (part("city"), region) if p)
    return [line for line in (name, street, city, part("country")) if line]


# --- CSV export ---------------------------------------------------------------------

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    """A file-like object whose write returns the line, for csv.writer."""

    def write(self, value: str) -> str:
        return value


def csv_cell(value: object) -> object:
    """A cell a spreadsheet will not run: text starting like a formula gets a quote."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return iso_timestamp(value)
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _csv_lines(filters: selectors.OrderFilters) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow([name for name, _ in selectors.EXPORT_COLUMNS])
    for row in selectors.export_rows(filters):
        yield writer.writerow([csv_cell(value) for value in row])


@dashboard_access
@require_safe
def export(request: HttpRequest) -> StreamingHttpResponse:
    filters, _ = parse_order_filters(request.GET)
    response = StreamingHttpResponse(_csv_lines(filters), content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    response["Content-Disposition"] = f'attachment; filename="orders-{stamp}.csv"'
    patch_cache_control(response, private=True, no_store=True)
    return response


# --- Webhook deliveries --------------------------------------------------------------


@dashboard_access
@require_safe
def deliveries(request: HttpRequest) -> HttpResponse:
    notes: list[str] = []
    outcome = request.GET.get("outcome", "").strip()
    if outcome and outcome not in OUTCOME_VALUES:
        notes.append(f"Unknown outcome “{outcome[:40]}” ignored: showing every delivery.")
        outcome = ""
    page = paginate(request, selectors.deliveries(outcome), DELIVERIES_PER_PAGE, notes)
    counts = selectors.outcome_counts()

    def query(**values: object) -> str:
        merged = {"outcome": outcome, **values}
        return "?" + urlencode({k: v for k, v in merged.items() if v not in ("", None)})

    chips = [
        {
            "value": selectors.FAILURES,
            "label": "Failures",
            "count": sum(counts.get(o, 0) for o in selectors.FAILURE_OUTCOMES),
            "url": query(outcome=selectors.FAILURES),
            "current": outcome == selectors.FAILURES,
            "alert": True,
        }
    ] + [
        {
            "value": value,
            "label": label,
            "count": counts.get(value, 0),
            "url": query(outcome=value),
            "current": outcome == value,
            "alert": False,
        }
        for value, label in Outcome.choices
    ]
    context = _context(
        request,
        "deliveries",
        notes=notes,
        outcome=outcome,
        chips=chips,
        all_chip_url=query(outcome=None),
        total=sum(counts.values()),
        page=page,
        deliveries=page.object_list,
        page_links=_page_links(page, lambda n: query(page=n if n > 1 else None)),
    )
    return render(request, "orders/deliveries.html", context)


@dashboard_access
@require_safe
def delivery(request: HttpRequest, delivery_id: int) -> HttpResponse:
    found = get_object_or_404(WebhookDelivery.objects.select_related("replay_of"), pk=delivery_id)
    replays = list(found.replays.defer("body", "headers").order_by("-received_at", "-id")[:20])
    order_url = None
    if found.order_id and found.outcome in (Outcome.APPLIED, Outcome.DUPLICATE):
        order_url = reverse_or_none_args("orders:order", found.order_id)
    context = _context(
        request,
        "deliveries",
        delivery=found,
        replays=replays,
        order_url=order_url,
        headers=sorted((found.headers or {}).items()),
        body=_pretty_body(found.body_text),
        can_replay=is_staff(request) and found.replayable,
    )
    return render(request, "orders/delivery_detail.html", context)


def reverse_or_none_args(name: str, *args: str) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:  # an id that no URL can hold: no link
        return None


def _pretty_body(text: str) -> str:
    try:
        return json.dumps(json.loads(text), indent=2, ensure_ascii=False)
    except ValueError:
        return text


@require_POST
@dashboard_access
@staff_required
def replay(request: HttpRequest, delivery_id: int) -> HttpResponse:
    found = get_object_or_404(WebhookDelivery, pk=delivery_id)
    if not found.replayable:
        messages.error(request, "Only verified, complete deliveries can be replayed.")
        return HttpResponseRedirect(reverse("orders:delivery", args=[found.pk]))
    reply = webhooks.replay(found)
    new = reply.delivery
    if new is None:
        messages.error(request, f"Replay refused: {reply.body.get('error', reply.status)}.")
        return HttpResponseRedirect(reverse("orders:delivery", args=[found.pk]))
    text = f"Replayed delivery #{found.pk} as #{new.pk}: {new.outcome} (HTTP {reply.status})."
    if reply.status >= 400:
        messages.error(request, text + (f" {new.detail}" if new.detail else ""))
    else:
        messages.success(request, text)
    return HttpResponseRedirect(reverse("orders:delivery", args=[new.pk]))
