"""The search: an exact id/number/session/e-mail first (B-tree), else a substring search
that PostgreSQL serves from trigram indexes; a term with a space is a name."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection

from orders import selectors, summary
from orders.models import Order
from tests.helpers import make_order

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="pg_trgm and its indexes exist on PostgreSQL only (CI runs this on PostgreSQL)",
)


def row_ids(response) -> list[str]:
    return re.findall(r'<tr class="dash-row[^"]*" data-order-id="([^"]+)"', response.text)


@pytest.fixture
def book():
    make_order("ord_maya", number="ORD-7", email="maya@example.com", first_name="Maya")
    make_order("ord_anna", number="ORD-77", email="anna.maya@example.com", first_name="Anna")
    make_order("ord_olu", email="olu@example.org", first_name="Olu", last_name="Maya Chen")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("maya@example.com", ["ord_maya"]),  # exact e-mail: not anna.maya@example.com too
        ("MAYA@Example.com", ["ord_maya"]),  # e-mail in any case
        ("ORD-7", ["ord_maya"]),  # exact number: not ORD-77
        ("ord_anna", ["ord_anna"]),  # order id
        ("sess_ord_olu", ["ord_olu"]),  # session id
        ("maya", ["ord_olu", "ord_anna", "ord_maya"]),  # no exact hit: substrings
        ("maya chen", ["ord_olu"]),  # a space: names only
    ],
)
def test_an_exact_match_wins_and_anything_else_is_a_substring_search(client, book, query, expected):
    response = client.get("/dashboard/", {"q": query})

    assert row_ids(response) == expected


def test_the_exact_probe_runs_only_for_a_single_word(django_assert_num_queries, book):
    with django_assert_num_queries(0):
        assert selectors.resolve_search(selectors.OrderFilters(q="maya chen")).exact is False
    with django_assert_num_queries(1):
        assert selectors.resolve_search(selectors.OrderFilters(q="ORD-7")).exact is True
    with django_assert_num_queries(1):
        assert selectors.resolve_search(selectors.OrderFilters(q="ORD")).exact is False


def test_the_export_and_the_live_rows_follow_the_exact_match(client, book):
    body = b"".join(client.get("/dashboard/export.csv", {"q": "ORD-7"}).streaming_content)
    assert b"ord_maya" in body and b"ord_anna" not in body

    live = client.get("/dashboard/live/", {"q": "ORD-7", "since": "2000-01-01T00:00:00Z"})
    matches = {row["id"]: row["matches"] for row in live.json()["orders"]}
    assert matches["ord_maya"] is True and matches["ord_anna"] is False


def plan(queryset) -> str:
    """The plan PostgreSQL picks when only a bitmap index scan is cheap (a tiny test
    table would otherwise be scanned, or walked along another index)."""
    queryset = queryset.order_by()
    with connection.cursor() as cursor:
        for setting in ("enable_seqscan", "enable_indexscan", "enable_indexonlyscan"):
            cursor.execute(f"SET LOCAL {setting} = off")
        sql, params = queryset.query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@on_postgresql
def test_postgresql_serves_the_substring_search_from_the_trigram_indexes(book):
    condition = selectors.OrderFilters(q="maya").condition()

    text = plan(Order.objects.filter(condition).values("pk"))

    for index in ("order_orderid_trgm", "order_number_trgm", "order_session_trgm"):
        assert index in text
    assert "order_email_trgm" in text and "order_name_trgm" in text


@on_postgresql
def test_postgresql_serves_an_exact_email_from_its_upper_index(book):
    condition = selectors.OrderFilters(q="maya@example.com", exact=True).condition()

    assert "order_email_upper" in plan(Order.objects.filter(condition).values("pk"))


@on_postgresql
def test_postgresql_counts_the_summary_from_the_covering_index(book):
    with connection.cursor() as cursor:
        # Only an index-only scan is cheap: the index must hold every column read.
        for setting in ("enable_seqscan", "enable_indexscan", "enable_bitmapscan"):
            cursor.execute(f"SET LOCAL {setting} = off")
        queryset = (
            Order.objects.order_by()
            .values("status", "currency")
            .annotate(**{"n": summary.Count("id")})
        )
        sql, params = queryset.query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        text = "\n".join(row[0] for row in cursor.fetchall())

    assert "order_book_summary" in text


@on_postgresql
@pytest.mark.parametrize(
    ("filters", "index"),
    [
        (selectors.OrderFilters(creator="anya-artwork"), "order_creator_slug_status"),
        (selectors.OrderFilters(date_from=dt.date(2026, 1, 1)), "order_created_status"),
    ],
)
def test_postgresql_counts_the_chips_of_a_creator_or_a_date_range_from_an_index_alone(
    filters, index
):
    make_order("anya_1", creator={"id": "cr_anya", "slug": "anya-artwork"})
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        counted = Order.objects.filter(filters.condition()).order_by().values("status")
        sql, params = counted.annotate(count=summary.Count("*")).query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        text = "\n".join(row[0] for row in cursor.fetchall())

    assert f"Index Only Scan using {index}" in text
