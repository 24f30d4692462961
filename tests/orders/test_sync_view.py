"""The dashboard's "Sync with Printora" button: POST /dashboard/sync/."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import responses
from django.contrib.auth import get_user_model
from django.contrib.messages import constants, get_messages
from django.test import Client
from django.urls import reverse
from responses import matchers

from dreamcanvas.http import reverse_or_none
from orders.models import Order, OrderStatus
from orders.views import sync as sync_views

pytestmark = pytest.mark.django_db

API = "https://api.printora.test"
ORDERS_URL = f"{API}/api/v1/partners/orders"
SYNC_URL = "/dashboard/sync/"


@pytest.fixture(autouse=True)
def printora(settings) -> None:
    settings.PRINTORA_API_URL = API
    settings.PRINTORA_API_KEY = "pk_test_unit"
    settings.PRINTORA_MAX_RETRIES = 0


@pytest.fixture
def api() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        yield mock


def user(*, staff: bool, username: str = "someone"):
    return get_user_model().objects.create_user(username, password="pw", is_staff=staff)


@pytest.fixture
def staff_client(client):
    client.force_login(user(staff=True, username="staff"))
    return client


def add_page(api, orders: list[dict[str, Any]], *, offset: int = 0, total: int) -> None:
    api.add(
        responses.GET,
        ORDERS_URL,
        json={"success": True, "data": {"orders": orders, "total": total}},
        match=[matchers.query_param_matcher({"offset": str(offset)}, strict_match=False)],
    )


def listed(order_id: str, status: str = "processing") -> dict[str, Any]:
    return {"orderId": order_id, "sessionId": "sess_1", "status": status, "totalAmount": 9.5}


def only_message(response):
    [message] = list(get_messages(response.wsgi_request))
    return message


def test_the_url_is_named_orders_sync():
    assert reverse("orders:sync") == SYNC_URL


def test_staff_sync_creates_orders_and_redirects_to_the_dashboard_with_the_summary(
    staff_client, api
):
    add_page(api, [listed("ord_1"), listed("ord_2", "shipped")], total=2)

    response = staff_client.post(SYNC_URL)

    assert response.status_code == 303
    assert response["Location"] == (reverse_or_none("orders:dashboard") or "/")
    message = only_message(response)
    assert message.level == constants.SUCCESS
    assert "seen 2, created 2, updated 0, unchanged 0, errors 0" in message.message
    assert dict(Order.objects.values_list("printora_order_id", "status")) == {
        "ord_1": OrderStatus.PAID,
        "ord_2": OrderStatus.SHIPPED,
    }


def test_the_button_reads_at_most_sync_max_pages_pages_and_says_more_may_remain(
    staff_client, api, monkeypatch
):
    monkeypatch.setattr(sync_views, "SYNC_MAX_PAGES", 2)
    add_page(api, [listed("ord_1")], total=3)
    add_page(api, [listed("ord_2")], offset=1, total=3)  # no third request

    response = staff_client.post(SYNC_URL)

    message = only_message(response)
    assert message.level == constants.WARNING
    assert "seen 2, created 2" in message.message
    assert "stopped after 2 pages" in message.message
    assert Order.objects.count() == 2


def test_a_rate_limit_is_reported_as_an_error_message_with_what_was_done(staff_client, api):
    add_page(api, [listed("ord_1")], total=2)
    api.add(
        responses.GET,
        ORDERS_URL,
        status=429,
        json={"success": False, "error": {"code": "RATE_LIMIT_EXCEEDED", "message": "Slow"}},
        headers={"Retry-After": "60"},
    )

    response = staff_client.post(SYNC_URL)

    assert response.status_code == 303
    message = only_message(response)
    assert message.level == constants.ERROR
    assert "seen 1, created 1" in message.message
    assert "stopped: Printora's rate limit (retry in 60 s)" in message.message


def test_non_staff_users_get_403_and_nothing_is_fetched(client, api):
    client.force_login(user(staff=False))

    response = client.post(SYNC_URL)

    assert response.status_code == 403
    assert len(api.calls) == 0


@pytest.mark.parametrize("public", [False, True])
def test_anonymous_users_are_sent_to_sign_in_even_when_the_dashboard_is_public(
    client, api, settings, public
):
    settings.DASHBOARD_PUBLIC = public

    response = client.post(SYNC_URL)

    assert response.status_code == 302
    # Back to the dashboard after signing in: the sync URL itself only answers POST.
    dashboard = reverse_or_none("orders:dashboard") or "/"
    assert response["Location"] == f"{settings.LOGIN_URL}?next={dashboard}"
    assert len(api.calls) == 0


def test_get_is_not_allowed(staff_client, api):
    response = staff_client.get(SYNC_URL)

    assert response.status_code == 405
    assert len(api.calls) == 0


def test_the_button_needs_the_csrf_token(api):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user(staff=True, username="staff"))

    assert browser.post(SYNC_URL).status_code == 403
    assert len(api.calls) == 0
