"""The landing page and the health check: site-wide pages that belong to no app."""

from __future__ import annotations

import logging

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from dreamcanvas.http import reverse_or_none

logger = logging.getLogger(__name__)

# Pages other apps provide. A card appears on the landing page once its URL name
# resolves, so the page never links to something that is not installed.
DESTINATIONS = [
    (
        "gallery:index",
        "DreamCanvas gallery",
        "Browse AI artworks and press Print on Product.",
    ),
    (
        "sessions_app:create",
        "Create a session",
        "Start a Printora session from any image URL.",
    ),
    (
        "orders:dashboard",
        "Orders dashboard",
        "Orders and their event history, fed by webhooks.",
    ),
    (
        "printora_sandbox:panel",
        "Sandbox operator panel",
        "Ship, deliver and cancel sandbox orders; replay webhooks.",
    ),
    ("admin:index", "Django admin", "Every model, for staff."),
]


def _available_destinations() -> list[dict[str, str]]:
    cards = []
    for url_name, title, blurb in DESTINATIONS:
        url = reverse_or_none(url_name)
        if url:
            cards.append({"url": url, "title": title, "blurb": blurb})
    return cards


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", {"destinations": _available_destinations()})


# Set once every migration is applied: they are not unapplied under a running site,
# and reading the migration files on every probe would cost tens of milliseconds.
_migrations_applied = False


def migrations_pending() -> bool:
    """Whether the database lacks migrations this code needs (a release that
    skipped ``migrate``: every page touching a new column would fail)."""
    global _migrations_applied
    if _migrations_applied:
        return False
    executor = MigrationExecutor(connection)
    pending = bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    _migrations_applied = not pending
    return pending


@never_cache
@require_safe  # GET and HEAD: load balancers use either
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        pending = migrations_pending()
    except DatabaseError:
        # The error text can name hosts and users; the log has it, the reply does not.
        logger.exception("healthz: database check failed")
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    if pending:
        logger.error("healthz: migrations are not applied; run manage.py migrate")
        return JsonResponse(
            {"status": "error", "database": "ok", "migrations": "pending"}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok"})


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page links; send them to the SVG."""
    return redirect(static("img/favicon.svg"))
