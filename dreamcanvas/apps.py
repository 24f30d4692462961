from __future__ import annotations

from django.apps import AppConfig


class DreamCanvasConfig(AppConfig):
    """The project package is an app too, for the few site-wide models (rate limits)."""

    name = "dreamcanvas"
    verbose_name = "DreamCanvas"
