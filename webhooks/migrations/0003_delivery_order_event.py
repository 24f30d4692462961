"""The delivery points at the event it produced (it was the event pointing at its delivery).

Four steps, each its own migration (so its own transaction: PostgreSQL refuses to
alter a table with row updates of the same transaction still to check):
``webhooks.0003`` adds ``WebhookDelivery.order_event``, ``webhooks.0004`` copies
every existing link across, ``orders.0003`` drops ``OrderEvent.delivery``, and
``webhooks.0005`` gives the reverse accessor its name. Reversible: going back copies
the links the other way.
"""

from __future__ import annotations

import django.db.models.deletion
from django.db import migrations, models


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
    ]
