from __future__ import annotations

from django.urls import path

from gallery import studio

app_name = "studio"

urlpatterns = [
    path("", studio.index, name="index"),
    path("<slug:slug>/", studio.creator, name="creator"),
    path("<slug:slug>/register/", studio.register, name="register"),
    path("<slug:slug>/new/", studio.new_merch, name="new"),
    path("<slug:slug>/merch/<str:merch_id>/edit/", studio.edit_merch, name="edit"),
    path("<slug:slug>/merch/<str:merch_id>/status/", studio.set_status, name="status"),
    path("<slug:slug>/merch/<str:merch_id>/editor/", studio.editor_link, name="editor"),
]
