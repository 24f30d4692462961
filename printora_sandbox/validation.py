"""Validation of a create-session body, answering like Printora: a list of field errors."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlsplit

# The older snake_case spelling (seed README) is accepted and read as camelCase.
SNAKE_TO_CAMEL = {
    "image_url": "imageUrl",
    "creator_id": "creatorId",
    "merch_id": "merchId",
    "variant_id": "variantId",
    "user_data": "userData",
    "success_url": "successUrl",
    "failed_url": "failedUrl",
}
MODES = {"imageUrl": "image", "creatorId": "creator", "merchId": "merch"}


def normalise(body: dict[str, Any]) -> dict[str, Any]:
    return {SNAKE_TO_CAMEL.get(key, key): value for key, value in body.items()}


def is_http_url(value: Any) -> bool:
    if not isinstance(value, str) or len(value) > 2048 or any(c.isspace() for c in value):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def is_uuid(value: Any) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return isinstance(value, str)


def session_errors(body: dict[str, Any]) -> list[dict[str, str]]:
    errors: list[dict[str, str]] = []

    def fail(field: str, message: str) -> None:
        errors.append({"field": field, "message": message})

    given = [key for key in MODES if body.get(key) is not None]
    if len(given) != 1:
        fail("imageUrl", "exactly one of imageUrl, creatorId or merchId is required")
    if body.get("imageUrl") is not None and not is_http_url(body["imageUrl"]):
        fail("imageUrl", "imageUrl must be a valid URL")
    for field in ("creatorId", "merchId", "variantId"):
        if body.get(field) is not None and not is_uuid(body[field]):
            fail(field, f"{field} must be a UUID")
    if body.get("variantId") is not None and body.get("merchId") is None:
        fail("variantId", "variantId is only allowed with merchId")
    quantity = body.get("quantity")
    if quantity is not None and (
        isinstance(quantity, bool) or not isinstance(quantity, int) or not 1 <= quantity <= 100
    ):
        fail("quantity", "quantity must be a whole number from 1 to 100")
    user = body.get("userData")
    if user is not None:
        if not isinstance(user, dict):
            fail("userData", "userData must be an object")
        else:
            email = user.get("email")
            if email is not None and (not isinstance(email, str) or "@" not in email):
                fail("userData.email", "userData.email must be an email address")
            if user.get("name") is not None and not isinstance(user["name"], str):
                fail("userData.name", "userData.name must be a string")
    for field in ("successUrl", "failedUrl"):
        if body.get(field) is None:
            fail(field, f"{field} is required")
        elif not is_http_url(body[field]):
            fail(field, f"{field} must be a valid URL")
    return errors


def session_fields(body: dict[str, Any]) -> dict[str, Any]:
    """Model fields of a valid body."""
    mode = next(MODES[key] for key in MODES if body.get(key) is not None)
    user = body.get("userData") or {}
    return {
        "mode": mode,
        "image_url": body.get("imageUrl") or "",
        "creator_id": body.get("creatorId") or "",
        "merch_id": body.get("merchId") or "",
        "variant_id": body.get("variantId") or "",
        "quantity": body.get("quantity") or 1,
        "user_email": (user.get("email") or "")[:254],
        "user_name": (user.get("name") or "")[:200],
        "success_url": body["successUrl"],
        "failed_url": body["failedUrl"],
    }
