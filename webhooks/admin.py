from __future__ import annotations

from collections import Counter

from django.contrib import admin, messages
from django.utils.html import format_html

from webhooks import services
from webhooks.models import Outcome, RejectedRequestCount, WebhookDelivery


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = (
        "received_at",
        "event_type",
        "outcome",
        "http_status",
        "signature_valid",
        "order_id",
        "replay_of",
        "processing_ms",
        "remote_addr",
    )
    list_filter = ("outcome", "signature_valid", "event_type")
    search_fields = ("order_id", "session_id", "detail")
    date_hierarchy = "received_at"
    exclude = ("body",)
    readonly_fields = ("body_preview",)
    actions = ["replay_selected"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def get_readonly_fields(self, request, obj=None):
        names = [f.name for f in self.model._meta.fields if f.name != "body"]
        return [*names, "body_preview"]

    @admin.display(description="Body")
    def body_preview(self, obj: WebhookDelivery) -> str:
        return format_html("<pre style='white-space:pre-wrap'>{}</pre>", obj.body_text)

    @admin.action(description="Replay selected deliveries", permissions=["replay"])
    def replay_selected(self, request, queryset) -> None:
        outcomes: Counter[str] = Counter()
        for delivery in queryset.order_by("received_at", "id"):
            replayed = services.replay(delivery).delivery
            outcomes[replayed.outcome if replayed else "skipped (not verified or truncated)"] += 1
        summary = ", ".join(f"{count} {outcome}" for outcome, count in sorted(outcomes.items()))
        level = messages.WARNING if outcomes[Outcome.FAILED] else messages.SUCCESS
        self.message_user(request, f"Replayed {sum(outcomes.values())}: {summary}.", level)

    def has_replay_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_staff


@admin.register(RejectedRequestCount)
class RejectedRequestCountAdmin(admin.ModelAdmin):
    """Unverified requests, counted: only the newest are kept as deliveries."""

    list_display = ("day", "reason", "count")
    list_filter = ("reason",)
    date_hierarchy = "day"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
