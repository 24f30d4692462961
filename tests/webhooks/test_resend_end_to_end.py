"""Resend from the order page, end to end against the sandbox over real HTTP: the
sandbox records the resend as a new delivery, our receiver answers "duplicate", and
both logs on the deliveries page show it."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from dreamcanvas.printora import get_client
from orders.models import Order, OrderEvent
from printora_client import events as registry
from printora_sandbox.dispatcher import Dispatcher
from tests.helpers import matched
from tests.printora_sandbox.conftest import CHECKOUT
from webhooks.models import Outcome, WebhookDelivery

pytestmark = pytest.mark.django_db(transaction=True)

PAID = registry.ORDER_PAID.name


@pytest.fixture
def sandbox(sandbox_live, settings):
    settings.PRINTORA_MAX_RETRIES = 0
    return sandbox_live


def deliver() -> int:
    dispatcher, sent = Dispatcher(), 0
    while batch := dispatcher.run_due():
        sent += batch
    return sent


def test_a_resend_arrives_as_a_duplicate_delivery_and_shows_in_both_logs(sandbox):
    session = get_client().create_session(
        image_url=f"{sandbox.url}/static/img/gallery/corona-hour.jpg",
        success_url=f"{sandbox.url}/callback/success/",
        failed_url=f"{sandbox.url}/callback/failed/",
    )
    assert session.redirect_url
    editor = session.redirect_url.removeprefix(sandbox.url)
    assert Client().post(editor + "/checkout", CHECKOUT).status_code == 303
    assert deliver() >= 2  # order.created and order.paid
    order = Order.objects.get(session_id=session.session_id)
    before = WebhookDelivery.objects.count()

    staff = Client(enforce_csrf_checks=True)
    staff.force_login(User.objects.create_user("ops", is_staff=True))
    order_url = f"/dashboard/orders/{order.printora_order_id}/"
    token = matched(r'name="csrfmiddlewaretoken" value="([^"]+)"', staff.get(order_url).text, 1)
    response = staff.post(
        "/dashboard/webhooks/resend/",
        {"csrfmiddlewaretoken": token, "order_id": order.printora_order_id, "event_type": PAID},
        follow=True,
    )
    assert response.redirect_chain == [(order_url, 303)]
    assert f"Printora will send {PAID} again (its delivery " in response.text

    assert deliver() == 1
    resent = WebhookDelivery.objects.latest("id")
    assert WebhookDelivery.objects.count() == before + 1
    assert (resent.event_type, resent.outcome, resent.http_status) == (
        PAID,
        Outcome.DUPLICATE,
        200,
    )
    assert OrderEvent.objects.filter(order=order, event_type=PAID).count() == 1

    page = staff.get("/dashboard/webhooks/").text
    ours = re.findall(r'href="/dashboard/webhooks/(\d+)/">#', page)
    assert ours[0] == str(resent.pk)
    printora_side = re.findall(
        r'data-printora-log="[^"]+">.*?<code>([a-z.]+)</code>.*?dash-printora-status--(\w+)',
        page,
        re.S,
    )
    assert printora_side[0] == (PAID, "sent")
    assert len(printora_side) == before + 1
    assert "data-printora-unavailable" not in page
    assert "+1 duplicate delivery" in staff.get(order_url).text
