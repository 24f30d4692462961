"""Who may see the dashboard, and who may act on it.

The dashboard shows customers' names, emails and addresses, so it is for signed-in
staff, unless ``settings.DASHBOARD_PUBLIC`` is on (the sandbox default: a demo has no
real customers), in which case the pages say so. Actions that change anything
(replaying a webhook, syncing with Printora) are for staff always: ``staff_required``
is the one check, used by every such view.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, overload

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase

from dreamcanvas.http import View, reverse_or_none


def is_staff(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def dashboard_access(view: View) -> View:
    """Public dashboard: everyone. Otherwise anonymous → the login page (coming
    back here afterwards), signed-in non-staff → 403, staff → the page."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not settings.DASHBOARD_PUBLIC:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not is_staff(request):
                raise PermissionDenied("The dashboard is for staff users.")
        return view(request, *args, **kwargs)

    return wrapped


@overload
def staff_required(view: View) -> View: ...
@overload
def staff_required(*, sign_in_then: str) -> Callable[[View], View]: ...
def staff_required(
    view: View | None = None, *, sign_in_then: str | None = None
) -> View | Callable[[View], View]:
    """403 for anyone but an active staff user, even when the dashboard is public.

    With ``sign_in_then`` (a URL name), an anonymous visitor is sent to sign in
    first and comes back to that page (for POST-only views, which cannot be
    returned to): ``@staff_required(sign_in_then="orders:dashboard")``.
    """

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if sign_in_then is not None and not request.user.is_authenticated:
                return redirect_to_login(reverse_or_none(sign_in_then) or "/")
            if not is_staff(request):
                raise PermissionDenied("Only staff users may do this.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorate if view is None else decorate(view)
