"""The delivery points at the event it produced (it was the event pointing at its delivery).

Three steps: add ``WebhookDelivery.order_event``, copy every existing link across
(here), then ``orders.0003`` drops ``OrderEvent.delivery``. Reversible: going back
copies the links the other way.
"""

from __future__ import annotations

import django.db.models.deletion
from django.db import migrations, models
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
        ("orders", "0002_dashboard_indexes"),
        ("webhooks", "0002_delivery_replay_of"),
    ]

    operations = [
        migrations.AddField(
            model_name="webhookdelivery",
            name="order_event",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                # Renamed to "delivery" once orders.0003 has dropped the old field
                # of that name (two reverse accessors cannot share it meanwhile).
                related_name="delivery_link",
                to="orders.orderevent",
            ),
        ),
        migrations.RunPython(links_to_deliveries, links_to_events, elidable=False),
    ]
