"""Exceptions raised by the Printora client, and the mapping from HTTP errors to them.

``str(error)`` is written for the person reading a log or an admin message: it
says what happened and what to check. The structured fields (status, code,
details, request id, retry-after, rate limit) are there for code.
"""

from __future__ import annotations

import html
import json
import re
import time
from collections.abc import Iterable, Mapping
from http import HTTPStatus
from typing import Any

from printora_client.rate_limit import (
    RateLimit,
    header,
    parse_rate_limit,
    parse_retry_after,
    seconds_until_reset,
)

_EXCERPT_LENGTH = 200
_REDACTED = "[REDACTED]"


class PrintoraError(Exception):
    """Base class of every error raised by ``printora_client``."""

    headline = "Printora returned an error"

    def __init__(
        self,
        message: str = "",
        *,
        status: int | None = None,
        code: str | None = None,
        details: list[dict[str, Any]] | None = None,
        request_id: str | None = None,
        retry_after: float | None = None,
        rate_limit: RateLimit | None = None,
        idempotency_key: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.details = list(details or [])
        self.request_id = request_id
        self.retry_after = retry_after
        self.rate_limit = rate_limit
        # Set for create_session failures so the caller can retry the same
        # logical request later without creating a second session.
        self.idempotency_key = idempotency_key

    def _status_label(self) -> str:
        label = " ".join(str(part) for part in (self.status, self.code) if part)
        return f" ({label})" if label else ""

    def _advice(self) -> str:
        if self.status is not None and 300 <= self.status <= 399:
            return "Check PRINTORA_API_URL: the API should answer directly, not redirect."
        return ""

    def __str__(self) -> str:
        text = f"{self.headline}{self._status_label()}"
        explanation = self.message.strip().rstrip(".")
        described = _describe_details(self.details)
        if described:
            explanation = f"{explanation} — {described}" if explanation else described
        if explanation:
            text = f"{text}: {explanation}"
        text = text.rstrip(".") + "."
        advice = self._advice()
        if self.request_id:
            text = f"{text} Request id {self.request_id}."
        return f"{text} {advice}" if advice else text

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status={self.status!r}, code={self.code!r}, "
            f"message={self.message!r}, request_id={self.request_id!r})"
        )


class AuthenticationError(PrintoraError):
    headline = "Printora did not accept the API key"

    def _advice(self) -> str:
        return "Check PRINTORA_API_KEY (pk_test_… for staging, pk_live_… for production)."


class PermissionDeniedError(PrintoraError):
    headline = "Printora refused access"

    def _advice(self) -> str:
        return "The resource may belong to another partner account."


class NotFoundError(PrintoraError):
    headline = "Printora could not find the resource"


class GoneError(PrintoraError):
    """410: the thing existed but is spent for good (a used or expired editor session)."""

    headline = "Printora says it is gone"

    def _advice(self) -> str:
        return "Ask for a new one (e.g. a new edit session)."


class ConflictError(PrintoraError):
    headline = "Printora reported a conflict"


class InvalidRequestError(PrintoraError):
    """400/422 from Printora, or (``status is None``) arguments rejected before sending."""

    @property
    def headline(self) -> str:  # type: ignore[override]
        if self.status is None:
            return "Invalid request to Printora, not sent"
        return "Printora rejected the request"


class RateLimitError(PrintoraError):
    headline = "Printora rate limit exceeded"

    def _advice(self) -> str:
        if self.retry_after is None:
            return "Retry later."
        return f"Retry in {_format_seconds(self.retry_after)} s."


class ServerError(PrintoraError):
    headline = "Printora had a server error"

    def _advice(self) -> str:
        return "Retry later."


class UnexpectedResponseError(PrintoraError):
    headline = "Printora sent a response the client could not understand"


