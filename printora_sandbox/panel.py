"""The operator panel at /sandbox/: play Printora's side of an order by hand.

It lists the sandbox's sessions, orders and webhook log, and its buttons make
the sandbox do what Printora would: ship, deliver or cancel an order (each
queues the signed webhook), resend an event, send a duplicate of a delivered
webhook, send an order's events out of order, retry a failed delivery. Our
order book learns about all of it only through the receiver, as in production.

Views stay thin: the small guarded operations below check that a transition is
allowed (under a row lock) and then call ``printora_sandbox.services``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from printora_sandbox import dispatcher, events, services
from printora_sandbox.models import SandboxOrder, SandboxSession, SandboxWebhookLog

SESSION_LIMIT = 30
ORDER_LIMIT = 50
LOG_LIMIT = 100

Status = SandboxOrder.Status

# The waits before Printora's second to fifth attempts.
RETRY_DELAYS = dispatcher.RETRY_DELAYS[1:]
# Which order statuses each operator action may start from. ``cancelled`` ends
# an order that is not yet delivered (DESIGN.md's state machine).
TRANSITIONS: dict[str, tuple[tuple[str, ...], Any, str]] = {
    # action: (allowed from, service, past tense)
    "ship": ((Status.PAID,), services.ship_order, "shipped"),
    "deliver": ((Status.SHIPPED,), services.deliver_order, "delivered"),
    "cancel": ((Status.PENDING, Status.PAID, Status.SHIPPED), services.cancel_order, "cancelled"),
}
RETRYABLE = (
    SandboxWebhookLog.Status.FAILED,
    SandboxWebhookLog.Status.PENDING,
    SandboxWebhookLog.Status.RETRYING,
)
# The moment each event happened, on the sandbox order.
EVENT_TIMES = (
    ("order.created", "created_at"),
    ("order.paid", "paid_at"),
    ("order.shipped", "shipped_at"),
    ("order.delivered", "delivered_at"),
    ("order.cancelled", "cancelled_at"),
)


class Refused(Exception):
    """The operator asked for something the order's state does not allow; nothing changed."""


# --- Guarded operations (the panel's only writes) ----------------------------------------


def _locked_order(order_id) -> SandboxOrder:
    return get_object_or_404(
        SandboxOrder.objects.select_for_update().select_related("session"), pk=order_id
    )


def _latest_log(order: SandboxOrder) -> SandboxWebhookLog | None:
    return order.webhook_logs.order_by("-id").first()


def happened(order: SandboxOrder) -> list[str]:
    """The event types that really happened to ``order``, oldest first."""
    return [kind for kind, attribute in EVENT_TIMES if getattr(order, attribute)]


def timeline(order: SandboxOrder) -> list[tuple[str, datetime]]:
    """``[("created", when), ("paid", when), …]`` for the steps the order went through."""
    return [
        (kind.removeprefix("order."), getattr(order, attribute))
        for kind, attribute in EVENT_TIMES
        if getattr(order, attribute)
    ]


def allowed_actions(order: SandboxOrder) -> list[str]:
    return [name for name, (start, _, _) in TRANSITIONS.items() if order.status in start]


def _either(words: tuple[str, ...]) -> str:
    """("pending", "paid", "shipped") → "pending, paid or shipped"."""
    return " or ".join(filter(None, [", ".join(words[:-1]), words[-1]]))


@transaction.atomic
def transition(order_id, action: str) -> tuple[SandboxOrder, SandboxWebhookLog | None]:
    """Ship, deliver or cancel the order if its status allows it; queue the webhook."""
    allowed_from, operation, done = TRANSITIONS[action]
    order = _locked_order(order_id)
    if order.status not in allowed_from:
        starts = _either(allowed_from)
        raise Refused(
            f"Cannot {action} {order.order_number}: it is {order.status}, and only a "
            f"{starts} order can be {done}. Nothing was changed."
        )
    order = operation(order)
    return order, _latest_log(order)


