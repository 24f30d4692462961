"""The sandbox's own records: what Printora would keep on its side. Never our order book."""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime, timedelta

from django.db import models
from django.utils import timezone

REDIRECT_LIFETIME = timedelta(minutes=15)
SESSION_LIFETIME = timedelta(hours=24)


def new_token() -> str:
    return secrets.token_urlsafe(24)


def new_edit_token() -> str:
    return secrets.token_hex(32)  # 64 hex, as Printora's merch editor tokens


class SandboxCreator(models.Model):
    """A creator a partner registered (flows B and C). ``partner`` names whose it is."""

    class Status(models.TextChoices):
        ACTIVE = "active"
        INACTIVE = "inactive"
        SUSPENDED = "suspended"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partner = models.CharField(max_length=20, db_index=True)
    name = models.CharField(max_length=200)
    slug = models.CharField(max_length=100)
    email = models.CharField(max_length=254, blank=True)
    description = models.TextField(blank=True)
    logo_url = models.URLField(max_length=2048, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "slug"], name="sandbox_creator_slug")
        ]

    def __str__(self) -> str:
        return self.name


class SandboxMerch(models.Model):
    """One design on one catalog product, in chosen variants; maybe a limited edition."""

    class Status(models.TextChoices):
        ACTIVE = "active"
        INACTIVE = "inactive"
        ARCHIVED = "archived"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    creator = models.ForeignKey(SandboxCreator, on_delete=models.CASCADE, related_name="merch")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    design_image_url = models.URLField(max_length=2048)
    product_id = models.CharField(max_length=64)
    variant_ids = models.JSONField(default=list)
    stock_limit = models.PositiveIntegerField(null=True, blank=True)  # null: unlimited
    stock_sold = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    # What the creator saved in the merch design editor (position and scale).
    konva_metadata = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def stock_remaining(self) -> int | None:
        if self.stock_limit is None:
            return None
        return max(self.stock_limit - self.stock_sold, 0)

    @property
    def sold_out(self) -> bool:
        return self.stock_limit is not None and self.stock_sold >= self.stock_limit


class SandboxMerchEditSession(models.Model):
    """A single-use link to the merch design editor, valid 24 hours."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    merch = models.ForeignKey(SandboxMerch, on_delete=models.CASCADE, related_name="edit_sessions")
    token = models.CharField(max_length=64, unique=True, default=new_edit_token)
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return str(self.id)

    @property
    def expires_at(self) -> datetime:
        return self.created_at + SESSION_LIFETIME

    def is_expired(self, now: datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.expires_at


class SandboxSession(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending"
        ACTIVE = "active"
        COMPLETED = "completed"
        CANCELLED = "cancelled"
        EXPIRED = "expired"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    token = models.CharField(max_length=64, unique=True, default=new_token)
    mode = models.CharField(max_length=10)  # image | creator | merch
    image_url = models.URLField(max_length=2048, blank=True)
    creator_id = models.CharField(max_length=64, blank=True)
    merch_id = models.CharField(max_length=64, blank=True)
    variant_id = models.CharField(max_length=64, blank=True)
    quantity = models.PositiveSmallIntegerField(default=1)
    user_email = models.CharField(max_length=254, blank=True)
    user_name = models.CharField(max_length=200, blank=True)
    success_url = models.URLField(max_length=2048)
    failed_url = models.URLField(max_length=2048)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    # Replaying a request with the same key returns this session; the fingerprint
    # tells a true replay from a different request that reused the key.
    idempotency_key = models.CharField(max_length=255, unique=True)
    request_fingerprint = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    opened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return str(self.id)

    @property
    def redirect_expires_at(self) -> datetime:
        return self.created_at + REDIRECT_LIFETIME

    @property
    def expires_at(self) -> datetime | None:
        return (self.opened_at + SESSION_LIFETIME) if self.opened_at else None

    def is_expired(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        if self.status == self.Status.EXPIRED:
            return True
        if self.opened_at is None:
            return now >= self.redirect_expires_at
        return now >= self.opened_at + SESSION_LIFETIME


class SandboxOrder(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending"
        PAID = "paid"
        SHIPPED = "shipped"
        DELIVERED = "delivered"
        CANCELLED = "cancelled"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    order_number = models.CharField(max_length=40, unique=True)
    session = models.ForeignKey(SandboxSession, on_delete=models.CASCADE, related_name="orders")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    payment_status = models.CharField(max_length=20, default="pending")
    product_name = models.CharField(max_length=100)
    colour = models.CharField(max_length=40)
    size = models.CharField(max_length=40)
    quantity = models.PositiveSmallIntegerField()
    unit_price = models.DecimalField(max_digits=10, decimal_places=2)
    shipping = models.DecimalField(max_digits=10, decimal_places=2)
    total_amount = models.DecimalField(max_digits=10, decimal_places=2)
    currency = models.CharField(max_length=3, default="USD")
    customer_first_name = models.CharField(max_length=100)
    customer_last_name = models.CharField(max_length=100, blank=True)
    customer_email = models.CharField(max_length=254)
    customer_phone = models.CharField(max_length=40, blank=True)
    shipping_address = models.JSONField(default=dict)
    tracking_number = models.CharField(max_length=40, blank=True)
    carrier = models.CharField(max_length=40, blank=True)
    tracking_url = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    paid_at = models.DateTimeField(null=True, blank=True)
    shipped_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Flows B and C: whose storefront and which merch item the order came from.
    creator = models.ForeignKey(
        SandboxCreator, on_delete=models.SET_NULL, null=True, blank=True, related_name="orders"
    )
    merch = models.ForeignKey(
        SandboxMerch, on_delete=models.SET_NULL, null=True, blank=True, related_name="orders"
    )
    variant_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.order_number


class SandboxWebhookLog(models.Model):
    """One event to deliver, with every attempt made so far. Pending rows survive restarts."""

    class Status(models.TextChoices):
        PENDING = "pending"
        RETRYING = "retrying"
        SENT = "sent"
        FAILED = "failed"

    order = models.ForeignKey(
        SandboxOrder, on_delete=models.CASCADE, null=True, related_name="webhook_logs"
    )
    session_id = models.CharField(max_length=64)
    event_type = models.CharField(max_length=40)
    # The exact bytes that are signed and sent, every attempt.
    body = models.TextField()
    url = models.URLField(max_length=2048)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    note = models.CharField(max_length=200, blank=True)  # e.g. "duplicate", "out of order"
    attempts = models.JSONField(default=list)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.event_type} #{self.pk} ({self.status})"

    @property
    def attempt_count(self) -> int:
        return len(self.attempts)

    @property
    def last_attempt(self) -> dict | None:
        return self.attempts[-1] if self.attempts else None


class SandboxIdempotentReply(models.Model):
    """The answer to a creator-platform POST, kept per partner and Idempotency-Key for replays."""

    partner = models.CharField(max_length=20)
    key = models.CharField(max_length=255)
    request_fingerprint = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    body = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["partner", "key"], name="sandbox_reply_partner_key")
        ]

    def __str__(self) -> str:
        return f"{self.partner}:{self.key}"
