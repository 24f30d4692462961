"""/dashboard/export.csv: the filtered orders, streamed, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io

import pytest
from django.db.models.query import QuerySet
from django.http import StreamingHttpResponse

from orders.views.export import csv_cell
from tests.helpers import make_order

pytestmark = pytest.mark.django_db

URL = "/dashboard/export.csv"


def read_csv(response) -> list[dict[str, str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(body)))


def test_the_export_is_a_streamed_csv_attachment(client):
    make_order("a")

    response = client.get(URL)

    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="orders-')
    assert response["Content-Disposition"].endswith('.csv"')


def test_each_order_is_one_row_with_sensible_columns(client):
    make_order(
        "ord_1",
        number="ORD-1",
        email="maya@example.com",
        first_name="Maya",
        last_name="Chen",
        total=20.11,
        items=[{"productName": "Mug", "quantity": 2}, {"productName": "Tee"}],
        paymentStatus="paid",
    )
    make_order(
        "ord_1",
        event="order.shipped",
        timestamp="2026-03-02T10:00:00Z",
        carrier="UPS",
        trackingNumber="1Z999",
    )

    rows = read_csv(client.get(URL))

    assert len(rows) == 1
    row = rows[0]
    assert row["order_id"] == "ord_1"
    assert row["order_number"] == "ORD-1"
    assert row["status"] == "shipped"
    assert row["payment_status"] == "paid"
    assert row["total"] == "20.11"
    assert row["currency"] == "USD"
    assert row["customer_name"] == "Maya Chen"
    assert row["customer_email"] == "maya@example.com"
    assert row["items"] == "2 × Mug, 1 × Tee"
    assert row["carrier"] == "UPS" and row["tracking_number"] == "1Z999"
    assert row["shipped_at"].startswith("2026-03-02T10:00:00")
    assert row["created"].endswith("+00:00")


def test_the_export_follows_the_dashboard_filters_and_sort(client):
    make_order("cheap", total=5, email="a@shop.example")
    make_order("dear", total=50, email="b@shop.example")
    make_order("elsewhere", total=500, email="c@other.example")
    make_order("shipped", total=9, email="d@shop.example", event="order.shipped")

    rows = read_csv(client.get(URL, {"q": "shop.example", "status": "paid", "sort": "-total"}))

    assert [row["order_id"] for row in rows] == ["dear", "cheap"]


@pytest.mark.parametrize("formula", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"])
def test_cells_that_would_run_as_formulas_are_quoted(client, formula):
    make_order("evil", first_name=formula, email="evil@example.com")

    row = read_csv(client.get(URL))[0]

    assert row["customer_name"] == "'" + formula
    assert row["customer_email"] == "evil@example.com"


def test_the_formula_guard_covers_tabs_and_carriage_returns_but_not_numbers():
    assert csv_cell("\t=1") == "'\t=1"
    assert csv_cell("\r=1") == "'\r=1"
    assert csv_cell("plain") == "plain"
    assert csv_cell(None) == ""
    from decimal import Decimal

    assert csv_cell(Decimal("-5.5")) == "-5.50"  # a negative total stays a number


def test_rows_are_read_in_chunks_of_2000_from_values_list(client, monkeypatch):
    make_order("a")
    calls = []
    original = QuerySet.iterator

    def spy(self, chunk_size=None):
        calls.append((chunk_size, self._iterable_class.__name__))
        return original(self, chunk_size=chunk_size)

    monkeypatch.setattr(QuerySet, "iterator", spy)
    response = client.get(URL)
    assert calls == []  # nothing is read before the response starts streaming

    assert len(read_csv(response)) == 1
    assert calls == [(2000, "ValuesListIterable")]


def test_an_empty_book_exports_just_the_header(client):
    body = b"".join(client.get(URL).streaming_content).decode()

    assert body.splitlines() == [body.splitlines()[0]]
    assert body.startswith("order_id,order_number,created,status")


def test_bad_filters_never_break_the_export(client):
    make_order("a")

    response = client.get(URL, {"from": "nope", "sort": "x", "status": "y"})

    assert response.status_code == 200
    assert [row["order_id"] for row in read_csv(response)] == ["a"]
