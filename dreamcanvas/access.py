"""Who may see what: the site-wide access rules other apps share.

The orders app applies the same dashboard rule with its own decorators
(orders/decorators.py); pages outside it that show order data (the create-session
tool's recent events, the shopper's return page) ask here.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse

# The Printora sessions this browser started, in a signed cookie rather than the
# database session: no write and no stored row per anonymous shopper. The ids are
# not secret (they travel in Printora's redirect); the signature stops a visitor
# from claiming somebody else's.
STARTED_SESSIONS_COOKIE = "dc_started"
_SALT = "dreamcanvas.access.started-sessions"
STARTED_SESSIONS_MAX_AGE = 7 * 24 * 3600
# A browser rarely starts more than a few; the oldest are forgotten first.
MAX_REMEMBERED_SESSIONS = 20


def is_staff(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def may_see_dashboard(request: HttpRequest) -> bool:
    """The orders dashboard's rule: public when DASHBOARD_PUBLIC is on, else staff."""
    return bool(settings.DASHBOARD_PUBLIC) or is_staff(request)


def may_use_create_session(request: HttpRequest) -> bool:
    """/create-session/ spends the partner's Printora quota on any image URL."""
    return bool(settings.CREATE_SESSION_PUBLIC) or is_staff(request)


def _started(request: HttpRequest) -> list[str]:
    value = request.get_signed_cookie(
        STARTED_SESSIONS_COOKIE, default="", salt=_SALT, max_age=STARTED_SESSIONS_MAX_AGE
    )
    # With default="" Django returns a str; the stubs allow None for the no-default case.
    return [part for part in (value or "").split(",") if part]


def remember_started_session(request: HttpRequest, response: HttpResponse, session_id: str) -> None:
    """Note on ``response`` that this browser started ``session_id`` (it may then
    see that session's order when the shopper comes back from checkout)."""
    started = [s for s in _started(request) if s != session_id]
    started.append(session_id)
    response.set_signed_cookie(
        STARTED_SESSIONS_COOKIE,
        ",".join(started[-MAX_REMEMBERED_SESSIONS:]),
        salt=_SALT,
        max_age=STARTED_SESSIONS_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",  # sent on Printora's redirect back (a top-level GET)
    )


def started_this_session(request: HttpRequest, session_id: str) -> bool:
    return bool(session_id) and session_id in _started(request)
