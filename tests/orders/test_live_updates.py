"""The live endpoint polled by static/js/dashboard.js: changes since a cursor, ETag, 304."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from orders.models import Order
from tests.helpers import make_order

pytestmark = pytest.mark.django_db

URL = "/dashboard/live/"
JS = Path(__file__).resolve().parents[2] / "static" / "js" / "dashboard.js"


def backdate(order: Order, minutes: int = 60) -> Order:
    """Pretend the order last changed a while ago (update() leaves auto_now alone)."""
    Order.objects.filter(pk=order.pk).update(updated=timezone.now() - dt.timedelta(minutes=minutes))
    order.refresh_from_db()
    return order


def cursor_of(order: Order) -> str:
    return order.updated.isoformat(timespec="microseconds")


def minutes_ago(minutes: int) -> str:
    """A cursor from a while back. (The endpoint re-reads a few seconds before the
    cursor, for changes committed late; orders in these tests changed long before.)"""
    return (timezone.now() - dt.timedelta(minutes=minutes)).isoformat(timespec="microseconds")


def ids(response) -> list[str]:
    return [row["id"] for row in response.json()["orders"]]


def test_without_a_cursor_it_only_hands_out_the_current_one(client):
    order = backdate(make_order("a"))

    response = client.get(URL)

    assert response.status_code == 200
    assert response.json()["orders"] == []
    assert response.json()["cursor"] == cursor_of(order)


def test_it_returns_only_orders_changed_since_the_cursor(client):
    backdate(make_order("old"), minutes=60)
    make_order("new", email="new@example.com")

    response = client.get(URL, {"since": minutes_ago(30)})

    assert ids(response) == ["new"]
    row = response.json()["orders"][0]
    assert row["matches"] is True and row["new"] is True
    assert row["html"].startswith('<tr class="dash-row" data-order-id="new"')
    assert "new@example.com" in row["html"]
    new = Order.objects.get(printora_order_id="new")
    assert response.json()["cursor"] == row["updated"] == cursor_of(new)


def test_a_changed_order_comes_back_with_its_new_status(client):
    order = make_order("a")
    Order.objects.filter(pk=order.pk).update(
        created=timezone.now() - dt.timedelta(days=2),
        updated=timezone.now() - dt.timedelta(days=1),
    )
    cursor = minutes_ago(30)
    assert ids(client.get(URL, {"since": cursor})) == []

    make_order("a", event="order.shipped", timestamp="2026-03-02T10:00:00Z")

    response = client.get(URL, {"since": cursor})
    assert ids(response) == ["a"]
    row = response.json()["orders"][0]
    assert "badge--shipped" in row["html"]
    assert row["new"] is False  # changed, not new: updated in place, never put on top


def test_nothing_new_since_the_last_answer_is_a_304_with_the_same_etag(client):
    backdate(make_order("old"))
    make_order("new")
    since = {"since": minutes_ago(30)}

    first = client.get(URL, since)
    assert first.status_code == 200
    etag = first["ETag"]
    assert etag.startswith('"') and etag.endswith('"')

    again = client.get(URL, since, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert again.content == b""

    make_order("newer")
    changed = client.get(URL, since, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert set(ids(changed)) == {"new", "newer"}


def test_an_empty_answer_is_also_cached_by_etag(client):
    backdate(make_order("a"))
    since = {"since": minutes_ago(30)}
    etag = client.get(URL, since)["ETag"]

    assert client.get(URL, since, headers={"If-None-Match": f'W/{etag}, "x"'}).status_code == 304
    assert client.get(URL, since, headers={"If-None-Match": '"other"'}).status_code == 200


def test_live_answers_are_private_and_never_cached_by_the_browser(client):
    response = client.get(URL)

    assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]


def test_rows_that_no_longer_match_the_filters_are_flagged(client):
    backdate(make_order("anchor"))
    since = minutes_ago(30)
    make_order("paid_one")
    make_order("shipped_one", event="order.shipped")

    response = client.get(URL, {"since": since, "status": "paid"})

    matches = {row["id"]: row["matches"] for row in response.json()["orders"]}
    assert matches == {"paid_one": True, "shipped_one": False}


def test_the_search_applies_to_live_rows_too(client):
    backdate(make_order("anchor"))
    since = minutes_ago(30)
    make_order("maya", email="maya@example.com")
    make_order("olu", email="olu@example.com")

    response = client.get(URL, {"since": since, "q": "maya"})

    matches = {row["id"]: row["matches"] for row in response.json()["orders"]}
    assert matches == {"maya": True, "olu": False}


def test_changes_come_with_fresh_summary_and_chip_fragments(client):
    since = cursor_of(backdate(make_order("a")))
    make_order("b", event="order.shipped")

    summary = client.get(URL, {"since": since}).json()["summary"]

    assert 'badge--shipped">Shipped</span> 1' in summary["strip"]
    assert 'data-status="paid">Paid <span class="dash-chip__count">1<' in summary["chips"]


@pytest.mark.parametrize(
    "since",
    [
        "yesterday",
        "2026-13-01T00:00:00",
        "2026-03-01T10:00:00+99:00",
        "0001-01-01T00:00:00+00:00",
        "2026-03-01T10:00:00" + "0" * 400,
    ],
)
def test_a_bad_cursor_is_a_400_not_a_500(client, since):
    response = client.get(URL, {"since": since})

    assert response.status_code == 400
    assert "since" in response.json()["error"]


def test_a_cursor_in_zulu_time_or_with_an_unencoded_plus_is_understood(client):
    order = backdate(make_order("a"))
    zulu = order.updated.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    plus = cursor_of(order).replace("+", " ")  # what an unencoded '+' becomes

    assert client.get(URL, {"since": zulu}).status_code == 200
    assert client.get(f"{URL}?since={plus}").status_code == 200


def test_the_live_endpoint_runs_a_fixed_number_of_queries(client):
    backdate(make_order("anchor"))
    since = minutes_ago(30)

    def measure(count: int) -> int:
        for i in range(count):
            make_order(f"live_{count}_{i}", email=f"c{i}@example.com")
        cache.clear()  # both measurements count the cached figures' queries too
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL, {"since": since})
        assert len(response.json()["orders"]) >= count
        return len(queries)

    assert measure(5) == measure(50)


def test_the_script_polls_with_the_etag_pauses_when_hidden_and_never_injects_data():
    script = JS.read_text()

    assert "If-None-Match" in script
    assert "document.hidden" in script and "visibilitychange" in script
    assert "textContent" in script
    # The only markup inserted is the server's rendered fragments, in one place.
    assert script.count(".innerHTML") == 1
    assert "template.innerHTML = html" in script
    assert "insertAdjacentHTML" not in script and "outerHTML" not in script


def test_a_change_stamped_a_moment_before_the_cursor_is_still_sent(client):
    # Two workers: one stamps `updated`, commits a little later than another whose
    # newer stamp already moved the cursor. A few seconds of overlap catch it; the
    # browser skips rows it already shows.
    late = make_order("late")
    cursor = (late.updated + dt.timedelta(seconds=1)).isoformat(timespec="microseconds")

    response = client.get(URL, {"since": cursor})

    assert ids(response) == ["late"]
    assert response.json()["cursor"] == cursor  # the cursor never moves back


def test_a_burst_larger_than_one_answer_sends_the_latest_and_says_it_is_truncated(
    client, monkeypatch
):
    from orders.views import book as views

    monkeypatch.setattr(views, "LIVE_LIMIT", 3)
    since = minutes_ago(30)
    for i in range(5):
        make_order(f"burst_{i}")

    data = client.get(URL, {"since": since}).json()

    assert data["truncated"] is True
    assert [row["id"] for row in data["orders"]] == ["burst_2", "burst_3", "burst_4"]
    assert data["cursor"] == data["orders"][-1]["updated"]
    assert client.get(URL, {"since": data["cursor"]}).json()["truncated"] is False
