from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from dreamcanvas import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("healthz/", views.healthz),
    path("admin/", admin.site.urls),
    path("", include("webhooks.urls")),
]
