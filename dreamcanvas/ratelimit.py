"""Fixed-window rate limiting kept in the database (no process memory: several workers agree).

Used by /api/sessions/ (per client address) and by the sandbox's API (per key).
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
    bucket = hashlib.sha256(caller.encode()).hexdigest()  # never store keys or addresses
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


def reset() -> None:
    """Forget every count (tests; after changing limits)."""
    RateLimitCounter.objects.all().delete()


def _window_start(now: datetime, window_seconds: int) -> datetime:
    epoch = int(now.timestamp())
    return datetime.fromtimestamp(epoch - epoch % window_seconds, tz=now.tzinfo)
