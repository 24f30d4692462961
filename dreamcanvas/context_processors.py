from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    """Values every page may show. Never add a secret here: templates can print anything."""
    return {
        "sandbox_mode": settings.PRINTORA_SANDBOX,
        "printora_api_host": settings.PRINTORA_API_URL.split("://", 1)[-1],
    }
