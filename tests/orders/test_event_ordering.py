"""Any arrival order of the same events gives the same order book."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.forms.models import model_to_dict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orders.models import Order
from orders.services import apply_event
from printora_client.models import WebhookEvent

pytestmark = pytest.mark.django_db

EVENT_TYPES = ["order.created", "order.paid", "order.shipped", "order.delivered", "order.cancelled"]
START = datetime(2026, 3, 1, tzinfo=UTC)

maybe_text = st.one_of(st.none(), st.sampled_from(["a", "b", "c"]))
data_fields = st.fixed_dictionaries(
    {},
    optional={
        "orderNumber": maybe_text,
        "paymentStatus": st.one_of(st.none(), st.sampled_from(["pending", "paid", "refunded"])),
        "trackingNumber": maybe_text,
        "totalAmount": st.one_of(st.none(), st.sampled_from([9.99, 20.11, 31.5])),
        "customer": st.one_of(
            st.none(), st.fixed_dictionaries({"email": maybe_text, "firstName": maybe_text})
        ),
        "shippingAddress": st.fixed_dictionaries({"city": maybe_text, "zipCode": maybe_text}),
        "items": st.lists(st.fixed_dictionaries({"productName": maybe_text}), max_size=2),
    },
)


@st.composite
def event_sets(draw):
    events = []
    for order_id in draw(st.lists(st.sampled_from(["o1", "o2", "o3"]), min_size=1, unique=True)):
        for event_type in draw(st.lists(st.sampled_from(EVENT_TYPES), min_size=1, unique=True)):
            # Few distinct minutes, so equal timestamps (ties) happen often.
            minute = draw(st.integers(min_value=0, max_value=3))
            events.append(
                {
                    "sessionId": f"s-{order_id}",
                    "event": event_type,
                    "timestamp": (START + timedelta(minutes=minute)).isoformat(),
                    "data": {"orderId": order_id, **draw(data_fields)},
                }
            )
    return events


def apply_all(envelopes: list[dict]) -> dict[str, dict]:
    Order.objects.all().delete()
    for envelope in envelopes:
        apply_event(event=WebhookEvent.model_validate(envelope), payload=envelope)
    return {
        order.printora_order_id: model_to_dict(order, exclude=["id"])
        for order in Order.objects.all()
    }


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(events=event_sets(), data=st.data())
def test_any_permutation_gives_the_same_orders_as_timestamp_order(events, data):
    in_order = apply_all(sorted(events, key=lambda e: e["timestamp"]))
    shuffled = data.draw(st.permutations(events))
    duplicated = shuffled + data.draw(st.lists(st.sampled_from(events), max_size=3))
    assert apply_all(duplicated) == in_order
