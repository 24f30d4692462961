"""The one place a PrintoraClient is built from settings.

Built per call rather than at import, so tests (and the sandbox, whose URL is
the site's own) can change settings; the pooled session lives per thread.
"""

from __future__ import annotations

import threading

from django.conf import settings
from django.views.decorators.debug import sensitive_variables

from printora_client import PrintoraClient

_local = threading.local()


# Dashboard pages that call Printora while someone waits for the page: a short
# timeout and no retries, so an unavailable Printora costs seconds, not minutes.
QUICK_TIMEOUT = (2.0, 3.0)


def get_client() -> PrintoraClient:
    """The client for commands, services and actions (settings' timeout and retries)."""
    return _cached("client", (3.05, settings.PRINTORA_TIMEOUT), settings.PRINTORA_MAX_RETRIES)


def get_quick_client() -> PrintoraClient:
    """The client for reads a page shows live: fails fast (``QUICK_TIMEOUT``, no retry)."""
    return _cached("quick", QUICK_TIMEOUT, 0)


# The tuple holds the API key: a traceback through here must not print it.
@sensitive_variables("config")
def _cached(name: str, timeout: tuple[float, float], max_retries: int) -> PrintoraClient:
    config = (settings.PRINTORA_API_KEY, settings.PRINTORA_API_URL, timeout, max_retries)
    cached = getattr(_local, name, None)
    if cached is None or getattr(_local, name + "_config", None) != config:
        cached = PrintoraClient(
            settings.PRINTORA_API_KEY,
            settings.PRINTORA_API_URL,
            timeout=timeout,
            max_retries=max_retries,
        )
        setattr(_local, name, cached)
        setattr(_local, name + "_config", config)
    return cached
