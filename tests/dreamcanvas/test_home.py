from __future__ import annotations

import pytest
from django.test import override_settings

from dreamcanvas import views

pytestmark = pytest.mark.django_db


def test_it_explains_the_integration_in_three_steps(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for step in ("Create a partner session", "Send the shopper to the editor", "Receive signed"):
        assert step in html
    assert "/static/css/site.css" in html


def test_it_links_only_to_pages_that_exist(client, monkeypatch):
    monkeypatch.setattr(
        views,
        "DESTINATIONS",
        [("admin:index", "Admin", "Staff only"), ("nowhere:page", "Missing page", "Not installed")],
    )
    html = client.get("/").content.decode()
    assert 'href="/admin/"' in html
    assert "Missing page" not in html


def test_it_never_shows_the_api_key(client):
    with override_settings(PRINTORA_API_KEY="pk_live_TOPSECRETKEY"):
        html = client.get("/").content.decode()
    assert "TOPSECRETKEY" not in html


def test_it_serves_the_stylesheet_through_whitenoise(client):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert b"--brand" in b"".join(response.streaming_content)
