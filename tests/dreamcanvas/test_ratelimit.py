"""The rate limiter counts in Django's cache (locmem here, Redis in CI's PostgreSQL pass)."""

from __future__ import annotations

import logging
import threading
import time

import pytest
from django.core.cache import cache

from dreamcanvas import ratelimit

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
    key = ratelimit._key("203.0.113.7")
    assert "203.0.113.7" not in key
    assert cache.get(key) == 1


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


def test_counting_writes_nothing_to_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        ratelimit.hit("a", limit=2)
        ratelimit.peek("a", limit=2)
        ratelimit.forget("a")


def test_the_count_expires_with_its_window():
    ratelimit.hit("a", limit=2, window_seconds=1)
    time.sleep(2.1)  # the key outlives its 1 s window by under a second
    assert ratelimit.hit("a", limit=2, window_seconds=1).count == 1


def test_concurrent_hits_from_many_threads_are_all_counted():
    barrier = threading.Barrier(8)

    def burst() -> None:
        barrier.wait()
        for _ in range(25):
            ratelimit.hit("crowd", limit=1000)

    threads = [threading.Thread(target=burst) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert ratelimit.peek("crowd", limit=1000).count == 200


class RacingCache:
    """The cache, with a key that expires (or is started by another worker) at the
    worst moment: between two of the limiter's calls."""

    def __init__(self, *, expire_before_incr: bool = False, other_adds: bool = False):
        self.expire_before_incr = expire_before_incr
        self.other_adds = other_adds
        self.touched: list[tuple[str, int]] = []

    def incr(self, key):
        if self.expire_before_incr:
            # Redis's INCR on a key that just expired recreates it at 1, without a TTL.
            self.expire_before_incr = False
            cache.delete(key)
            cache.set(key, 1, None)
            return 1
        return cache.incr(key)

    def add(self, key, value, timeout):
        if self.other_adds:
            self.other_adds = False
            cache.add(key, 1, timeout)  # another worker got there first
            return False
        return cache.add(key, value, timeout)

    def touch(self, key, timeout):
        self.touched.append((key, timeout))
        return cache.touch(key, timeout)


def test_a_key_recreated_by_an_increment_gets_its_expiry_back(monkeypatch):
    ratelimit.hit("a", limit=5)
    racing = RacingCache(expire_before_incr=True)
    monkeypatch.setattr(ratelimit, "cache", racing)

    usage = ratelimit.hit("a", limit=5)

    assert usage.count == 1
    assert [key for key, _ in racing.touched] == [ratelimit._key("a")]
    assert 1 <= racing.touched[0][1] <= 60


def test_a_window_started_by_another_worker_is_counted_on(monkeypatch):
    monkeypatch.setattr(ratelimit, "cache", RacingCache(other_adds=True))

    assert ratelimit.hit("a", limit=5).count == 2


class DownCache:
    def incr(self, key):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    add = get = touch = incr


def test_an_unreachable_cache_lets_requests_through_with_a_warning(monkeypatch, caplog):
    monkeypatch.setattr(ratelimit, "cache", DownCache())

    with caplog.at_level(logging.WARNING, logger="dreamcanvas.ratelimit"):
        usage = ratelimit.hit("203.0.113.7", limit=1)
        peeked = ratelimit.peek("203.0.113.7", limit=1)

    assert (usage.count, usage.exceeded, peeked.count) == (0, False, 0)
    assert "the cache is unavailable" in caplog.text
    assert "203.0.113.7" not in caplog.text and "6379" not in caplog.text
