from __future__ import annotations

from django.db import models
from django.utils import timezone


class PartnerSession(models.Model):
    """One Printora partner session we asked for, stored before the call is made.

    The row is written first with its Idempotency-Key, so that a retry, from this
    process or another, asks Printora with the same key and gets the same session.
    """

    class Status(models.TextChoices):
        CREATING = "creating", "Creating"
        OPEN = "open", "Open"
        FAILED = "failed", "Failed"

    class Mode(models.TextChoices):
        IMAGE = "image", "Flow A: an image"
        CREATOR = "creator", "Flow B: a creator's shop"
        MERCH = "merch", "Flow C: one merch item"

    class Source(models.TextChoices):
        GALLERY = "gallery", "Gallery"
        FORM = "form", "Create-session form"

    idempotency_key = models.CharField(max_length=64, unique=True)
    session_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    redirect_url = models.URLField(max_length=2048, blank=True)
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.IMAGE)
    image_url = models.URLField(max_length=2048, blank=True)  # flow A only
    # Flows B and C: whose shop, which item, which variant and how many.
    creator = models.ForeignKey(
        "gallery.Creator",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partner_sessions",
    )
    merch = models.ForeignKey(
        "gallery.Merch",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partner_sessions",
    )
    variant_id = models.CharField(max_length=64, blank=True)
    quantity = models.PositiveSmallIntegerField(default=1)
    artwork = models.ForeignKey(
        "gallery.Artwork",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partner_sessions",
    )
    customer_email = models.EmailField(blank=True)
    customer_name = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.GALLERY)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CREATING)
    # What went wrong, in words safe to show staff (never the API key).
    error = models.CharField(max_length=500, blank=True)
    created = models.DateTimeField(default=timezone.now, db_index=True)
    redirect_expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.session_id or f"(creating) {self.idempotency_key}"

    @property
    def redirect_expired(self) -> bool:
        return self.redirect_expires_at is not None and timezone.now() >= self.redirect_expires_at
