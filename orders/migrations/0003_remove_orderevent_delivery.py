"""``OrderEvent.delivery`` goes: ``webhooks.0004`` copied every link onto the delivery."""

from __future__ import annotations

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0002_dashboard_indexes"),
        # The links must be copied before the column goes.
        ("webhooks", "0004_copy_delivery_links"),
    ]

    operations = [
        migrations.RemoveField(model_name="orderevent", name="delivery"),
    ]
