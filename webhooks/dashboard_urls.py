"""/dashboard/webhooks/: the webhook log's pages on the dashboard (``webhooks.dashboard``)."""

from __future__ import annotations

from django.urls import path

from webhooks import dashboard

app_name = "deliveries"

urlpatterns = [
    path("", dashboard.deliveries, name="list"),
    path("<int:delivery_id>/", dashboard.delivery, name="detail"),
    path("<int:delivery_id>/replay/", dashboard.replay, name="replay"),
    path("resend/", dashboard.resend, name="resend"),
    path("printora/retry/", dashboard.retry_printora, name="printora-retry"),
]
