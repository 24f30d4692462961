from __future__ import annotations

from django.urls import path

from sessions_app import views

app_name = "sessions_app"

urlpatterns = [
    path("api/sessions/", views.start, name="start"),
    path("create-session/", views.create, name="create"),
    path("create-session/events/", views.recent_events, name="recent-events"),
    path("callback/success/", views.callback_success, name="callback-success"),
    path("callback/failed/", views.callback_failed, name="callback-failed"),
]
