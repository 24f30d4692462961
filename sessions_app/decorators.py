"""Who may start sessions, and how often."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse

from dreamcanvas import access, ratelimit
from dreamcanvas.clientip import client_ip

View = Callable[..., HttpResponse]


def session_budget(request: HttpRequest) -> ratelimit.Usage:
    """Count one session start by this client. /api/sessions/ and /create-session/
    share the budget: both spend the partner's Printora quota."""
    return ratelimit.hit(
        f"sessions:{client_ip(request)}", limit=settings.SESSION_RATE_LIMIT_PER_MINUTE
    )


def limit_per_client(view: View) -> View:
    """SESSION_RATE_LIMIT_PER_MINUTE per client address: protects the partner's
    Printora quota from one noisy visitor."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        usage = session_budget(request)
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


def create_session_access(view: View) -> View:
    """/create-session/ is a developer tool: staff only unless CREATE_SESSION_PUBLIC
    (on by default with DEBUG or the sandbox). Anonymous visitors go to the sign-in
    page, signed-in non-staff get 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not access.may_use_create_session(request):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied("The create-session tool is for staff users.")
        return view(request, *args, **kwargs)

    return wrapper
