"""Small pieces shared by the JSON endpoints (the webhook receiver, /api/sessions/)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse, JsonResponse
from pydantic import ValidationError


def json_post_only(message: str) -> Callable:
    """405 with ``Allow: POST`` and a JSON ``{"error": message}`` for any other method."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method != "POST":
                response = JsonResponse({"error": message}, status=405)
                response["Allow"] = "POST"
                return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def first_validation_error(exc: ValidationError) -> tuple[str, str]:
    """(field, one-line message) of a pydantic error's first problem, for a 400."""
    error = exc.errors(include_url=False, include_input=False)[0]
    field = ".".join(str(part) for part in error["loc"]) or "body"
    if error["type"] == "missing":
        return field, f"{field} is required"
    return field, f"{field}: {error['msg']}"
