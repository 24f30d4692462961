from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest


def content_security_policy(get_response: Callable[[HttpRequest], HttpResponse]):
    """Sends settings.CONTENT_SECURITY_POLICY on every response (Django 5.2 has no CSP)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if settings.CONTENT_SECURITY_POLICY:
            response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response

    return middleware


def reject_nul_bytes(get_response: Callable[[HttpRequest], HttpResponse]):
    """400 for a NUL byte in the path or in any query-string name or value.

    No page has a use for one, and PostgreSQL refuses it in every text column: left
    to reach a query, it turns a harmless typo or probe into a 500. One guard here
    covers every app (search boxes, slugs, filters, tokens).
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any(
            "\x00" in name or any("\x00" in value for value in values)
            for name, values in request.GET.lists()
        ):
            return HttpResponseBadRequest(
                "Bad request: the address contains a NUL character.\n",
                content_type="text/plain; charset=utf-8",
            )
        return get_response(request)

    return middleware
