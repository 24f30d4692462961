from __future__ import annotations

from django.urls import path

from gallery import views

app_name = "gallery"

urlpatterns = [
    path("", views.index, name="index"),
    path("creators/<slug:slug>/", views.creator, name="creator"),
    path("<slug:slug>/", views.detail, name="detail"),
]
