from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods
from pydantic import ValidationError

from dreamcanvas import access
from dreamcanvas.http import first_validation_error, json_post_only
from gallery import demo
from orders import selectors as orders
from sessions_app import selectors, services
from sessions_app.decorators import create_session_access, limit_per_client, session_budget
from sessions_app.forms import CreateSessionForm
from sessions_app.inputs import StartSessionInput


def _wants_json(request: HttpRequest) -> bool:
    return request.content_type == "application/json"


def _error(request: HttpRequest, status: int, message: str, **extra) -> HttpResponse:
    response: HttpResponse
    if _wants_json(request):
        response = JsonResponse({"error": message, **extra}, status=status)
    else:
        context = {"message": message, "status": status}
        response = render(request, "sessions_app/start_failed.html", context, status=status)
    if extra.get("retryAfter"):
        response["Retry-After"] = str(extra["retryAfter"])
    return response


@json_post_only("Use POST to start a session.")
@limit_per_client
def start(request: HttpRequest) -> HttpResponse:
    """POST /api/sessions/: "Print on Product" (an artwork), "Visit <creator>'s shop" (a
    creator) and the merch panel's Order (a merch item, its variant and quantity). JSON
    from the gallery's script, or a plain form post without JavaScript (answered with
    a redirect)."""
    if _wants_json(request):
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            return _error(request, 400, "The request body is not valid JSON.")
        if not isinstance(data, dict):
            return _error(request, 400, "The request body must be a JSON object.")
    else:
        data = request.POST.dict()
    try:
        params = StartSessionInput.model_validate(data)
    except ValidationError as exc:
        field, message = first_validation_error(exc)
        return _error(request, 400, message, fields={field: message})

    try:
        target = services.resolve_target(
            artwork=params.artwork,
            creator=params.creator,
            merch=params.merch,
            variant=params.variant,
            colour=params.colour,
            size=params.size,
        )
    except services.UnknownTarget as exc:
        return _error(request, 400, exc.message, fields={exc.field: exc.message})
    try:
        session = services.start_session(
            **target,
            quantity=params.quantity,
            customer_email=demo.DEMO_USER_EMAIL,
            customer_name=demo.DEMO_USER_NAME,
        )
    except services.SessionStartError as exc:
        extra = {"retryAfter": exc.retry_after} if exc.retry_after else {}
        return _error(request, exc.status, exc.message, **extra)
    # start_session() returns only a session Printora opened, so it has its id.
    assert session.session_id is not None
    response: HttpResponse
    if not _wants_json(request):
        response = HttpResponseRedirect(session.redirect_url, status=303)
    else:
        response = JsonResponse(
            {"sessionId": session.session_id, "redirectUrl": session.redirect_url}, status=201
        )
    # This browser may see the order when the shopper comes back (callback_success).
    access.remember_started_session(request, response, session.session_id)
    return response


def _recent_events(request: HttpRequest) -> Any:
    """Recent order ids are order data: shown where the dashboard is visible."""
    return orders.recent_events() if access.may_see_dashboard(request) else None


@require_http_methods(["GET", "POST"])
@create_session_access
def create(request: HttpRequest) -> HttpResponse:
    """/create-session/: a session from any image URL, for partners trying the API."""
    session = None
    form = CreateSessionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        usage = session_budget(request)
        if usage.exceeded:
            wait = usage.retry_after()
            form.add_error(None, f"Too many tries. Please try again in {wait} s.")
            response = _render_create(request, form, None, status=429)
            response["Retry-After"] = str(wait)
            return response
        if form.is_valid():
            try:
                session = services.start_session(
                    image_url=form.cleaned_data["image_url"],
                    customer_email=form.cleaned_data["customer_email"],
                    customer_name=form.cleaned_data["customer_name"],
                    source="form",
                )
            except services.SessionStartError as exc:
                form.add_error(None, exc.message)
                status = exc.status
        else:
            status = 400
    response = _render_create(request, form, session, status=status)
    if session is not None:
        assert session.session_id is not None  # as in start() above
        access.remember_started_session(request, response, session.session_id)
    return response


def _render_create(request: HttpRequest, form, session, *, status: int) -> HttpResponse:
    context = {"form": form, "session": session, "recent_events": _recent_events(request)}
    return render(request, "sessions_app/create.html", context, status=status)


@require_GET
@create_session_access
def recent_events(request: HttpRequest) -> HttpResponse:
    """The live list on /create-session/, polled by its script."""
    events = _recent_events(request)
    if events is None:
        raise PermissionDenied("Recent events are shown where the dashboard is visible.")
    return render(request, "sessions_app/_recent_events.html", {"recent_events": events})


@require_GET
def callback_success(request: HttpRequest) -> HttpResponse:
    """The shopper's return from checkout. Order data (items, total) only for the
    browser that started the session, or staff; anyone else who has the link gets
    a neutral thank-you page."""
    session_id = request.GET.get("sessionId", "")
    if access.is_staff(request):
        found = selectors.callback_lookup(
            session_id=session_id, order_id=request.GET.get("orderId", "")
        )
    elif access.started_this_session(request, session_id):
        found = selectors.callback_lookup(
            session_id=session_id, order_id=request.GET.get("orderId", ""), same_session=True
        )
    else:
        found = {"partner_session": None, "order": None, "known_ids": False, "neutral": True}
    order = found["order"]
    if order is not None and order.status != "pending":  # paid: the stock has moved
        services.read_back_after_checkout(found["partner_session"])
    return render(request, "sessions_app/callback_success.html", found)


@require_GET
def callback_failed(request: HttpRequest) -> HttpResponse:
    found = selectors.callback_lookup(session_id=request.GET.get("sessionId", ""), order_id="")
    return render(request, "sessions_app/callback_failed.html", found)
