from __future__ import annotations

from django.urls import path

from webhooks import views

app_name = "webhooks"

# Both spellings, served directly: a redirect from one to the other would turn
# Printora's POST into a GET and lose the body.
urlpatterns = [
    path("api/webhooks/", views.receive, name="receive"),
    path("api/webhooks", views.receive),
]
