"""Reading the server's pacing hints: rate-limit headers and ``Retry-After``.

Every parser here returns ``None`` for anything it cannot read: a malformed
header from a proxy must never turn a successful call into an exception.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

# A reset value below this cannot be a unix time (it would be before 2001), so
# it is read as "seconds from now", which some gateways send instead.
_SMALLEST_PLAUSIBLE_EPOCH = 1_000_000_000


@dataclass(frozen=True, slots=True)
class RateLimit:
    """The rate-limit window reported by the last response."""

    limit: int | None
    remaining: int | None
    reset_at: datetime | None


def header(headers: Mapping[str, str] | None, name: str) -> str | None:
    """Case-insensitive header lookup that also works on plain dicts."""
    if not headers:
        return None
    value = headers.get(name)
    if value is None:
        lowered = name.lower()
        value = next((v for k, v in headers.items() if k.lower() == lowered), None)
    return value if isinstance(value, str) else None


def _non_negative_int(raw: str | None) -> int | None:
    if raw is None:
        return None
    try:
        value = int(raw.strip())
    except ValueError:
        return None
    return value if value >= 0 else None


def _finite_non_negative_float(raw: str | None) -> float | None:
    if raw is None:
        return None
    try:
        value = float(raw.strip())
    except ValueError:
        return None
    if not math.isfinite(value) or value < 0:
        return None
    return value


def _reset_epoch(headers: Mapping[str, str] | None, now: float) -> float | None:
    value = _finite_non_negative_float(header(headers, "X-RateLimit-Reset"))
    if value is None:
        return None
    return value if value >= _SMALLEST_PLAUSIBLE_EPOCH else now + value


def parse_rate_limit(headers: Mapping[str, str] | None, now: float) -> RateLimit | None:
    """The ``X-RateLimit-*`` headers as a ``RateLimit``; ``None`` when none are readable."""
    limit = _non_negative_int(header(headers, "X-RateLimit-Limit"))
    remaining = _non_negative_int(header(headers, "X-RateLimit-Remaining"))
    reset_at: datetime | None = None
    epoch = _reset_epoch(headers, now)
    if epoch is not None:
        try:
            reset_at = datetime.fromtimestamp(epoch, tz=UTC)
        except (OverflowError, OSError, ValueError):
            reset_at = None
    if limit is None and remaining is None and reset_at is None:
        return None
    return RateLimit(limit=limit, remaining=remaining, reset_at=reset_at)


def seconds_until_reset(headers: Mapping[str, str] | None, now: float) -> float | None:
    """Seconds until the rate-limit window resets (never negative), if the server said."""
    epoch = _reset_epoch(headers, now)
    if epoch is None:
        return None
    return max(0.0, epoch - now)


def parse_retry_after(headers: Mapping[str, str] | None, now: float) -> float | None:
    """``Retry-After`` in seconds: either delta-seconds or an HTTP date (RFC 9110)."""
    raw = header(headers, "Retry-After")
    if raw is None or not raw.strip():
        return None
    seconds = _finite_non_negative_float(raw)
    if seconds is not None:
        return seconds
    try:
        when = parsedate_to_datetime(raw.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        # RFC 9110 dates are always GMT; email.utils returns naive for "-0000".
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - now)
