"""The dashboard's "Sync with Printora" button."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_POST

from dreamcanvas.http import reverse_or_none
from dreamcanvas.printora import get_client
from orders.decorators import staff_required
from orders.sync import sync_orders

# A web request stays short: at most this many pages (100 orders each) per click.
# `manage.py sync_orders` has no such limit.
SYNC_MAX_PAGES = 5


class HttpResponseSeeOther(HttpResponseRedirect):
    status_code = 303


@require_POST
@staff_required(sign_in_then="orders:dashboard")
def sync(request: HttpRequest) -> HttpResponse:
    """Staff only, whatever DASHBOARD_PUBLIC says: it writes to the order book.
    Anonymous visitors sign in first and come back to the dashboard (this URL
    only answers POST)."""
    summary = sync_orders(client=get_client(), max_pages=SYNC_MAX_PAGES)
    text = "Sync with Printora: " + "; ".join(summary.lines())
    if summary.stopped is not None:
        messages.error(request, f"{text}; {summary.stop_reason}")
    elif summary.errors or summary.truncated:
        messages.warning(request, text)
    else:
        messages.success(request, text)
    return HttpResponseSeeOther(reverse_or_none("orders:dashboard") or "/")
