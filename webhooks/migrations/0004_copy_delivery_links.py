"""Copy every event -> delivery link onto the delivery (see 0003's docstring)."""

from __future__ import annotations

from django.db import migrations
from django.db.models import OuterRef, Subquery


def links_to_deliveries(apps, schema_editor):
    OrderEvent = apps.get_model("orders", "OrderEvent")
    WebhookDelivery = apps.get_model("webhooks", "WebhookDelivery")
    produced = OrderEvent.objects.filter(delivery=OuterRef("pk")).order_by("pk").values("pk")[:1]
    WebhookDelivery.objects.filter(order_events__isnull=False).update(
        order_event=Subquery(produced)
    )


def links_to_events(apps, schema_editor):
    OrderEvent = apps.get_model("orders", "OrderEvent")
    WebhookDelivery = apps.get_model("webhooks", "WebhookDelivery")
    producer = WebhookDelivery.objects.filter(order_event=OuterRef("pk")).values("pk")[:1]
    OrderEvent.objects.filter(delivery_link__isnull=False).update(delivery=Subquery(producer))


class Migration(migrations.Migration):
    dependencies = [
        ("webhooks", "0003_delivery_order_event"),
    ]

    operations = [
        migrations.RunPython(links_to_deliveries, links_to_events, elidable=False),
    ]
