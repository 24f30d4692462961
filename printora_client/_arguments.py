"""Checks on the client's constructor and method arguments, done before any HTTP.

Errors about a call's arguments are ``InvalidRequestError`` with ``status=None``
and per-field ``details``; errors about configuration are ``ValueError``s that
name the environment variable to fix and never echo the API key.
"""

from __future__ import annotations

import re
import uuid
from typing import Any
from urllib.parse import urlsplit

from pydantic import ValidationError

from printora_client.errors import InvalidRequestError

_KEY_PREFIX = re.compile(r"^[A-Za-z]+_(?:[A-Za-z]+_)?")
_IDEMPOTENCY_KEY_PATTERN = re.compile(r"^[\x21-\x7e]{1,255}$")
# Kwarg names for the nested user_data fields, so errors name what the caller passed.
_FIELD_NAMES = {
    "user_data.email": "user_email",
    "user_data.name": "user_name",
    "user_data.first_name": "user_first_name",
    "user_data.last_name": "user_last_name",
}


def new_idempotency_key() -> str:
    """A fresh key for one logical request; store it before sending to survive a crash."""
    return str(uuid.uuid4())


def require_idempotency_key(value: Any) -> str:
    if not isinstance(value, str) or not _IDEMPOTENCY_KEY_PATTERN.match(value):
        raise InvalidRequestError(
            "idempotency_key must be 1-255 visible ASCII characters",
            details=[{"field": "idempotency_key", "message": "invalid"}],
        )
    return value


def masked_api_key(api_key: str) -> str:
    match = _KEY_PREFIX.match(api_key)
    prefix = match.group(0) if match and len(match.group(0)) < len(api_key) else ""
    return f"{prefix}…"


def clean_api_key(api_key: str) -> str:
    if not isinstance(api_key, str):
        raise TypeError("api_key must be a str (set PRINTORA_API_KEY)")
    api_key = api_key.strip()
    if not api_key:
        raise ValueError("api_key is empty: set PRINTORA_API_KEY")
    # requests would echo a bad header value, key included, in its exception.
    if not all("\x21" <= character <= "\x7e" for character in api_key):
        raise ValueError("api_key contains spaces or non-ASCII characters: check PRINTORA_API_KEY")
    return api_key


def clean_base_url(base_url: str) -> str:
    url = (base_url or "").strip().rstrip("/")
    parts = urlsplit(url)
    # Credentials in the URL would end up in repr() and error messages.
    if parts.username or parts.password:
        raise ValueError("base_url must not contain credentials: check PRINTORA_API_URL")
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query:
        raise ValueError(
            f"base_url {base_url!r} is not an http(s) URL like https://api.printora.ai: "
            "check PRINTORA_API_URL"
        )
    # Paths are appended as /api/v1/...; tolerate a URL configured with it already.
    return url.removesuffix("/api/v1")


def require_text(name: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip() or value.strip() in (".", ".."):
        raise InvalidRequestError(
            f"{name} must be a non-empty string", details=[{"field": name, "message": "required"}]
        )
    return value.strip()


def require_int(name: str, value: Any, low: int, high: int | None = None) -> int:
    is_int = isinstance(value, int) and not isinstance(value, bool)
    if is_int and value >= low and (high is None or value <= high):
        return int(value)
    bound = f"between {low} and {high}" if high is not None else f"at least {low}"
    raise InvalidRequestError(
        f"{name} must be a whole number {bound}",
        details=[{"field": name, "message": f"must be {bound}"}],
    )


def details_from_validation(error: ValidationError) -> list[dict[str, Any]]:
    details = []
    for item in error.errors():
        field = ".".join(str(part) for part in item["loc"]) or None
        message = str(item["msg"]).removeprefix("Value error, ")
        details.append({"field": _FIELD_NAMES.get(field or "", field), "message": message})
    return details
