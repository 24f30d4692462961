"""Who may see the dashboard, and who may act on it.

The dashboard shows customers' names, emails and addresses, so it is for signed-in
staff, unless ``settings.DASHBOARD_PUBLIC`` is on (the sandbox default: a demo has no
real customers), in which case the pages say so. Actions that change anything
(replaying a webhook) are for staff always.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

View = Callable[..., HttpResponse]


def is_staff(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def dashboard_access(view: View) -> View:
    """Public dashboard: everyone. Otherwise anonymous → the login page (coming
    back here afterwards), signed-in non-staff → 403, staff → the page."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not settings.DASHBOARD_PUBLIC:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not is_staff(request):
                raise PermissionDenied("The dashboard is for staff users.")
        return view(request, *args, **kwargs)

    return wrapped


def staff_required(view: View) -> View:
    """403 for anyone but an active staff user, even when the dashboard is public."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not is_staff(request):
            raise PermissionDenied("Only staff users may do this.")
        return view(request, *args, **kwargs)

    return wrapped
