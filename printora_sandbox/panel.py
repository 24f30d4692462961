"""The operator panel at /sandbox/: play Printora's side of an order by hand.

It lists the sandbox's sessions, orders and webhook log, and its buttons make
the sandbox do what Printora would: ship, deliver or cancel an order (each
queues the signed webhook), resend an event, send a duplicate of a delivered
webhook, send an order's events out of order, retry a failed delivery. Our
order book learns about all of it only through the receiver, as in production.

Views stay thin: they parse the POST, call ``printora_sandbox.services`` (which
checks under a row lock that the transition is allowed, or refuses) and render.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from printora_sandbox import catalog, dispatcher, partners, services
from printora_sandbox.models import (
    SandboxCreator,
    SandboxMerch,
    SandboxOrder,
    SandboxSession,
    SandboxWebhookLog,
)

SESSION_LIMIT = 30
CREATOR_LIMIT = 30
ORDER_LIMIT = 50
LOG_LIMIT = 100

# The waits before Printora's second to fifth attempts.
RETRY_DELAYS = dispatcher.RETRY_DELAYS[1:]
Refused = services.Refused
T = TypeVar("T")


def timeline(order: SandboxOrder) -> list[tuple[str, datetime]]:
    """``[("created", when), ("paid", when), …]`` for the steps the order went through."""
    return [
        (name.removeprefix("order."), getattr(order, field))
        for name, field in services.EVENT_TIME_FIELDS.items()
        if getattr(order, field)
    ]


# --- What the page shows -------------------------------------------------------------------


@dataclass
class OrderRow:
    order: SandboxOrder
    actions: list[str]
    events: list[str]
    times: list[tuple[str, datetime]]


@dataclass
class SessionRow:
    session: SandboxSession
    status: str  # what the session is now: "expired" once its time ran out


@dataclass
class MerchRow:
    merch: SandboxMerch
    product: str


@dataclass
class CreatorRow:
    creator: SandboxCreator
    partner_name: str
    merch_rows: list[MerchRow]


@dataclass
class LogRow:
    log: SandboxWebhookLog
    attempts: list[dict[str, Any]]
    payload: str
    retryable: bool
    duplicable: bool


def _when(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def _attempts(log: SandboxWebhookLog) -> list[dict[str, Any]]:
    return [{**record, "when": _when(record.get("at"))} for record in log.attempts]


def _pretty(body: str) -> str:
    try:
        return json.dumps(json.loads(body), indent=2, ensure_ascii=False)
    except ValueError:
        return body


def _session_status(session: SandboxSession) -> str:
    open_ = (SandboxSession.Status.PENDING, SandboxSession.Status.ACTIVE)
    if session.status in open_ and session.is_expired():
        return SandboxSession.Status.EXPIRED
    return session.status


def duration(seconds: float) -> str:
    """60 → "1 min", 7200 → "2 h", 0.6 → "0.6 s"."""
    for unit, size in (("h", 3600), ("min", 60)):
        if seconds >= size:
            return f"{seconds / size:g} {unit}"
    return f"{seconds:.3g} s"


def _optional_url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def _product_name(merch: SandboxMerch) -> str:
    product = catalog.catalog_product(merch.product_id)
    return product.name if product else "?"


def _creators() -> list[CreatorRow]:
    return [
        CreatorRow(
            creator=creator,
            partner_name=partners.NAMES.get(creator.partner, creator.partner),
            merch_rows=[MerchRow(m, _product_name(m)) for m in creator.merch.all()],
        )
        for creator in SandboxCreator.objects.prefetch_related("merch")[:CREATOR_LIMIT]
    ]


def panel_context() -> dict[str, Any]:
    sessions = [
        SessionRow(session, _session_status(session))
        for session in SandboxSession.objects.prefetch_related("orders")[:SESSION_LIMIT]
    ]
    orders = SandboxOrder.objects.select_related("session")[:ORDER_LIMIT]
    logs = SandboxWebhookLog.objects.select_related("order")[:LOG_LIMIT]
    return {
        "sessions": sessions,
        "session_total": SandboxSession.objects.count(),
        "creators": _creators(),
        "creator_total": SandboxCreator.objects.count(),
        # A sandbox-only key of a second partner, to try the 403 paths. Never ours.
        "second_partner_key": partners.second_key(),
        "orders": [
            OrderRow(
                order=order,
                actions=services.allowed_actions(order),
                events=services.happened(order),
                times=timeline(order),
            )
            for order in orders
        ],
        "order_total": SandboxOrder.objects.count(),
        "logs": [
            LogRow(
                log=log,
                attempts=_attempts(log),
                payload=_pretty(log.body),
                retryable=log.status in services.RETRYABLE,
                duplicable=log.status == SandboxWebhookLog.Status.SENT,
            )
            for log in logs
        ],
        "log_total": SandboxWebhookLog.objects.count(),
        # Where webhooks go. Never the API key or the webhook secret.
        "webhook_url": settings.SANDBOX_WEBHOOK_URL,
        "retry_delays": [duration(d * settings.SANDBOX_RETRY_SCALE) for d in RETRY_DELAYS],
        "retry_scale": settings.SANDBOX_RETRY_SCALE,
        "gallery_url": _optional_url("gallery:index"),
        "create_session_url": _optional_url("sessions_app:create"),
        "dashboard_url": _optional_url("orders:dashboard"),
        "api_session_path": reverse("printora_sandbox:api-create-session"),
    }


# --- Views ------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "HEAD"])
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "printora_sandbox/panel.html", panel_context())


def _back() -> HttpResponseRedirect:
    # POST-redirect-GET: a reload never repeats the action.
    return HttpResponseRedirect(reverse("printora_sandbox:panel"), status=303)


def _queued(log: SandboxWebhookLog | None) -> str:
    return f" {log.event_type} queued as webhook #{log.pk}." if log else ""


def _found(operation: Callable[..., T], **kwargs: Any) -> T:
    try:
        return operation(**kwargs)
    except ObjectDoesNotExist:
        raise Http404("No such order or webhook in the sandbox") from None


def _order_action(request: HttpRequest, order_id: uuid.UUID, action: str) -> HttpResponseRedirect:
    try:
        order, log = _found(services.transition, order_id=order_id, action=action)
    except Refused as refusal:
        messages.error(request, str(refusal))
        return _back()
    text = f"{order.order_number} is {order.status}."
    if action == "ship":
        text = (
            f"Shipped {order.order_number} with {order.carrier}, tracking {order.tracking_number}."
        )
    messages.success(request, text + _queued(log))
    return _back()


@require_POST
def ship(request: HttpRequest, order_id: uuid.UUID) -> HttpResponse:
    return _order_action(request, order_id, "ship")


@require_POST
def deliver(request: HttpRequest, order_id: uuid.UUID) -> HttpResponse:
    return _order_action(request, order_id, "deliver")


@require_POST
def cancel(request: HttpRequest, order_id: uuid.UUID) -> HttpResponse:
    return _order_action(request, order_id, "cancel")


@require_POST
def resend_event(request: HttpRequest, order_id: uuid.UUID) -> HttpResponse:
    try:
        order, log = _found(
            services.resend, order_id=order_id, event_type=request.POST.get("event_type", "")
        )
    except Refused as refusal:
        messages.error(request, str(refusal))
        return _back()
    messages.success(request, f"Resent for {order.order_number}:" + _queued(log))
    return _back()


@require_POST
def send_out_of_order(request: HttpRequest, order_id: uuid.UUID) -> HttpResponse:
    order, logs = _found(services.out_of_order, order_id=order_id)
    sequence = " → ".join(f"{log.event_type} (#{log.pk})" for log in logs)
    messages.success(request, f"Sending {order.order_number}'s events newest first: {sequence}.")
    return _back()


@require_POST
def send_duplicate(request: HttpRequest, log_id: int) -> HttpResponse:
    try:
        original, copy = _found(services.duplicate, log_id=log_id)
    except Refused as refusal:
        messages.error(request, str(refusal))
        return _back()
    messages.success(
        request,
        f"Sending the same bytes as webhook #{original.pk} again as #{copy.pk}: "
        "your receiver should answer duplicate: true.",
    )
    return _back()


@require_POST
def retry_log(request: HttpRequest, log_id: int) -> HttpResponse:
    try:
        log = _found(services.retry, log_id=log_id)
    except Refused as refusal:
        messages.error(request, str(refusal))
        return _back()
    messages.success(request, f"Retrying webhook #{log.pk} ({log.event_type}) now.")
    return _back()
