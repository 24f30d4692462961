from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods
from pydantic import ValidationError

from dreamcanvas.http import first_validation_error, json_post_only
from gallery import demo
from gallery.models import Artwork
from orders import selectors as orders
from sessions_app import selectors, services
from sessions_app.decorators import limit_per_client
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
    """POST /api/sessions/: "Print on Product". JSON from the gallery's script, or a
    plain form post from the no-JavaScript detail page (answered with a redirect)."""
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

    artwork = Artwork.objects.filter(slug=params.artwork).first()
    if artwork is None:
        return _error(
            request, 400, "That artwork does not exist.", fields={"artwork": "unknown artwork"}
        )
    try:
        session = services.start_session(
            image_url=artwork.absolute_image_url,
            customer_email=demo.DEMO_USER_EMAIL,
            customer_name=demo.DEMO_USER_NAME,
            artwork=artwork,
        )
    except services.SessionStartError as exc:
        extra = {"retryAfter": exc.retry_after} if exc.retry_after else {}
        return _error(request, exc.status, exc.message, **extra)
    if not _wants_json(request):
        return HttpResponseRedirect(session.redirect_url, status=303)
    return JsonResponse(
        {"sessionId": session.session_id, "redirectUrl": session.redirect_url}, status=201
    )


@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    """/create-session/: a session from any image URL, for partners trying the API."""
    session = None
    form = CreateSessionForm(request.POST or None)
    status = 200
    if request.method == "POST":
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
    context = {"form": form, "session": session, "recent_events": orders.recent_events()}
    return render(request, "sessions_app/create.html", context, status=status)


@require_GET
def recent_events(request: HttpRequest) -> HttpResponse:
    """The live list on /create-session/, polled by its script."""
    return render(
        request, "sessions_app/_recent_events.html", {"recent_events": orders.recent_events()}
    )


@require_GET
def callback_success(request: HttpRequest) -> HttpResponse:
    found = selectors.callback_lookup(
        session_id=request.GET.get("sessionId", ""), order_id=request.GET.get("orderId", "")
    )
    return render(request, "sessions_app/callback_success.html", found)


@require_GET
def callback_failed(request: HttpRequest) -> HttpResponse:
    found = selectors.callback_lookup(session_id=request.GET.get("sessionId", ""), order_id="")
    return render(request, "sessions_app/callback_failed.html", found)
