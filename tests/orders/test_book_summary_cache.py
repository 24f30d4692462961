"""The summary strip's aggregate is shared through the cache for at most 3 s, the live
cursor stays exact, and the live endpoint keeps sending the summary after a change."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from orders import summary
from orders.models import Order
from tests.helpers import make_order, matched

pytestmark = pytest.mark.django_db


def paid_chip(response) -> str:
    chip = r'data-status="paid">Paid <span class="dash-chip__count">(\d+)<'
    return matched(chip, response.text, 1)


def live_cursor(response) -> str:
    return matched(r'data-live-cursor="([^"]+)"', response.text, 1)


def test_the_aggregate_is_kept_in_the_cache_for_at_most_three_seconds():
    assert summary.SUMMARY_MAX_AGE <= 4  # the live poll's interval (LIVE_POLL_MS)
    make_order("a")

    summary.book_summary()

    rows = cache.get(summary.CACHE_KEY)
    assert [(row["status"], row["count"]) for row in rows] == [("paid", 1)]


def test_within_its_age_the_summary_comes_from_the_cache_but_the_cursor_is_fresh(
    client, monkeypatch
):
    monkeypatch.setattr(summary, "SUMMARY_MAX_AGE", 60)  # however slow this machine is
    make_order("a")
    first = client.get("/dashboard/")
    newest = make_order("b")

    second = client.get("/dashboard/")

    assert paid_chip(first) == paid_chip(second) == "1"  # cached: b not counted yet
    assert live_cursor(second) == newest.updated.isoformat(timespec="microseconds")
    cache.delete(summary.CACHE_KEY)  # what SUMMARY_MAX_AGE seconds do
    assert paid_chip(client.get("/dashboard/")) == "2"


def test_the_summary_costs_one_query_with_or_without_the_cache():
    make_order("a")
    with CaptureQueriesContext(connection) as cold:
        computed = summary.book_summary()
    with CaptureQueriesContext(connection) as warm:
        cached = summary.book_summary()

    assert len(cold) == len(warm) == 1
    assert "GROUP BY" in cold[0]["sql"] and "GROUP BY" not in warm[0]["sql"]
    assert computed == cached


class DownCache:
    def get(self, *args, **kwargs):
        raise ConnectionError("Connection refused")

    set = get


def test_an_unreachable_cache_still_renders_the_dashboard(client, monkeypatch, caplog):
    make_order("a")
    monkeypatch.setattr(summary, "cache", DownCache())

    response = client.get("/dashboard/")

    assert response.status_code == 200
    assert paid_chip(response) == "1"
    assert "book summary not cached" in caplog.text


def test_a_poll_long_after_the_last_change_costs_one_query_and_carries_no_summary(client):
    order = make_order("a")
    changed = timezone.now() - dt.timedelta(minutes=5)
    Order.objects.filter(pk=order.pk).update(updated=changed)
    since = (changed + dt.timedelta(seconds=10)).isoformat()  # beyond the 5 s overlap

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/dashboard/live/", {"since": since})

    assert response.status_code == 200
    assert "summary" not in response.json()
    assert len(queries) == 1


def test_polls_just_after_a_change_carry_the_summary_even_without_rows(client):
    make_order("a")
    cursor = client.get("/dashboard/live/").json()["cursor"]  # nothing newer than this

    response = client.get("/dashboard/live/", {"since": cursor})

    assert response.json()["orders"] == [] or all(
        row["updated"] <= cursor for row in response.json()["orders"]
    )
    assert "summary" in response.json()
    assert "dash-chip__count" in response.json()["summary"]["chips"]


def test_a_summary_that_changed_changes_the_etag(client):
    make_order("a")
    cursor = client.get("/dashboard/live/").json()["cursor"]
    first = client.get("/dashboard/live/", {"since": cursor})
    assert (
        client.get(
            "/dashboard/live/", {"since": cursor}, headers={"If-None-Match": first["ETag"]}
        ).status_code
        == 304
    )
    # Another order counted (its own change is older than the cursor's overlap).
    other = make_order("b")
    Order.objects.filter(pk=other.pk).update(updated=timezone.now() - dt.timedelta(minutes=5))
    cache.delete(summary.CACHE_KEY)

    again = client.get(
        "/dashboard/live/", {"since": cursor}, headers={"If-None-Match": first["ETag"]}
    )

    assert again.status_code == 200
    assert 'dash-chip__count">2<' in again.json()["summary"]["chips"]


def test_an_unchanged_poll_on_an_old_cursor_is_a_304_for_one_query(client):
    order = make_order("a")
    changed = timezone.now() - dt.timedelta(minutes=5)
    Order.objects.filter(pk=order.pk).update(updated=changed)
    params = {"since": changed.isoformat()}  # the order is re-read (the 5 s overlap)
    first = client.get("/dashboard/live/", params)
    assert [row["id"] for row in first.json()["orders"]] == ["a"]

    with CaptureQueriesContext(connection) as queries:
        again = client.get("/dashboard/live/", params, headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 304
    assert len(queries) == 1
