from __future__ import annotations

from django.contrib import admin

from orders.models import Order, OrderEvent


class OrderEventInline(admin.TabularInline):
    model = OrderEvent
    fields = ("event_type", "occurred_at", "received_at", "session_id")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    """Read-only: orders change only through webhooks (orders.services)."""

    list_display = (
        "__str__",
        "status",
        "payment_status",
        "total_amount",
        "currency",
        "customer_name",
        "last_event_at",
        "created",
    )
    list_filter = ("status", "payment_status", "currency")
    search_fields = (
        "printora_order_id",
        "order_number",
        "customer_email",
        "customer_name",
        "session_id",
    )
    date_hierarchy = "created"
    inlines = [OrderEventInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # An order is a projection of its events; deleting either breaks the book.
        return False


@admin.register(OrderEvent)
class OrderEventAdmin(admin.ModelAdmin):
    list_display = ("event_type", "order", "occurred_at", "received_at", "session_id")
    list_filter = ("event_type",)
    search_fields = ("order__printora_order_id", "order__order_number", "session_id")
    list_select_related = ("order",)
    raw_id_fields = ("order",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # Deleting an event would also delete its dedupe row: a resend would re-apply it.
        return False