@transaction.atomic
def resend(order_id, event_type: str) -> tuple[SandboxOrder, SandboxWebhookLog]:
    """Send ``event_type`` about the order again, as it is now, like Printora's resend."""
    order = _locked_order(order_id)
    if event_type not in events.EVENT_TYPES:
        raise Refused(f"Unknown event type {event_type!r}. Nothing was sent.")
    if event_type not in happened(order):
        raise Refused(
            f"{event_type} has not happened to {order.order_number} (it is {order.status}), "
            "so Printora would not send it. Nothing was sent."
        )
    return order, services.send_event(order, event_type, note="resent")


@transaction.atomic
def out_of_order(order_id) -> tuple[SandboxOrder, list[SandboxWebhookLog]]:
    order = _locked_order(order_id)
    return order, services.send_out_of_order(order)


@transaction.atomic
def duplicate(log_id: int) -> tuple[SandboxWebhookLog, SandboxWebhookLog]:
    original = get_object_or_404(SandboxWebhookLog.objects.select_for_update(), pk=log_id)
    if original.status != SandboxWebhookLog.Status.SENT:
        raise Refused(
            f"Webhook #{original.pk} is {original.status}, not sent: only a delivered webhook "
            "can be duplicated (use Retry for a failed one). Nothing was sent."
        )
    return original, services.send_duplicate(original)


@transaction.atomic
def retry(log_id: int) -> SandboxWebhookLog:
    log = get_object_or_404(SandboxWebhookLog.objects.select_for_update(), pk=log_id)
    if log.status not in RETRYABLE:
        raise Refused(
            f"Webhook #{log.pk} was already delivered; use Duplicate to send it again. "
            "Nothing was changed."
        )
    if not dispatcher.retry_now(log):
        raise Refused(f"Webhook #{log.pk} is already queued to be sent. Nothing was changed.")
    return log


# --- What the page shows -------------------------------------------------------------------


@dataclass
class OrderRow:
    order: SandboxOrder
    actions: list[str]
    events: list[str]
    times: list[tuple[str, datetime]]


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


def panel_context() -> dict[str, Any]:
    sessions = list(SandboxSession.objects.prefetch_related("orders")[:SESSION_LIMIT])
    for session in sessions:
        session.display_status = _session_status(session)
    orders = SandboxOrder.objects.select_related("session")[:ORDER_LIMIT]
    logs = SandboxWebhookLog.objects.select_related("order")[:LOG_LIMIT]
    return {
        "sessions": sessions,
        "session_total": SandboxSession.objects.count(),
        "orders": [
            OrderRow(
                order=order,
                actions=allowed_actions(order),
                events=happened(order),
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
                retryable=log.status in RETRYABLE,
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


def _order_action(request: HttpRequest, order_id, action: str) -> HttpResponseRedirect:
    try:
        order, log = transition(order_id, action)
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
def ship(request: HttpRequest, order_id) -> HttpResponse:
    return _order_action(request, order_id, "ship")


@require_POST
def deliver(request: HttpRequest, order_id) -> HttpResponse:
    return _order_action(request, order_id, "deliver")


@require_POST
def cancel(request: HttpRequest, order_id) -> HttpResponse:
    return _order_action(request, order_id, "cancel")


@require_POST
def resend_event(request: HttpRequest, order_id) -> HttpResponse:
    try:
        order, log = resend(order_id, request.POST.get("event_type", ""))
    except Refused as refusal:
        messages.error(request, str(refusal))
        return _back()
    messages.success(request, f"Resent for {order.order_number}:" + _queued(log))
    return _back()


@require_POST
def send_out_of_order(request: HttpRequest, order_id) -> HttpResponse:
    order, logs = out_of_order(order_id)
    sequence = " → ".join(f"{log.event_type} (#{log.pk})" for log in logs)
    messages.success(request, f"Sending {order.order_number}'s events newest first: {sequence}.")
    return _back()


@require_POST
def send_duplicate(request: HttpRequest, log_id: int) -> HttpResponse:
    try:
        original, copy = duplicate(log_id)
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
        log = retry(log_id)
    except Refused as refusal:
        messages.error(request, str(refusal))
        return _back()
    messages.success(request, f"Retrying webhook #{log.pk} ({log.event_type}) now.")
    return _back()
