"""Who may see what: the site-wide access rules other apps share.

The orders app applies the same dashboard rule with its own decorators
(orders/decorators.py); pages outside it that show order data (the create-session
tool's recent events, the shopper's return page) ask here.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

STARTED_SESSIONS_KEY = "printora_sessions_started"
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


def remember_started_session(request: HttpRequest, session_id: str) -> None:
    """Note that this browser started ``session_id`` (it may then see its order)."""
    started = [s for s in request.session.get(STARTED_SESSIONS_KEY, []) if s != session_id]
    started.append(session_id)
    request.session[STARTED_SESSIONS_KEY] = started[-MAX_REMEMBERED_SESSIONS:]


def started_this_session(request: HttpRequest, session_id: str) -> bool:
    return bool(session_id) and session_id in request.session.get(STARTED_SESSIONS_KEY, [])
