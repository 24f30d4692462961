"""Fixed-window rate limiting kept in Django's cache (Redis in production: every worker
and host agrees; local memory for `make run`, where there is one process).

Used by /api/sessions/ and /create-session/ (per client address), by the sandbox's API
(per key) and by sign-in throttling (failed attempts per account and per address).
``hit`` counts and reports, ``peek`` only reports, ``forget`` drops a caller's count.

One cache key per caller (a hash: never the address or key itself), holding the count
of the current window and expiring when the window ends. Counting is atomic on Redis
and in local memory: ``incr`` on an existing key, else ``add`` (set only if absent),
so two workers starting a window together end with a count of 2, not 1. A caller
string is used with one window length (each caller names its purpose).
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from dataclasses import dataclass

from django.core.cache import cache

logger = logging.getLogger(__name__)

KEY_PREFIX = "ratelimit:"


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
    now = time.time()
    reset_at = _window_end(now, window_seconds)
    key = _key(caller)
    # Whole seconds (Redis's EX), rounded up: a key outlives its window by under 1 s.
    ttl = max(1, math.ceil(reset_at - now))
    try:
        count = _count(key, ttl)
    except Exception:
        # Fail open: an unreachable cache must not turn every "Print on Product"
        # into a 500; the outage is logged (never the caller or the cache URL).
        logger.warning("rate limit not counted: the cache is unavailable", exc_info=False)
        count = 0
    return Usage(limit=limit, count=count, reset_at=reset_at)


def _count(key: str, ttl: int) -> int:
    count = 0
    for _ in range(3):
        try:
            count = cache.incr(key)
        except ValueError:  # no count yet, or it expired between two calls
            if cache.add(key, 1, ttl):
                count = 1
                break
            continue  # another worker started the window first: count on theirs
        if count == 1:
            # Only an increment that recreated a key expiring under it starts at 1
            # (we never store 0); Redis then keeps it forever unless told otherwise.
            cache.touch(key, ttl)
        break
    return count


def peek(caller: str, *, limit: int, window_seconds: int = 60) -> Usage:
    """The usage of ``caller`` in the current window, without counting a request."""
    try:
        count = cache.get(_key(caller)) or 0
    except Exception:
        logger.warning("rate limit not read: the cache is unavailable", exc_info=False)
        count = 0
    return Usage(limit=limit, count=int(count), reset_at=_window_end(time.time(), window_seconds))


def forget(caller: str) -> None:
    """Drop the count of ``caller`` (a successful sign-in clears its failures)."""
    cache.delete(_key(caller))


def reset() -> None:
    """Forget every count, and everything else in the cache (tests only)."""
    cache.clear()


def _key(caller: str) -> str:
    return KEY_PREFIX + hashlib.sha256(caller.encode()).hexdigest()


def _window_end(now: float, window_seconds: int) -> int:
    start = int(now) - int(now) % window_seconds
    return start + window_seconds
