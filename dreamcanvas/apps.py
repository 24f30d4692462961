from __future__ import annotations

import logging

from django.apps import AppConfig
from django.conf import settings

logger = logging.getLogger("dreamcanvas.config")


class DreamCanvasConfig(AppConfig):
    """The project package is an app too, for the few site-wide models (rate limits)."""

    name = "dreamcanvas"
    verbose_name = "DreamCanvas"

    def ready(self) -> None:
        from dreamcanvas import checks  # noqa: F401  (registers the deploy checks)

        if not settings.DEBUG:
            # Said once at start-up, in the log: a public demo must be a choice.
            if settings.PRINTORA_SANDBOX:
                logger.warning(
                    "PRINTORA_SANDBOX is on: this is a public demo (sandbox operator panel "
                    "at /sandbox/ without sign-in); no real Printora orders are accepted."
                )
            if settings.DASHBOARD_PUBLIC:
                logger.warning(
                    "DASHBOARD_PUBLIC is on: /dashboard/ shows orders and customers' "
                    "details to everyone."
                )

        # Warnings, not errors: a staging site on a laptop is legitimate, it just cannot
        # get images fetched or webhooks delivered until APP_URL is public.
        for warning in [
            *getattr(settings, "APP_URL_WARNINGS", ()),
            *getattr(settings, "CACHE_WARNINGS", ()),
        ]:
            logger.warning(warning)
