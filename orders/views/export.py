"""/dashboard/export.csv: the filtered orders as CSV, streamed."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from orders import selectors
from orders.decorators import dashboard_access
from orders.filters import parse_order_filters
from orders.templatetags.dashboard import iso_timestamp

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
    filters = selectors.resolve_search(filters)
    response = StreamingHttpResponse(_csv_lines(filters), content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    response["Content-Disposition"] = f'attachment; filename="orders-{stamp}.csv"'
    patch_cache_control(response, private=True, no_store=True)
    return response
