"""Read-only queries over the order book."""

from __future__ import annotations

from django.db.models import QuerySet

from orders.models import OrderEvent


def recent_events(limit: int = 5) -> QuerySet[OrderEvent]:
    return OrderEvent.objects.select_related("order").order_by("-received_at", "-id")[:limit]
