"""Two shoppers paying for the last unit at once on PostgreSQL: only one gets it."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.db import connection, connections
from django.test import Client

from printora_sandbox.models import SandboxMerch, SandboxOrder

from .conftest import editor_path
from .test_merch_checkout import MERCH_CHECKOUT

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL's row locks across connections; CI runs this on PostgreSQL",
    ),
]


def test_two_checkouts_for_the_last_unit_sell_it_once(make_merch, open_session):
    merch = make_merch(stockLimit=1)
    paths = [editor_path(open_session(merchId=merch["id"])) for _ in range(4)]
    for path in paths:
        Client().get(path)
    barrier = threading.Barrier(len(paths))
    codes: list = [None] * len(paths)

    def pay(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            codes[index] = Client().post(paths[index] + "/checkout", MERCH_CHECKOUT).status_code
        except Exception as exc:  # surfaced by the assertion below
            codes[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=pay, args=(i,)) for i in range(len(paths))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert Counter(codes) == {303: 1, 409: 3}
    assert SandboxMerch.objects.get(pk=merch["id"]).stock_sold == 1
    assert SandboxOrder.objects.count() == 1
