from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from dreamcanvas.http import reverse_or_none

NAV = [
    ("gallery:index", "Gallery"),
    ("sessions_app:create", "Create session"),
    ("orders:dashboard", "Dashboard"),
    ("printora_sandbox:panel", "Sandbox"),
]


def nav_links(path: str) -> list[dict]:
    links = []
    for url_name, label in NAV:
        url = reverse_or_none(url_name)
        if url:
            links.append({"url": url, "label": label, "current": path.startswith(url)})
    return links


def site(request: HttpRequest) -> dict:
    """Values every page may show. Never add a secret here: templates can print anything."""
    return {
        "sandbox_mode": settings.PRINTORA_SANDBOX,
        "sandbox_panel_url": reverse_or_none("printora_sandbox:panel"),
        "nav_links": nav_links(request.path),
        "printora_api_host": settings.PRINTORA_API_URL.split("://", 1)[-1],
    }
