"""The orders table links each row to its order page without a reverse() per row."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from orders.templatetags.dashboard import order_url


@pytest.mark.parametrize("order_id", ["ord_1", "a b", "x?y#z", "ünï"])
def test_the_rows_link_each_order_as_reverse_would(order_id):
    assert order_url(order_id) == reverse("orders:order", args=[order_id])


def test_a_site_without_the_order_page_gets_no_link():
    with override_settings(ROOT_URLCONF="tests.orders.test_row_links"):
        assert order_url("ord_1") == ""
    assert order_url("ord_1") == "/dashboard/orders/ord_1/"


urlpatterns: list = []  # the URL configuration of the test above: no order page
