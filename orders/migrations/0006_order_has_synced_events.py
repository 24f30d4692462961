from __future__ import annotations

from django.db import migrations, models
from django.db.models import Exists, OuterRef


def mark_synced_orders(apps, schema_editor):
    # Orders that already hold an event recorded by sync_orders must keep being
    # rebuilt from their events (see orders.services.apply_event).
    Order = apps.get_model("orders", "Order")
    OrderEvent = apps.get_model("orders", "OrderEvent")
    synthetic = OrderEvent.objects.filter(order=OuterRef("pk"), session_id__startswith="sync:")
    Order.objects.filter(Exists(synthetic)).update(has_synced_events=True)


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0005_order_search_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="order",
            name="has_synced_events",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(mark_synced_orders, migrations.RunPython.noop),
    ]
