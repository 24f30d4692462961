from __future__ import annotations

import logging

from django.apps import AppConfig

logger = logging.getLogger("dreamcanvas.config")


class DreamCanvasConfig(AppConfig):
    """The project package is an app too, for the few site-wide models (rate limits)."""

    name = "dreamcanvas"
    verbose_name = "DreamCanvas"

    def ready(self) -> None:
        from django.conf import settings

        # Warnings, not errors: a staging site on a laptop is legitimate, it just cannot
        # get images fetched or webhooks delivered until APP_URL is public.
        for warning in getattr(settings, "APP_URL_WARNINGS", ()):
            logger.warning(warning)
