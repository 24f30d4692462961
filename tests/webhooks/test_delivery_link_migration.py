"""webhooks.0003-0005 and orders.0003: every existing event -> delivery link is kept,
now pointing the other way (delivery -> the event it produced). Run on a database
filled before the change, with Django's MigrationExecutor."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("orders", "0002_dashboard_indexes"), ("webhooks", "0002_delivery_replay_of")]
AFTER = [
    ("orders", "0003_remove_orderevent_delivery"),
    ("webhooks", "0005_delivery_order_event_related_name"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def fill_old_book(apps):
    """Two orders' events as the old schema stored them: event.delivery -> delivery."""
    Order = apps.get_model("orders", "Order")
    OrderEvent = apps.get_model("orders", "OrderEvent")
    WebhookDelivery = apps.get_model("webhooks", "WebhookDelivery")
    order = Order.objects.create(printora_order_id="ord_1", session_id="s1")
    linked = {}
    for kind in ("order.created", "order.paid", "order.shipped"):
        delivery = WebhookDelivery.objects.create(outcome="applied", event_type=kind)
        event = OrderEvent.objects.create(
            order=order,
            session_id="s1",
            event_type=kind,
            occurred_at="2026-03-01T10:00:00Z",
            payload={},
            delivery=delivery,
        )
        linked[event.pk] = delivery.pk
    # A synced event has no delivery, and a duplicate delivery produced no event.
    synced = OrderEvent.objects.create(
        order=order,
        session_id="sync:s1",
        event_type="order.delivered",
        occurred_at="2026-03-01T11:00:00Z",
        payload={},
    )
    duplicate = WebhookDelivery.objects.create(outcome="duplicate", event_type="order.paid")
    return linked, synced.pk, duplicate.pk


@pytest.fixture
def old_schema(transactional_db):
    apps = migrate(BEFORE)
    yield apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # leave the database as it was


def test_every_link_moves_onto_the_delivery_that_produced_the_event(old_schema):
    linked, synced, duplicate = fill_old_book(old_schema)

    apps = migrate(AFTER)

    WebhookDelivery = apps.get_model("webhooks", "WebhookDelivery")
    OrderEvent = apps.get_model("orders", "OrderEvent")
    moved = dict(
        WebhookDelivery.objects.filter(order_event__isnull=False).values_list(
            "order_event_id", "pk"
        )
    )
    assert moved == linked and len(moved) == 3
    assert not WebhookDelivery.objects.filter(order_event_id=synced).exists()
    assert WebhookDelivery.objects.get(pk=duplicate).order_event_id is None
    event = OrderEvent.objects.get(pk=next(iter(linked)))
    assert event.delivery.pk == linked[event.pk]  # the reverse accessor's final name


def test_going_back_puts_every_link_on_the_event_again(old_schema):
    linked, synced, _ = fill_old_book(old_schema)
    migrate(AFTER)

    apps = migrate(BEFORE)

    OrderEvent = apps.get_model("orders", "OrderEvent")
    back = dict(OrderEvent.objects.filter(delivery__isnull=False).values_list("pk", "delivery_id"))
    assert back == linked
    assert OrderEvent.objects.get(pk=synced).delivery_id is None
