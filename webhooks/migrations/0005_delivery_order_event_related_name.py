"""``OrderEvent.delivery`` is gone (orders.0003): the reverse accessor takes its name."""

from __future__ import annotations

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0003_remove_orderevent_delivery"),
        ("webhooks", "0004_copy_delivery_links"),
    ]

    operations = [
        migrations.AlterField(
            model_name="webhookdelivery",
            name="order_event",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="delivery",
                to="orders.orderevent",
            ),
        ),
    ]
