from __future__ import annotations

from django.urls import path

from orders import sync_views, views

app_name = "orders"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("live/", views.live, name="live"),
    path("export.csv", views.export, name="export"),
    path("orders/<str:order_id>/", views.order, name="order"),
    path("webhooks/", views.deliveries, name="deliveries"),
    path("webhooks/<int:delivery_id>/", views.delivery, name="delivery"),
    path("webhooks/<int:delivery_id>/replay/", views.replay, name="replay"),
    path("sync/", sync_views.sync, name="sync"),
]
