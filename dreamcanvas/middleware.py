from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def content_security_policy(get_response: Callable[[HttpRequest], HttpResponse]):
    """Sends settings.CONTENT_SECURITY_POLICY on every response (Django 5.2 has no CSP)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if settings.CONTENT_SECURITY_POLICY:
            response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response

    return middleware
