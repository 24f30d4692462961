"""The order book: one ``Order`` per Printora order, and the ``OrderEvent`` log that built it.

Rows change only through ``orders.services``. An ``Order`` is a projection of its
events (see ``orders.projection``), so the log is the source of truth.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.functions import Upper

from printora_client import events


class OrderStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    PAID = "paid", "Paid"
    PROCESSING = "processing", "Processing"
    SHIPPED = "shipped", "Shipped"
    CANCELLED = "cancelled", "Cancelled"
    DELIVERED = "delivered", "Delivered"


# Status only moves up this rank (read from the registry, printora_client.events).
# `cancelled` ends any order that is not yet delivered, so it outranks every status
# but `delivered`.
STATUS_RANK: dict[OrderStatus, int] = {
    OrderStatus(status): rank for status, rank in events.STATUS_RANK.items()
}


# Order column <- key of the creator object of an event's data.
CREATOR_COLUMNS = {"creator_id": "id", "creator_slug": "slug", "creator_name": "name"}
CREATOR_COLUMN_LENGTHS = {"creator_id": 100, "creator_slug": 100, "creator_name": 200}


class Order(models.Model):
    printora_order_id = models.CharField(max_length=100, unique=True)
    order_number = models.CharField(max_length=100, blank=True, db_index=True)
    session_id = models.CharField(max_length=100, db_index=True)
    status = models.CharField(
        max_length=20, choices=OrderStatus.choices, default=OrderStatus.PENDING, db_index=True
    )
    # Printora's own status word from the latest event (e.g. "processing" on order.paid).
    printora_status = models.CharField(max_length=40, blank=True)
    payment_status = models.CharField(max_length=40, blank=True)
    payment_method = models.CharField(max_length=40, blank=True)
    payment_url = models.URLField(max_length=500, blank=True)
    total_amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)

    customer_email = models.EmailField(blank=True, db_index=True)
    customer_name = models.CharField(max_length=200, blank=True)
    customer_phone = models.CharField(max_length=50, blank=True)
    items = models.JSONField(default=list, blank=True)
    shipping_address = models.JSONField(default=dict, blank=True)

    tracking_number = models.CharField(max_length=100, blank=True)
    carrier = models.CharField(max_length=100, blank=True)
    tracking_url = models.URLField(max_length=500, blank=True)

    partner_image_url = models.URLField(max_length=1000, blank=True)
    creator = models.JSONField(null=True, blank=True)
    # The creator's id, slug and name from ``creator``, in columns the dashboard can
    # filter on through an index (``set_creator`` keeps them in step).
    creator_id = models.CharField(max_length=100, blank=True)
    creator_slug = models.CharField(max_length=100, blank=True)
    creator_name = models.CharField(max_length=200, blank=True)
    # Every data field seen, merged, including ones this code does not know yet.
    data = models.JSONField(default=dict, blank=True)

    # Printora-side times.
    printora_created_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    shipped_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    first_event_at = models.DateTimeField(null=True, blank=True)
    last_event_at = models.DateTimeField(null=True, blank=True)
    # Some of its events were recorded by sync_orders: a real event may supersede
    # one of them, so ``apply_event`` always rebuilds this order from its events.
    has_synced_events = models.BooleanField(default=False)

    created = models.DateTimeField(auto_now_add=True, db_index=True)
    updated = models.DateTimeField(auto_now=True, db_index=True)  # the dashboard's live cursor

    class Meta:
        ordering = ["-created"]
        indexes = [
            models.Index(fields=["status", "-created"], name="order_status_created"),
            # The search's exact first try: customer_email__iexact is UPPER(col) = UPPER(q).
            models.Index(Upper("customer_email"), name="order_email_upper"),
            # Chip counts of a date range, or of a creator: index-only scans.
            models.Index(fields=["created", "status"], name="order_created_status"),
            models.Index(fields=["creator_slug", "status"], name="order_creator_slug_status"),
            models.Index(fields=["creator_id", "status"], name="order_creator_id_status"),
            # PostgreSQL only, in migration order_search_indexes: pg_trgm GIN indexes
            # for the substring search, and a covering index for the book summary.
        ]

    def __str__(self) -> str:
        return self.order_number or self.printora_order_id

    def set_creator(self, creator: dict[str, Any] | None) -> None:
        """Set ``creator`` and its indexed columns (values clipped to fit)."""
        self.creator = creator
        creator = creator if isinstance(creator, dict) else {}
        for column, key in CREATOR_COLUMNS.items():
            value = creator.get(key)
            setattr(self, column, str(value)[: CREATOR_COLUMN_LENGTHS[column]] if value else "")

    @property
    def status_rank(self) -> int:
        return STATUS_RANK[OrderStatus(self.status)]

    @property
    def items_summary(self) -> str:
        parts = []
        for item in self.items or []:
            if isinstance(item, dict):
                name = item.get("productName") or item.get("product_name") or "Item"
                quantity = item.get("quantity") or 1
                # Flow C items name the creator's merch item they were bought as.
                merch = item.get("merchTitle") or item.get("merch_title")
                parts.append(f"{quantity} × {name} ({merch})" if merch else f"{quantity} × {name}")
        return ", ".join(parts)


class OrderEvent(models.Model):
    """One webhook event, stored once. The unique constraint is the dedupe key."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    session_id = models.CharField(max_length=100)
    event_type = models.CharField(max_length=40)
    occurred_at = models.DateTimeField(help_text="The envelope's timestamp, set by Printora.")
    received_at = models.DateTimeField(auto_now_add=True)
    payload = models.JSONField(help_text="The whole envelope, exactly as received.")

    class Meta:
        ordering = ["occurred_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session_id", "event_type", "order"], name="orderevent_dedupe_key"
            ),
        ]
        indexes = [
            # The last event of each order, for the dashboard's table.
            models.Index(fields=["order", "-occurred_at", "-id"], name="orderevent_order_latest"),
        ]

    def __str__(self) -> str:
        return f"{self.event_type} at {self.occurred_at:%Y-%m-%d %H:%M:%S}"
