"""Sign-in throttling for the staff login and /admin/login/.

Failed attempts are counted per account and per client address (see
dreamcanvas/clientip.py) in fixed windows of ``LOGIN_FAILURE_WINDOW`` seconds. Once
either budget is spent, further attempts are refused with a clear message until the
window ends, before the password is even checked, so guessing gains nothing. A
successful sign-in is never delayed and clears its account's failures.

The per-account budget means someone can lock an account for one window by failing
on purpose; the window is short, and the per-address budget stops one client from
doing it to many accounts.
"""

from __future__ import annotations

import logging
import math
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse

from dreamcanvas import ratelimit
from dreamcanvas.clientip import client_ip

logger = logging.getLogger(__name__)


def _keys(request: HttpRequest, username: str) -> list[tuple[str, int]]:
    account = (username or "").strip().lower()[:150]
    return [
        (f"login-account:{account}", settings.LOGIN_FAILURES_PER_ACCOUNT),
        (f"login-client:{client_ip(request)}", settings.LOGIN_FAILURES_PER_CLIENT),
    ]


def wait_seconds(request: HttpRequest, username: str) -> int:
    """Seconds until this account and address may try again; 0 when they may now."""
    window = settings.LOGIN_FAILURE_WINDOW
    waits = [
        usage.retry_after()
        for key, limit in _keys(request, username)
        if (usage := ratelimit.peek(key, limit=limit, window_seconds=window)).remaining == 0
    ]
    return max(waits, default=0)


def record_failure(request: HttpRequest, username: str) -> None:
    for key, limit in _keys(request, username):
        ratelimit.hit(key, limit=limit, window_seconds=settings.LOGIN_FAILURE_WINDOW)


def record_success(request: HttpRequest, username: str) -> None:
    ratelimit.forget(_keys(request, username)[0][0])


def throttled_message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    unit = "minute" if minutes == 1 else "minutes"
    return (
        "Too many failed sign-in attempts. For your account's safety, please wait "
        f"{minutes} {unit} and try again."
    )


class ThrottledLogin(AuthenticationForm):
    """Mixed into Django's authentication forms: the check runs before the password's.

    It subclasses AuthenticationForm (rather than object) so that its use of
    ``request``, ``data``, ``get_user()`` and ``super().clean()`` is type-checked; the
    admin's form below still gets AdminAuthenticationForm's rules (it comes next in the MRO).
    """

    throttled = False

    def clean(self) -> dict[str, Any]:
        request = self.request
        username = self.data.get("username", "") if self.data else ""
        if request is not None:
            wait = wait_seconds(request, username)
            if wait:
                self.throttled = True
                logger.warning("sign-in throttled client=%s", client_ip(request))
                raise forms.ValidationError(throttled_message(wait), code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if request is not None:
                record_failure(request, username)
            raise
        if request is not None and self.get_user() is not None:
            record_success(request, username)
        return cleaned


class ThrottledAuthenticationForm(ThrottledLogin, AuthenticationForm):
    pass


class ThrottledAdminAuthenticationForm(ThrottledLogin, AdminAuthenticationForm):
    pass


class ThrottledLoginView(LoginView):
    """The staff sign-in page; a throttled attempt is answered 429."""

    authentication_form = ThrottledAuthenticationForm

    def form_invalid(self, form) -> HttpResponse:
        response = super().form_invalid(form)
        if getattr(form, "throttled", False):
            response.status_code = 429
        return response
