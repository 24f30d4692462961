"""``WebhookDelivery``: one row per request that reached the receiver, kept whatever happened.

A delivery that added an event to the order book points at it (``order_event``);
the order book itself knows nothing of deliveries.
"""

from __future__ import annotations

from django.db import models


class Outcome(models.TextChoices):
    PROCESSING = "processing", "Processing"  # written by earlier versions only
    APPLIED = "applied", "Applied"
    DUPLICATE = "duplicate", "Duplicate"
    IGNORED = "ignored", "Ignored"
    REJECTED = "rejected", "Rejected"
    FAILED = "failed", "Failed"


class WebhookDelivery(models.Model):
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)
    remote_addr = models.GenericIPAddressField(null=True, blank=True)
    # Only the headers worth keeping: never Authorization or Cookie.
    headers = models.JSONField(default=dict, blank=True)
    body = models.BinaryField(blank=True, default=b"")
    body_size = models.PositiveIntegerField(default=0)
    body_truncated = models.BooleanField(default=False)
    signature_valid = models.BooleanField(null=True)
    outcome = models.CharField(
        max_length=20, choices=Outcome.choices, default=Outcome.PROCESSING, db_index=True
    )
    # Why a request was rejected, or the error that made processing fail.
    detail = models.TextField(blank=True)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    event_type = models.CharField(max_length=40, blank=True)
    session_id = models.CharField(max_length=100, blank=True, db_index=True)
    order_id = models.CharField(max_length=100, blank=True, db_index=True)
    processing_ms = models.FloatField(null=True, blank=True)
    replay_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replays"
    )
    # The event this delivery added to the order book (as dj-stripe links a webhook
    # to its event): the delivery knows the order book, never the other way round.
    # Empty for a duplicate, an ignored type, a rejection or a failure.
    order_event = models.OneToOneField(
        "orders.OrderEvent",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delivery",
    )

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name_plural = "webhook deliveries"

    def __str__(self) -> str:
        what = self.event_type or "request"
        return f"{what} ({self.outcome}) at {self.received_at:%Y-%m-%d %H:%M:%S}"

    @property
    def body_text(self) -> str:
        return bytes(self.body).decode("utf-8", errors="replace")

    @property
    def replayable(self) -> bool:
        return bool(self.signature_valid) and not self.body_truncated


class RejectedRequestCount(models.Model):
    """How many unverified requests (no or a wrong signature, a body too large) were
    refused, per day and reason. Only the newest of them are kept as deliveries
    (``webhooks.services``), so junk cannot fill the database; this keeps the count."""

    day = models.DateField()
    reason = models.CharField(max_length=40)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day", "reason"]
        constraints = [
            models.UniqueConstraint(fields=["day", "reason"], name="rejectedcount_day_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.day}: {self.count} × {self.reason}"
