from __future__ import annotations

from django.urls import path

from orders.views import book, detail, export, sync

app_name = "orders"

# The deliveries pages under /dashboard/webhooks/ belong to the webhooks app
# (webhooks/dashboard_urls.py).
urlpatterns = [
    path("", book.dashboard, name="dashboard"),
    path("live/", book.live, name="live"),
    path("export.csv", export.export, name="export"),
    path("orders/<str:order_id>/", detail.order, name="order"),
    path("sync/", sync.sync, name="sync"),
]
