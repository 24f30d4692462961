"""orders.extensions: the order book shows what other apps register, and needs none of them."""

from __future__ import annotations

import pytest

from orders import extensions
from orders.extensions import Link, OrderPageFacts, Panel
from tests.helpers import make_order

pytestmark = pytest.mark.django_db

ORDER = "ord_ext_1"
URL = f"/dashboard/orders/{ORDER}/"


@pytest.fixture
def nothing_registered(monkeypatch):
    monkeypatch.setattr(extensions, "_tabs", [])
    monkeypatch.setattr(extensions, "_summaries", {})
    monkeypatch.setattr(extensions, "_order_pages", {})


def test_the_order_page_and_the_list_work_with_no_other_app_registered(client, nothing_registered):
    make_order(ORDER, event="order.paid")

    page = client.get(URL)
    listing = client.get("/dashboard/")

    assert page.status_code == 200 and listing.status_code == 200
    assert "Webhook deliveries" not in page.text  # the webhooks app's panel and tab
    assert "Not by this site" not in page.text  # the sessions app's facts
    assert "Webhooks, last 24 h" not in listing.text


def test_a_registered_provider_adds_its_panel_link_and_duplicates(client, nothing_registered):
    order = make_order(ORDER, event="order.paid")
    event = order.events.get()

    def facts(found, events):
        assert found.pk == order.pk and [e.pk for e in events] == [event.pk]
        return OrderPageFacts(
            origin=[Panel("sessions_app/_order_origin.html", {"partner_session": None})],
            event_links={event.pk: Link("https://example.com/where", "where it came from")},
            duplicates={"order.paid": 2},
        )

    extensions.register_order_page("test", facts)
    response = client.get(URL)

    assert 'href="https://example.com/where">where it came from</a>' in response.text
    assert "+2 duplicate deliveries" in response.text
    assert "Not by this site" in response.text
