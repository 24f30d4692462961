"""The whole loop over real HTTP, with webhooks sent by the background thread."""

from __future__ import annotations

import re
import time

import pytest
import requests

from dreamcanvas.printora import get_client
from orders.models import Order, OrderStatus
from printora_sandbox import dispatcher

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def background_dispatch(settings):
    settings.SANDBOX_BACKGROUND_DISPATCH = True
    yield
    dispatcher.stop()


def test_a_paid_checkout_reaches_the_order_book_within_two_seconds(
    sandbox_live, background_dispatch
):
    session = get_client().create_session(
        image_url="https://cdn.example.com/art/nebula.jpg",
        user_email="maya@example.com",
        user_name="Maya Chen",
        success_url=f"{sandbox_live.url}/callback/success/",
        failed_url=f"{sandbox_live.url}/callback/failed/",
    )
    assert session.redirect_url is not None
    with requests.Session() as browser:
        page = browser.get(session.redirect_url, timeout=10)
        assert page.status_code == 200
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert found is not None
        token = found.group(1)
        paid_at = time.monotonic()
        reply = browser.post(
            session.redirect_url + "/checkout",
            data={
                "csrfmiddlewaretoken": token,
                "product": "t-shirt",
                "colour": "Black",
                "size": "M",
                "quantity": "1",
                "first_name": "Maya",
                "last_name": "Chen",
                "email": "maya@example.com",
                "street": "1 Main St",
                "city": "Springfield",
                "zip_code": "12345",
                "country": "United States",
            },
            headers={"Referer": session.redirect_url},
            allow_redirects=False,
            timeout=10,
        )
    assert reply.status_code == 303
    assert reply.headers["Location"].startswith(f"{sandbox_live.url}/callback/success/?")

    order = None
    while time.monotonic() - paid_at < 2.0:
        order = Order.objects.filter(session_id=session.session_id).first()
        if order and order.status == OrderStatus.PAID:
            break
        time.sleep(0.05)
    assert order is not None and order.status == OrderStatus.PAID
    assert order.events.count() == 2
