"""The webhook log on the dashboard: /dashboard/webhooks/ (list, detail, replay), and
what the log adds to the dashboard's other pages through ``orders.extensions``
(a tab, the last day's health in the summary strip, the deliveries of an order).

Printora's side of the log is here too: its delivery log (fetched live, with a
short timeout) beside ours, "Retry" for a delivery it gave up on, and "Ask
Printora to resend" an order's event from the order page. Those go through
``printora_client`` (``dreamcanvas.printora``), are for staff, and turn any
Printora error into a sentence on the page.

The pages are built with the dashboard's own helpers (``orders.pages``) and its
access rules (``orders.decorators``): webhooks depends on orders, never the reverse.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlencode

from django.contrib import messages
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe
from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError, field_validator

from dreamcanvas.http import first_validation_error, pretty_json_text, reverse_or_none
from dreamcanvas.printora import get_client, get_quick_client
from orders import extensions, pages
from orders.decorators import dashboard_access, is_staff, staff_required
from orders.extensions import Link, OrderPageFacts, Panel, Tab
from orders.models import Order, OrderEvent
from printora_client import PrintoraError
from printora_client.events import EVENT_NAMES
from printora_client.models import WebhookLog
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
    printora_status = request.GET.get("printora", "").strip()
    if printora_status and printora_status not in PRINTORA_STATUSES:
        notes.append(f"Unknown Printora status “{printora_status[:40]}” ignored.")
        printora_status = ""
    page = pages.paginate(request, selectors.deliveries(outcome), DELIVERIES_PER_PAGE, notes)
    counts = selectors.outcome_counts()

    def query(**values: object) -> str:
        merged = {"outcome": outcome, "printora": printora_status, **values}
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
        printora=printora_log(printora_status),
        printora_chips=[
            {
                "label": label,
                "url": query(printora=value, page=None),
                "current": value == printora_status,
            }
            for value, label in [("", "All"), *((v, v.capitalize()) for v in PRINTORA_STATUSES)]
        ],
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


# --- Printora's side: its log, retry and resend ------------------------------------

PRINTORA_LOG_SIZE = 20
PRINTORA_STATUSES = ("pending", "sent", "failed", "retrying")
# What a call to Printora may raise: its errors, or (ValueError, TypeError) no usable
# API key or URL configured to build a client with. Shown as a sentence, never a 500.
PRINTORA_FAILURES = (PrintoraError, ValueError, TypeError)


class HttpResponseSeeOther(HttpResponseRedirect):
    status_code = 303


@dataclass(frozen=True)
class PrintoraLogRow:
    log: WebhookLog
    reply: int | None  # the HTTP status our receiver last answered


@dataclass(frozen=True)
class PrintoraLog:
    rows: Sequence[PrintoraLogRow]
    total: int | None
    status: str
    error: str | None = None


def printora_log(status: str) -> PrintoraLog:
    """The newest deliveries in Printora's log; if Printora cannot say, why (a sentence)."""
    try:
        page = get_quick_client().list_webhook_logs(limit=PRINTORA_LOG_SIZE, status=status or None)
    except PRINTORA_FAILURES as exc:
        return PrintoraLog([], None, status, error=_sentence(exc))
    rows = [PrintoraLogRow(log, _last_reply(log)) for log in page.logs]
    return PrintoraLog(rows, page.total, status)


def _last_reply(log: WebhookLog) -> int | None:
    # responseStatus in the contract; the sandbox (and some documents) say lastStatusCode.
    extra = log.model_extra or {}
    value = log.response_status or extra.get("lastStatusCode") or extra.get("last_status_code")
    return value if isinstance(value, int) else None


def _sentence(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if text.endswith(".") else text + "."


@require_POST
@dashboard_access
@staff_required
def retry_printora(request: HttpRequest) -> HttpResponse:
    """Ask Printora to deliver one of its logged webhooks again."""
    log_id = request.POST.get("log_id", "").strip()
    if not log_id or len(log_id) > 100:
        return HttpResponseBadRequest("log_id is required", content_type="text/plain")
    try:
        reply = get_client().retry_webhook_log(log_id)
    except PRINTORA_FAILURES as exc:
        messages.error(request, f"Printora did not retry its delivery {log_id}: {_sentence(exc)}")
    else:
        event = reply.get("eventType") or reply.get("event_type") or "the event"
        messages.success(
            request,
            f"Printora is delivering {event} again (its delivery {log_id}); "
            "it appears in our log below when it arrives.",
        )
    return HttpResponseSeeOther(reverse("deliveries:list"))


class ResendInput(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True, extra="ignore")

    order_id: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    event_type: str

    @field_validator("event_type")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in EVENT_NAMES:
            raise ValueError("must be one of " + ", ".join(EVENT_NAMES))
        return value


@require_POST
@dashboard_access
@staff_required
def resend(request: HttpRequest) -> HttpResponse:
    """Ask Printora to send an order's event again; it arrives as a new delivery."""
    try:
        wanted = ResendInput.model_validate(request.POST.dict())
    except ValidationError as exc:
        return HttpResponseBadRequest(first_validation_error(exc)[1], content_type="text/plain")
    order = get_object_or_404(Order, printora_order_id=wanted.order_id)
    try:
        reply = get_client().resend_webhook(
            event_type=wanted.event_type, order_id=order.printora_order_id
        )
    except PRINTORA_FAILURES as exc:
        messages.error(request, f"Printora did not resend {wanted.event_type}: {_sentence(exc)}")
    else:
        delivery = reply.get("id")
        messages.success(
            request,
            f"Printora will send {wanted.event_type} again"
            + (f" (its delivery {delivery})" if delivery is not None else "")
            + ". It shows under Webhook deliveries as a duplicate once it arrives.",
        )
    back = reverse_or_none("orders:order", order.printora_order_id)
    return HttpResponseSeeOther(back or reverse("orders:dashboard"))


# --- What the webhook log adds to the dashboard's other pages ---------------------


def health_panel(since: dt.datetime) -> Panel:
    return Panel("webhooks/_health.html", {"health": selectors.delivery_health(since)})


def order_page_facts(order: Order, events: Sequence[OrderEvent]) -> OrderPageFacts:
    found = selectors.order_deliveries(order, events)
    links = {
        event_id: Link(reverse("deliveries:detail", args=[pk]), f"delivery #{pk}")
        for event_id, pk in found.producers.items()
    }
    # Offer to resend the events the order has had, the latest first.
    kinds = list(
        dict.fromkeys(e.event_type for e in reversed(events) if e.event_type in EVENT_NAMES)
    )
    context = {
        "deliveries": found,
        "order_id": order.printora_order_id,
        "resend_events": kinds or list(EVENT_NAMES),
    }
    return OrderPageFacts(
        side=[Panel("webhooks/_order_deliveries.html", context)],
        event_links=links,
        duplicates=found.duplicates,
    )


def register() -> None:
    """Called from ``WebhooksConfig.ready()``."""
    extensions.register_tab(Tab("Webhook deliveries", "deliveries:list", SECTION))
    extensions.register_summary("webhooks", health_panel)
    extensions.register_order_page("webhooks", order_page_facts)