class APIConnectionError(PrintoraError):
    """The request did not get an HTTP answer (DNS, refused connection, reset...)."""

    def __init__(self, message: str = "", *, base_url: str = "", **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.base_url = base_url

    @property
    def headline(self) -> str:  # type: ignore[override]
        return f"Could not reach Printora at {self.base_url or 'the configured URL'}"

    def _advice(self) -> str:
        return "Check PRINTORA_API_URL and the network."


class APITimeoutError(APIConnectionError):
    @property
    def headline(self) -> str:  # type: ignore[override]
        return f"Printora at {self.base_url or 'the configured URL'} did not answer in time"


def _format_seconds(seconds: float) -> str:
    rounded = round(seconds, 1)
    return str(int(rounded)) if rounded == int(rounded) else str(rounded)


def _describe_details(details: list[dict[str, Any]]) -> str:
    parts = []
    for detail in details:
        field = detail.get("field")
        message = str(detail.get("message") or "").strip().rstrip(".")
        if field and message:
            parts.append(f"{field}: {message}")
        elif message or field:
            parts.append(message or str(field))
    return "; ".join(parts)


_STATUS_CLASSES: dict[int, type[PrintoraError]] = {
    400: InvalidRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    410: GoneError,
    422: InvalidRequestError,
    429: RateLimitError,
}


def _class_for_status(status: int) -> type[PrintoraError]:
    if status in _STATUS_CLASSES:
        return _STATUS_CLASSES[status]
    if 500 <= status <= 599:
        return ServerError
    if 200 <= status <= 299:
        return UnexpectedResponseError
    return PrintoraError


def _normalise_details(raw: Any) -> list[dict[str, Any]]:
    # Servers disagree on the shape: a list of {field, message}, a list of
    # strings, or a {field: message} mapping. Callers get one shape.
    if isinstance(raw, Mapping):
        return [{"field": str(key), "message": str(value)} for key, value in raw.items()]
    if not isinstance(raw, list):
        return []
    details: list[dict[str, Any]] = []
    for item in raw:
        if isinstance(item, Mapping):
            details.append(dict(item))
        elif item is not None:
            details.append({"field": None, "message": str(item)})
    return details


def _text_excerpt(text: str) -> str:
    title = re.search(r"<title[^>]*>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
    if title:
        text = title.group(1)
    else:
        text = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", text, flags=re.I | re.S)
        text = re.sub(r"<[^>]+>", " ", text)
    text = " ".join(html.unescape(text).split())
    if len(text) > _EXCERPT_LENGTH:
        text = text[: _EXCERPT_LENGTH - 1].rstrip() + "…"
    return text


def _string_or_none(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value)


def _parse_error_body(text: str) -> tuple[str | None, str | None, list[dict[str, Any]], str | None]:
    """(code, message, details, request id) from whatever the body holds."""
    try:
        payload = json.loads(text) if text.strip() else None
    except ValueError:
        return None, _text_excerpt(text) or None, [], None
    if not isinstance(payload, Mapping):
        return None, _text_excerpt(text) if payload is not None else None, [], None
    error = payload.get("error")
    # Documented envelope: {"success": false, "error": {...}}; otherwise the
    # fields may sit at the top level, or "error" may be a bare string.
    source: Mapping[str, Any] = error if isinstance(error, Mapping) else payload
    code = _string_or_none(source.get("code"))
    message = _string_or_none(source.get("message"))
    if message is None and isinstance(error, str):
        message = error
    if message is None:
        message = _string_or_none(source.get("detail"))
    details = _normalise_details(source.get("details", source.get("errors")))
    request_id = _string_or_none(source.get("requestId") or payload.get("requestId"))
    return code, message, details, request_id


def _redact(value: Any, secrets: list[str]) -> Any:
    if isinstance(value, str):
        for secret in secrets:
            value = value.replace(secret, _REDACTED)
        return value
    if isinstance(value, dict):
        return {key: _redact(item, secrets) for key, item in value.items()}
    if isinstance(value, list):
        return [_redact(item, secrets) for item in value]
    return value


def error_from_response(
    status: int,
    body: bytes | str | None,
    headers: Mapping[str, str] | None = None,
    *,
    reason: str | None = None,
    redact: Iterable[str] = (),
    now: float | None = None,
    idempotency_key: str | None = None,
) -> PrintoraError:
    """Build the ``PrintoraError`` subclass matching an HTTP error response.

    ``redact`` lists strings (the API key) that must never appear in the error,
    even if the server echoes them back. ``now`` is the unix time used to turn
    ``Retry-After`` dates and ``X-RateLimit-Reset`` into seconds.
    """
    now = time.time() if now is None else now
    text = body.decode("utf-8", errors="replace") if isinstance(body, bytes) else (body or "")
    code, message, details, body_request_id = _parse_error_body(text)
    if not message:
        try:
            message = reason or HTTPStatus(status).phrase
        except ValueError:
            message = f"HTTP {status}"

    retry_after = parse_retry_after(headers, now)
    if retry_after is None and status == 429:
        retry_after = seconds_until_reset(headers, now)

    secrets = [secret for secret in redact if secret]
    error_class = _class_for_status(status)
    return error_class(
        _redact(message, secrets),
        status=status,
        code=_redact(code, secrets),
        details=_redact(details, secrets),
        request_id=header(headers, "X-Request-Id") or body_request_id,
        retry_after=retry_after,
        rate_limit=parse_rate_limit(headers, now),
        idempotency_key=idempotency_key,
    )
