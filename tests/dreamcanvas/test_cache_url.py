"""CACHE_URL: local memory by default, Django's own RedisCache for redis:// URLs."""

from __future__ import annotations

import pytest

from dreamcanvas import config
from tests.helpers import GOOD_SECRET, assert_fails_with_one_line, run_check


def test_locmem_is_the_default_shape():
    assert config.cache("locmem://") == {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "dreamcanvas",
    }


@pytest.mark.parametrize(
    ("url", "location"),
    [
        ("redis://127.0.0.1:6379/8", "redis://127.0.0.1:6379/8"),
        ("rediss://cache.internal:6380/0", "rediss://cache.internal:6380/0"),
        ("redis://:pw@cache.internal:6379/1", "redis://:pw@cache.internal:6379/1"),
    ],
)
def test_a_redis_url_uses_djangos_own_redis_cache(url, location):
    parsed = config.cache(url)
    assert parsed["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert parsed["LOCATION"] == location


def test_only_a_deployment_with_several_workers_in_mind_is_warned_about_locmem():
    assert config.cache_warnings(config.cache("locmem://"), debug=True) == []
    assert config.cache_warnings(config.cache("redis://h:6379/0"), debug=False) == []
    [warning] = config.cache_warnings(config.cache("locmem://"), debug=False)
    assert "CACHE_URL" in warning


@pytest.mark.parametrize(
    "url", ["memcache://127.0.0.1:11211", "nonsense", "dummycache://", "redis-ish://:pw@h/0"]
)
def test_it_refuses_another_cache_url_in_one_line_without_echoing_it(tmp_path, url):
    result = run_check(tmp_path, DEBUG="true", CACHE_URL=url)
    line = assert_fails_with_one_line(result, "CACHE_URL")
    assert url not in line


def test_the_settings_use_the_cache_url(tmp_path):
    result = run_check(
        tmp_path,
        DEBUG="false",
        SECRET_KEY=GOOD_SECRET,
        PRINTORA_API_KEY="pk_test_abc123",
        PRINTORA_WEBHOOK_SECRET="whsec_real",
        CACHE_URL="redis://127.0.0.1:6379/9",
    )
    assert result.returncode == 0, result.stderr
    assert "CACHE_URL is local memory" not in result.stderr


def test_production_on_local_memory_is_warned_once_at_start_up(tmp_path):
    result = run_check(
        tmp_path,
        DEBUG="false",
        SECRET_KEY=GOOD_SECRET,
        PRINTORA_API_KEY="pk_test_abc123",
        PRINTORA_WEBHOOK_SECRET="whsec_real",
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("CACHE_URL is local memory") == 1
