"""``OrderEvent.delivery`` goes: ``webhooks.0003`` copied every link onto the delivery."""

from __future__ import annotations

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0002_dashboard_indexes"),
        # The links must be copied before the column goes.
        ("webhooks", "0003_delivery_order_event"),
    ]

    operations = [
        migrations.RemoveField(model_name="orderevent", name="delivery"),
    ]
