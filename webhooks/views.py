from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from dreamcanvas.http import json_post_only
from webhooks import services


def declared_length(request: HttpRequest) -> int:
    """The Content-Length header as a number; -1 when it is absent or garbage."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or -1)
    except ValueError:
        return -1


def read_capped_body(request: HttpRequest, limit: int) -> bytes | None:
    """The raw body, or None if it is over ``limit`` bytes.

    Content-Length is checked first so an oversized body is never read. A
    chunked body has no Content-Length: Django then sees an empty body, so it is
    read from the server's terminated input stream (gunicorn provides one), at
    most ``limit + 1`` bytes of it.
    """
    declared = declared_length(request)
    if declared > limit:
        return None
    if declared < 0 and request.META.get("wsgi.input_terminated"):
        body = request.META["wsgi.input"].read(limit + 1)
    else:
        # request.read() bypasses DATA_UPLOAD_MAX_MEMORY_SIZE, which would turn a
        # large body into a generic 400 before we could answer 413.
        body = request.read(limit + 1)
    return None if len(body) > limit else body


@csrf_exempt  # Printora signs the body instead; there is no browser session here.
@transaction.non_atomic_requests
@json_post_only("method not allowed; use POST")
def receive(request: HttpRequest) -> JsonResponse:
    limit = settings.WEBHOOK_MAX_BODY_BYTES
    body = read_capped_body(request, limit)
    if body is None:
        reply = services.reject_oversized(
            headers=request.headers,
            remote_addr=request.META.get("REMOTE_ADDR"),
            # A chunked body has no declared length; all we know is "over the limit".
            declared_size=max(declared_length(request), limit + 1),
        )
    else:
        reply = services.receive(
            body=body,
            headers=request.headers,
            remote_addr=request.META.get("REMOTE_ADDR"),
            secrets=settings.PRINTORA_WEBHOOK_SECRETS,
        )
    return JsonResponse(reply.body, status=reply.status)
