from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from webhooks import services


def post_only_json(view: Callable[[HttpRequest], JsonResponse]) -> Callable:
    """405 with ``Allow: POST`` and a JSON body, like every other reply of the receiver."""

    @wraps(view)
    def wrapper(request: HttpRequest) -> JsonResponse:
        if request.method != "POST":
            response = JsonResponse({"error": "method not allowed; use POST"}, status=405)
            response["Allow"] = "POST"
            return response
        return view(request)

    return wrapper


def read_capped_body(request: HttpRequest, limit: int) -> bytes | None:
    """The raw body, or None if it is over ``limit`` bytes.

    Content-Length is checked first so an oversized body is never read; without
    it (chunked uploads) at most ``limit + 1`` bytes are read.
    """
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        return None
    # request.read() bypasses DATA_UPLOAD_MAX_MEMORY_SIZE, which would turn a
    # large body into a generic 400 before we could answer 413.
    body = request.read(limit + 1)
    return None if len(body) > limit else body


@csrf_exempt  # Printora signs the body instead; there is no browser session here.
@transaction.non_atomic_requests
@post_only_json
def receive(request: HttpRequest) -> JsonResponse:
    body = read_capped_body(request, settings.WEBHOOK_MAX_BODY_BYTES)
    if body is None:
        reply = services.reject_oversized(
            headers=request.headers, remote_addr=request.META.get("REMOTE_ADDR")
        )
    else:
        reply = services.receive(
            body=body,
            headers=request.headers,
            remote_addr=request.META.get("REMOTE_ADDR"),
            secrets=settings.PRINTORA_WEBHOOK_SECRETS,
        )
    return JsonResponse(reply.body, status=reply.status)
