"""The webhook log on the dashboard: /dashboard/webhooks/ (list, detail, replay), and
what the log adds to the dashboard's other pages through ``orders.extensions``
(a tab, the last day's health in the summary strip, the deliveries of an order).

The pages are built with the dashboard's own helpers (``orders.pages``) and its
access rules (``orders.decorators``): webhooks depends on orders, never the reverse.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from dreamcanvas.http import pretty_json_text, reverse_or_none
from orders import extensions, pages
from orders.decorators import dashboard_access, is_staff, staff_required
from orders.extensions import Link, OrderPageFacts, Panel, Tab
from orders.models import Order, OrderEvent
from webhooks import selectors, services
from webhooks.models import Outcome, WebhookDelivery

DELIVERIES_PER_PAGE = 50
SECTION = "deliveries"


@dashboard_access
@require_safe
def deliveries(request: HttpRequest) -> HttpResponse:
    notes: list[str] = []
    outcome = request.GET.get("outcome", "").strip()
    if outcome and outcome not in selectors.OUTCOME_VALUES:
        notes.append(f"Unknown outcome “{outcome[:40]}” ignored: showing every delivery.")
        outcome = ""
    page = pages.paginate(request, selectors.deliveries(outcome), DELIVERIES_PER_PAGE, notes)
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
    context = pages.context(
        request,
        SECTION,
        notes=notes,
        outcome=outcome,
        chips=chips,
        all_chip_url=query(outcome=None),
        total=sum(counts.values()),
        page=page,
        deliveries=page.object_list,
        page_links=pages.page_links(page, lambda n: query(page=n if n > 1 else None)),
    )
    return render(request, "webhooks/deliveries.html", context)


@dashboard_access
@require_safe
def delivery(request: HttpRequest, delivery_id: int) -> HttpResponse:
    found = get_object_or_404(WebhookDelivery.objects.select_related("replay_of"), pk=delivery_id)
    replays = list(found.replays.defer("body", "headers").order_by("-received_at", "-id")[:20])
    order_url = None
    if found.order_id and found.outcome in (Outcome.APPLIED, Outcome.DUPLICATE):
        order_url = reverse_or_none("orders:order", found.order_id)
    context = pages.context(
        request,
        SECTION,
        delivery=found,
        replays=replays,
        order_url=order_url,
        headers=sorted((found.headers or {}).items()),
        body=pretty_json_text(found.body_text),
        can_replay=is_staff(request) and found.replayable,
    )
    return render(request, "webhooks/delivery_detail.html", context)


@require_POST
@dashboard_access
@staff_required
def replay(request: HttpRequest, delivery_id: int) -> HttpResponse:
    found = get_object_or_404(WebhookDelivery, pk=delivery_id)
    if not found.replayable:
        messages.error(request, "Only verified, complete deliveries can be replayed.")
        return HttpResponseRedirect(reverse("deliveries:detail", args=[found.pk]))
    reply = services.replay(found)
    new = reply.delivery
    if new is None:
        messages.error(request, f"Replay refused: {reply.body.get('error', reply.status)}.")
        return HttpResponseRedirect(reverse("deliveries:detail", args=[found.pk]))
    text = f"Replayed delivery #{found.pk} as #{new.pk}: {new.outcome} (HTTP {reply.status})."
    if reply.status >= 400:
        messages.error(request, text + (f" {new.detail}" if new.detail else ""))
    else:
        messages.success(request, text)
    return HttpResponseRedirect(reverse("deliveries:detail", args=[new.pk]))


# --- What the webhook log adds to the dashboard's other pages ---------------------


def health_panel(since: dt.datetime) -> Panel:
    return Panel("webhooks/_health.html", {"health": selectors.delivery_health(since)})


def order_page_facts(order: Order, events: Sequence[OrderEvent]) -> OrderPageFacts:
    found = selectors.order_deliveries(order, events)
    links = {
        event_id: Link(reverse("deliveries:detail", args=[pk]), f"delivery #{pk}")
        for event_id, pk in found.producers.items()
    }
    return OrderPageFacts(
        side=[Panel("webhooks/_order_deliveries.html", {"deliveries": found})],
        event_links=links,
        duplicates=found.duplicates,
    )


def register() -> None:
    """Called from ``WebhooksConfig.ready()``."""
    extensions.register_tab(Tab("Webhook deliveries", "deliveries:list", SECTION))
    extensions.register_summary("webhooks", health_panel)
    extensions.register_order_page("webhooks", order_page_facts)
