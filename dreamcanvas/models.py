from __future__ import annotations

from django.db import models


class RateLimitCounter(models.Model):
    """Requests per caller per time window, in the database so that every worker agrees."""

    bucket = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["bucket", "window_start"], name="ratelimit_window")
        ]

    def __str__(self) -> str:
        return f"{self.bucket[:8]}… {self.window_start:%H:%M}: {self.count}"
