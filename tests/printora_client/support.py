"""Constants and helpers shared by the printora_client tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from requests import PreparedRequest

API_KEY = "pk_test_51SuperSecretKeyValue0123456789"
BASE_URL = "https://api.printora.test"
NOW = 1_770_000_000.0  # a fixed unix time, so Retry-After dates and resets are exact
WEBHOOK_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "webhooks"

SESSION_URL = f"{BASE_URL}/api/v1/partner-session"
ORDERS_URL = f"{BASE_URL}/api/v1/partners/orders"
WEBHOOK_LOGS_URL = f"{BASE_URL}/api/v1/partners/webhook-logs"
PRODUCTS_URL = f"{BASE_URL}/api/v1/catalog/products"
CREATORS_URL = f"{BASE_URL}/api/v1/creators"

SUCCESS_URL = "https://shop.example/callback/success/"
FAILED_URL = "https://shop.example/callback/failed/"
IMAGE_URL = "https://cdn.example/designs/d.png"
CREATOR_ID = "5b0e0c1e-8d55-4a7b-9d7e-2f0b8f6c1a11"
MERCH_ID = "9a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
VARIANT_ID = "0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a"
PRODUCT_ID = "7c3e1f2a-9b8d-4e6f-a1b2-c3d4e5f60718"
CREATOR_URL = f"{CREATORS_URL}/{CREATOR_ID}"
MERCH_LIST_URL = f"{CREATOR_URL}/merch"
MERCH_URL = f"{MERCH_LIST_URL}/{MERCH_ID}"

CREATED_SESSION: dict[str, Any] = {
    "success": True,
    "data": {
        "sessionId": "550e8400-e29b-41d4-a716-446655440000",
        "redirectUrl": "https://printora.ai/en/print/abc123token",
        "sessionMode": "image",
        "imageUrl": IMAGE_URL,
        "creatorId": None,
        "createdAt": "2026-03-15T10:00:00.000Z",
    },
}


# A merch object as documented (current camelCase spelling).
MERCH: dict[str, Any] = {
    "id": MERCH_ID,
    "title": "Nebula tee",
    "description": "Limited run",
    "designImageUrl": "https://cdn.example/nebula.png",
    "status": "active",
    "stockLimit": 50,
    "stockSold": 48,
    "stockRemaining": 2,
    "isLimitedEdition": True,
    "hasDesign": False,
    "product": {"id": PRODUCT_ID, "name": "Classic T-Shirt", "category": "apparel"},
    "variants": [
        {"id": VARIANT_ID, "color": "White", "colorCode": "#FFFFFF", "size": "M", "endPrice": 24.0}
    ],
    "createdAt": "2026-03-15T10:00:00.000Z",
    "updatedAt": "2026-03-15T10:05:00.000Z",
}
EDIT_SESSION: dict[str, Any] = {
    "sessionId": "e1d2c3b4-a5f6-4789-8abc-def012345678",
    "token": "ab" * 32,
    "editorUrl": f"https://printora.ai/en/merch/{PRODUCT_ID}/{'ab' * 32}",
    "expiresAt": "2026-03-16T10:00:00.000Z",
}
CREATOR: dict[str, Any] = {
    "id": CREATOR_ID,
    "name": "Ana Lima",
    "slug": "ana-lima",
    "email": "ana@example.com",
    "description": None,
    "logoUrl": "https://cdn.example/ana.png",
    "status": "active",
    "createdAt": "2026-03-15T10:00:00.000Z",
}


class FakeSleep:
    """Records the requested waits instead of sleeping."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def image_session_kwargs(**overrides: Any) -> dict[str, Any]:
    return {
        "image_url": IMAGE_URL,
        "success_url": SUCCESS_URL,
        "failed_url": FAILED_URL,
        **overrides,
    }


def error_body(code: str, message: str, details: list[dict[str, str]] | None = None) -> dict:
    error: dict[str, Any] = {"code": code, "message": message}
    if details is not None:
        error["details"] = details
    return {"success": False, "error": error}


def sent_query(request: PreparedRequest) -> dict[str, str | list[str]]:
    """The query parameters a request was sent with, read from its URL: what
    ``responses`` puts in its untyped ``request.params`` (a repeated name gives a list)."""
    assert request.url is not None
    query: dict[str, str | list[str]] = {}
    for name, value in parse_qsl(urlsplit(request.url).query, keep_blank_values=True):
        if name not in query:
            query[name] = value
        else:
            earlier = query[name]
            query[name] = [*earlier, value] if isinstance(earlier, list) else [earlier, value]
    return query
