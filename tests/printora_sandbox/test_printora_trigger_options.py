"""``manage.py printora_trigger``: --set, --data and --scenario, posted over real HTTP
to our receiver (live_server), like the other trigger tests."""

from __future__ import annotations

import io
import json
from datetime import timedelta
from decimal import Decimal
from itertools import pairwise

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from orders.models import Order, OrderEvent, OrderStatus
from printora_client import events as registry
from webhooks.models import Outcome, WebhookDelivery

pytestmark = pytest.mark.django_db(transaction=True)

LIFECYCLE = [
    registry.ORDER_CREATED.name,
    registry.ORDER_PAID.name,
    registry.ORDER_SHIPPED.name,
    registry.ORDER_DELIVERED.name,
]


def trigger(*args: str) -> str:
    out = io.StringIO()
    call_command("printora_trigger", *args, stdout=out)
    return out.getvalue()


def received() -> list[dict]:
    return [json.loads(bytes(d.body)) for d in WebhookDelivery.objects.order_by("id")]


def test_set_changes_fields_by_dotted_path_with_json_typed_values(sandbox_live):
    trigger(
        "shipped",
        "--order",
        "ord_set",
        "--set",
        "totalAmount=12.5",
        "--set",
        "shippingAddress.city=Paris",
        "--set",
        'orderNumber="007"',
        "--set",
        "items.0.quantity=3",
        "--set",
        "carrier=null",
        "--set",
        "giftNote.text=Happy birthday",
    )
    data = received()[0]["data"]
    assert data["totalAmount"] == 12.5
    assert data["shippingAddress"]["city"] == "Paris"
    assert data["shippingAddress"]["street"] == "500 Market St"  # the rest is kept
    assert data["orderNumber"] == "007"  # JSON: a string, not the number 7
    assert data["items"][0]["quantity"] == 3
    assert data["carrier"] is None
    assert data["giftNote"] == {"text": "Happy birthday"}
    order = Order.objects.get(printora_order_id="ord_set")
    assert order.total_amount == Decimal("12.50")
    assert order.shipping_address["city"] == "Paris"
    assert order.order_number == "007"


def test_data_file_is_merged_into_data_and_set_wins_over_it(sandbox_live, tmp_path):
    file = tmp_path / "extra.json"
    file.write_text(json.dumps({"shippingAddress": {"city": "Lyon"}, "currency": "EUR"}))
    trigger("paid", "--order", "ord_data", "--data", str(file), "--set", "currency=GBP")
    data = received()[0]["data"]
    assert data["shippingAddress"]["city"] == "Lyon"
    assert data["shippingAddress"]["zipCode"] == "94105"  # merged key by key
    assert data["currency"] == "GBP"
    assert Order.objects.get(printora_order_id="ord_data").currency == "GBP"


def test_set_names_fields_as_sent_in_snake_case_too(sandbox_live):
    trigger("paid", "--order", "ord_snake", "--snake-case", "--set", "total_amount=3")
    assert received()[0]["data"]["total_amount"] == 3
    assert Order.objects.get(printora_order_id="ord_snake").total_amount == Decimal("3.00")


def test_lifecycle_sends_four_events_with_increasing_realistic_timestamps(sandbox_live):
    before = timezone.now()
    output = trigger("--scenario", "lifecycle", "--order", "ord_life")

    bodies = received()
    assert [b["event"] for b in bodies] == LIFECYCLE
    times = [OrderEvent.objects.get(event_type=kind).occurred_at for kind in LIFECYCLE]
    gaps = [later - earlier for earlier, later in pairwise(times)]
    assert all(gap >= timedelta(minutes=1) for gap in gaps), gaps
    assert timedelta(hours=1) <= gaps[1] and timedelta(hours=1) <= gaps[2]
    assert times[-1] < before and before - times[0] < timedelta(days=7)
    # Later events carry the times of the earlier ones, and one order number.
    assert bodies[3]["data"]["paidAt"] == bodies[1]["timestamp"]
    assert bodies[3]["data"]["shippedAt"] == bodies[2]["timestamp"]
    assert bodies[3]["data"]["createdAt"] == bodies[0]["timestamp"]
    assert len({b["data"]["orderNumber"] for b in bodies}) == 1
    assert len({b["sessionId"] for b in bodies}) == 1

    order = Order.objects.get(printora_order_id="ord_life")
    assert order.status == OrderStatus.DELIVERED
    assert (order.paid_at, order.shipped_at, order.delivered_at) == tuple(times[1:])
    assert output.count('200 OK  {"received": true, "duplicate": false}') == 4
    assert "reply 4: 200 OK" in output


def test_out_of_order_sends_the_lifecycle_newest_first_and_the_order_ends_delivered(
    sandbox_live,
):
    trigger("--scenario", "out-of-order", "--order", "ord_ooo")
    assert [b["event"] for b in received()] == LIFECYCLE[::-1]
    assert all(d.outcome == Outcome.APPLIED for d in WebhookDelivery.objects.all())
    order = Order.objects.get(printora_order_id="ord_ooo")
    assert order.status == OrderStatus.DELIVERED
    assert order.events.count() == 4
    assert order.paid_at and order.shipped_at and order.delivered_at
    assert order.paid_at < order.shipped_at < order.delivered_at


def test_duplicate_scenario_sends_paid_twice_by_default(sandbox_live):
    output = trigger("--scenario", "duplicate")
    assert 'reply 2: 200 OK  {"received": true, "duplicate": true}' in output
    first, second = WebhookDelivery.objects.order_by("id")
    assert bytes(first.body) == bytes(second.body)
    assert received()[0]["event"] == registry.ORDER_PAID.name
    assert second.outcome == Outcome.DUPLICATE


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "name an EVENT"),
        (("paid", "--scenario", "lifecycle"), "sends its own events"),
        (("paid", "--set", "totalAmount"), "expected field=value"),
        (("paid", "--set", "=3"), "expected field=value"),
        (("paid", "--set", "items.5.quantity=1"), "no item '5'"),
        (("paid", "--set", "items.0.quantity.x=1"), "is not an object"),
        (("paid", "--data", "/nonexistent/extra.json"), "--data /nonexistent/extra.json"),
    ],
)
def test_bad_options_are_a_one_line_command_error_and_nothing_is_sent(db, args, message):
    with pytest.raises(CommandError, match=message) as error:
        trigger(*args)
    assert "\n" not in str(error.value)
    assert not WebhookDelivery.objects.exists()


def test_a_data_file_must_hold_a_json_object(db, tmp_path):
    file = tmp_path / "list.json"
    file.write_text("[1, 2]")
    with pytest.raises(CommandError, match="must hold a JSON object"):
        trigger("paid", "--data", str(file))
    file.write_text("{not json")
    with pytest.raises(CommandError, match="not JSON"):
        trigger("paid", "--data", str(file))
