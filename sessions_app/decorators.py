"""The rate limit of the JSON endpoint."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from dreamcanvas import ratelimit


def limit_per_client(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """SESSION_RATE_LIMIT_PER_MINUTE per client address: protects the partner's
    Printora quota from one noisy visitor."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        usage = ratelimit.hit(
            f"sessions:{request.META.get('REMOTE_ADDR', '')}",
            limit=settings.SESSION_RATE_LIMIT_PER_MINUTE,
        )
        if usage.exceeded:
            wait = usage.retry_after()
            response = JsonResponse(
                {"error": f"Too many tries. Please try again in {wait} s.", "retryAfter": wait},
                status=429,
            )
            response["Retry-After"] = str(wait)
            return response
        return view(request, *args, **kwargs)

    return wrapper
