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


# The tuple holds the API key: a traceback through here must not print it.
@sensitive_variables("config")
def get_client() -> PrintoraClient:
    config = (
        settings.PRINTORA_API_KEY,
        settings.PRINTORA_API_URL,
        settings.PRINTORA_TIMEOUT,
        settings.PRINTORA_MAX_RETRIES,
    )
    cached = getattr(_local, "client", None)
    if cached is None or _local.config != config:
        cached = PrintoraClient(
            settings.PRINTORA_API_KEY,
            settings.PRINTORA_API_URL,
            timeout=(3.05, settings.PRINTORA_TIMEOUT),
            max_retries=settings.PRINTORA_MAX_RETRIES,
        )
        _local.client, _local.config = cached, config
    return cached
