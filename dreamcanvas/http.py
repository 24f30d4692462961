"""Small pieces shared by the apps' views: JSON endpoints (the webhook receiver,
/api/sessions/), links to pages that may not exist, JSON shown on a page."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django.urls import NoReverseMatch, reverse
from pydantic import ValidationError

View = Callable[..., HttpResponseBase]


def reverse_or_none(url_name: str, *args: str | int) -> str | None:
    """The URL, or None when its app is not installed (the sandbox with real
    credentials, a page a later version adds) or no URL can hold ``args`` (an odd
    id): links to it are then left out."""
    try:
        return reverse(url_name, args=args or None)
    except NoReverseMatch:
        return None


def pretty_json(value: object) -> str:
    """A JSON value indented for reading on a page (non-ASCII kept as is)."""
    return json.dumps(value, indent=2, ensure_ascii=False, default=str)


def pretty_json_text(text: str) -> str:
    """``text`` indented if it is JSON, else unchanged (a rejected body may be anything)."""
    try:
        pretty = pretty_json(json.loads(text))
        # JSON escapes can spell what no page can carry (an unpaired surrogate).
        pretty.encode("utf-8")
    except (ValueError, RecursionError):  # UnicodeEncodeError is a ValueError
        # RecursionError: a body nested ~1,000 levels deep (a planted one, say).
        return text
    return pretty


def json_post_only(message: str) -> Callable[[View], View]:
    """405 with ``Allow: POST`` and a JSON ``{"error": message}`` for any other method."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
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
