"""The orders table's rows (orders/rows.py): every value escaped, on the page and in
the live endpoint's rows, and the links they carry."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from tests.helpers import make_order

pytestmark = pytest.mark.django_db

HOSTILE = '<img src=x onerror="alert(1)">'


def hostile_order():
    return make_order(
        f"id-{HOSTILE}",
        number=f"N-{HOSTILE}",
        email=f'"{HOSTILE}"@example.com',
        first_name=HOSTILE,
        total=1234.5,
        currency="US<",
        paymentStatus=HOSTILE,
        items=[{"productName": HOSTILE, "quantity": 2, "merchTitle": HOSTILE}],
        creator={"id": HOSTILE, "slug": HOSTILE, "name": HOSTILE},
    )


def rows_of(html: str) -> str:
    return "".join(re.findall(r'<tr class="dash-row".*?</tr>', html, re.S))


def assert_escaped(html: str) -> None:
    assert html
    assert "<img" not in html
    assert 'onerror="' not in html  # no value closes its attribute's quotes
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def test_every_value_of_a_row_is_escaped_on_the_page(client):
    hostile_order()
    assert_escaped(rows_of(client.get("/dashboard/").text))


def test_every_value_of_a_row_is_escaped_in_the_live_rows(client):
    hostile_order()
    since = (timezone.now() - dt.timedelta(minutes=5)).isoformat()
    rows = client.get("/dashboard/live/", {"since": since}).json()["orders"]
    assert len(rows) == 1
    assert_escaped(rows[0]["html"])


def test_a_row_shows_its_order_as_the_table_did(client):
    make_order(
        "ord_abcdefghijklmnop",
        number="ORD-7",
        email="ada@example.com",
        first_name="Ada",
        total=1234567.5,
        currency="EUR",
        created=dt.datetime(2026, 1, 5, 3, 4, tzinfo=dt.UTC),
        creator={"id": "c1", "slug": "neon-fox", "name": "Neon Fox"},
    )
    row = rows_of(client.get("/dashboard/").text)

    assert 'href="/dashboard/orders/ord_abcdefghijklmnop/"' in row
    assert 'title="ord_abcdefghijklmnop">ord_abcdefgh…</span>' in row
    assert "Jan 5, 2026 <span" in row and "03:04</span>" in row
    assert '1,234,567.50 <span class="dash-row__currency">EUR</span>' in row
    assert 'href="/ai-image-app/creators/neon-fox/"' in row
    assert 'href="?creator=neon-fox"' in row


def test_a_creator_slug_no_page_can_have_gets_no_link(client):
    make_order("o1", creator={"id": "c 1", "slug": "not a slug", "name": "Bo"})
    row = rows_of(client.get("/dashboard/").text)
    assert "/ai-image-app/creators/" not in row
    assert 'by Bo · <a href="?creator=not%20a%20slug"' in row
