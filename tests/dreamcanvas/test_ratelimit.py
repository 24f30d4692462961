from __future__ import annotations

import time

import pytest

from dreamcanvas import ratelimit
from dreamcanvas.models import RateLimitCounter

pytestmark = pytest.mark.django_db


def test_it_counts_each_caller_separately_within_a_window():
    usages = [ratelimit.hit("a", limit=2) for _ in range(3)]
    assert [u.count for u in usages] == [1, 2, 3]
    assert [u.exceeded for u in usages] == [False, False, True]
    assert [u.remaining for u in usages] == [1, 0, 0]
    assert ratelimit.hit("b", limit=2).count == 1


def test_it_reports_when_the_window_resets():
    usage = ratelimit.hit("a", limit=5, window_seconds=60)
    assert usage.reset_at % 60 == 0
    assert 0 < usage.reset_at - time.time() <= 60
    assert 1 <= usage.retry_after() <= 60
    assert usage.headers()["X-RateLimit-Limit"] == "5"


def test_it_never_stores_the_caller_itself():
    ratelimit.hit("203.0.113.7", limit=5)
    assert "203.0.113.7" not in RateLimitCounter.objects.get().bucket


def test_peek_reports_the_usage_without_counting():
    assert ratelimit.peek("a", limit=2, window_seconds=900).count == 0
    ratelimit.hit("a", limit=2, window_seconds=900)
    usage = ratelimit.peek("a", limit=2, window_seconds=900)
    assert (usage.count, usage.remaining) == (1, 1)
    assert ratelimit.peek("a", limit=2, window_seconds=900).count == 1


def test_forget_drops_one_callers_counts_only():
    ratelimit.hit("a", limit=2)
    ratelimit.hit("b", limit=2)
    ratelimit.forget("a")
    assert ratelimit.peek("a", limit=2).count == 0
    assert ratelimit.peek("b", limit=2).count == 1
