"""Fixed-window rate limiting kept in the database (no process memory: several workers agree).

Used by /api/sessions/ and /create-session/ (per client address), by the sandbox's API
(per key) and by sign-in throttling (failed attempts per account and per address).
``hit`` counts and reports, ``peek`` only reports: callers never touch the table, so the
counters can move to another store (Django's cache) behind the same three functions.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import F
from django.utils import timezone

from dreamcanvas.models import RateLimitCounter


@dataclass(frozen=True)
class Usage:
    limit: int
    count: int
    reset_at: int  # unix seconds

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.count)

    @property
    def exceeded(self) -> bool:
        return self.count > self.limit

    def retry_after(self, now: float | None = None) -> int:
        return max(1, math.ceil(self.reset_at - (time.time() if now is None else now)))

    def headers(self) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(self.reset_at),
        }


def hit(caller: str, *, limit: int, window_seconds: int = 60) -> Usage:
    """Count one request by ``caller`` in the current window and report the usage."""
    bucket = _bucket(caller)
    window = _window_start(timezone.now(), window_seconds)
    counters = RateLimitCounter.objects.filter(bucket=bucket, window_start=window)
    if not counters.update(count=F("count") + 1):
        RateLimitCounter.objects.bulk_create(
            [RateLimitCounter(bucket=bucket, window_start=window)], ignore_conflicts=True
        )
        counters.update(count=F("count") + 1)
        # A new window is a good moment to forget old ones.
        RateLimitCounter.objects.filter(window_start__lt=window - timedelta(hours=1)).delete()
    return Usage(
        limit=limit,
        count=counters.values_list("count", flat=True).get(),
        reset_at=int(window.timestamp()) + window_seconds,
    )


def peek(caller: str, *, limit: int, window_seconds: int = 60) -> Usage:
    """The usage of ``caller`` in the current window, without counting a request."""
    window = _window_start(timezone.now(), window_seconds)
    count = (
        RateLimitCounter.objects.filter(bucket=_bucket(caller), window_start=window)
        .values_list("count", flat=True)
        .first()
    )
    return Usage(limit=limit, count=count or 0, reset_at=int(window.timestamp()) + window_seconds)


def forget(caller: str) -> None:
    """Drop every count of ``caller`` (a successful sign-in clears its failures)."""
    RateLimitCounter.objects.filter(bucket=_bucket(caller)).delete()


def reset() -> None:
    """Forget every count (tests; after changing limits)."""
    RateLimitCounter.objects.all().delete()


def _bucket(caller: str) -> str:
    return hashlib.sha256(caller.encode()).hexdigest()  # never store keys or addresses


def _window_start(now: datetime, window_seconds: int) -> datetime:
    epoch = int(now.timestamp())
    return datetime.fromtimestamp(epoch - epoch % window_seconds, tz=now.tzinfo)
