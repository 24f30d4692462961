"""Constants and helpers shared by the printora_client tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

API_KEY = "pk_test_51SuperSecretKeyValue0123456789"
BASE_URL = "https://api.printora.test"
NOW = 1_770_000_000.0  # a fixed unix time, so Retry-After dates and resets are exact
WEBHOOK_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "webhooks"

SESSION_URL = f"{BASE_URL}/api/v1/partner-session"
ORDERS_URL = f"{BASE_URL}/api/v1/partners/orders"
WEBHOOK_LOGS_URL = f"{BASE_URL}/api/v1/partners/webhook-logs"

SUCCESS_URL = "https://shop.example/callback/success/"
FAILED_URL = "https://shop.example/callback/failed/"
IMAGE_URL = "https://cdn.example/designs/d.png"
CREATOR_ID = "5b0e0c1e-8d55-4a7b-9d7e-2f0b8f6c1a11"
MERCH_ID = "9a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
VARIANT_ID = "0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a"

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
