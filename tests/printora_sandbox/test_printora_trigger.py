"""``manage.py printora_trigger``: signed events posted over real HTTP to our receiver."""

from __future__ import annotations

import io
import json
import socket
import uuid

import pytest
from django.core.management import CommandError, call_command

from orders.models import Order, OrderEvent, OrderStatus
from printora_client.signatures import verify
from tests.helpers import WEBHOOK_SECRET
from webhooks.models import Outcome, WebhookDelivery

pytestmark = pytest.mark.django_db(transaction=True)

EXPECTED = {
    "created": OrderStatus.PENDING,
    "paid": OrderStatus.PAID,
    "shipped": OrderStatus.SHIPPED,
    "delivered": OrderStatus.DELIVERED,
    "cancelled": OrderStatus.CANCELLED,
}


def trigger(*args: str) -> str:
    out = io.StringIO()
    call_command("printora_trigger", *args, stdout=out)
    return out.getvalue()


def received_body() -> dict:
    return json.loads(bytes(WebhookDelivery.objects.latest("id").body))


@pytest.mark.parametrize("short", EXPECTED)
@pytest.mark.parametrize("spelling", ["camel", "snake"])
def test_each_event_reaches_the_order_book_with_its_status(sandbox_live, short, spelling):
    order_id = str(uuid.uuid4())
    flags = ["--snake-case"] if spelling == "snake" else []
    name = short if spelling == "snake" else f"order.{short}"

    output = trigger(name, "--order", order_id, *flags)

    assert f"order.{short}" in output
    assert 'reply: 200 OK  {"received": true, "duplicate": false}' in output
    assert Order.objects.get(printora_order_id=order_id).status == EXPECTED[short]
    data = received_body()["data"]
    if spelling == "snake":
        assert data["order_id"] == order_id and "orderId" not in data
        assert "total_amount" in data
    else:
        assert data["orderId"] == order_id and "order_id" not in data


def test_the_event_is_signed_with_the_webhook_secret_and_printoras_headers(sandbox_live):
    trigger("paid")
    delivery = WebhookDelivery.objects.get()
    assert delivery.outcome == Outcome.APPLIED
    assert delivery.headers["user-agent"] == "Printora-Webhook/1.0"
    assert delivery.headers["content-type"] == "application/json"
    assert verify(bytes(delivery.body), delivery.headers["x-printora-signature"], WEBHOOK_SECRET)


def test_events_about_one_order_share_its_session_and_build_it_up(sandbox_live):
    order_id = str(uuid.uuid4())
    trigger("created", "--order", order_id)
    trigger("paid", "--order", order_id)
    trigger("shipped", "--order", order_id)
    order = Order.objects.get(printora_order_id=order_id)
    assert order.status == OrderStatus.SHIPPED
    assert order.events.count() == 3
    assert order.tracking_number == "1ZSBX0000000000001"
    assert len(set(order.events.values_list("session_id", flat=True))) == 1


def test_an_explicit_session_id_is_used(sandbox_live):
    output = trigger("paid", "--order", "ord_1", "--session", "sess_1")
    assert "order=ord_1  session=sess_1" in output
    assert Order.objects.get(printora_order_id="ord_1").session_id == "sess_1"


def test_duplicate_sends_the_same_bytes_twice_and_the_second_reply_says_duplicate(
    sandbox_live,
):
    output = trigger("paid", "--duplicate")
    assert 'reply 1: 200 OK  {"received": true, "duplicate": false}' in output
    assert 'reply 2: 200 OK  {"received": true, "duplicate": true}' in output
    first, second = WebhookDelivery.objects.order_by("id")
    assert bytes(first.body) == bytes(second.body)
    assert second.outcome == Outcome.DUPLICATE
    assert OrderEvent.objects.count() == 1


def test_a_wrong_secret_is_a_command_error_mentioning_401(sandbox_live):
    with pytest.raises(CommandError, match="401") as error:
        trigger("paid", "--secret", "whsec_not_the_right_one")
    assert "whsec_not_the_right_one" not in str(error.value)
    assert not Order.objects.exists()


def test_an_unreachable_receiver_is_a_command_error(db):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens on the port once the probe is closed.
    with pytest.raises(CommandError, match=f"could not reach http://127.0.0.1:{port}/"):
        trigger("paid", "--url", f"http://127.0.0.1:{port}/api/webhooks/")


def test_an_unknown_event_is_a_command_error_listing_the_events(db):
    with pytest.raises(CommandError) as error:
        trigger("order.refunded")
    for name in ("order.created", "order.paid", "order.shipped", "order.delivered"):
        assert name in str(error.value)


def test_a_comma_separated_secret_is_refused_without_echoing_it(db):
    with pytest.raises(CommandError, match="exactly one") as error:
        trigger("paid", "--secret", "whsec_a,whsec_b")
    assert "whsec_a" not in str(error.value)


def test_the_secret_is_never_printed(sandbox_live):
    output = trigger("delivered", "--duplicate")
    assert WEBHOOK_SECRET not in output
    assert "sha256=" not in output
