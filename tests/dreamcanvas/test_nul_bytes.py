"""A NUL byte in the path or the query string is a clear 400, never a 500.

PostgreSQL refuses NUL in text columns, so before dreamcanvas.middleware.reject_nul_bytes
each of these reached a query and failed with a server error on PostgreSQL.
"""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/ai-image-app/?q=moon%00",
        "/ai-image-app/?q%00=moon",
        "/ai-image-app/?category=cosmic&q=a&q=b%00",
        "/ai-image-app/some%00slug/",
        "/callback/success/?sessionId=abc%00&orderId=x",
        "/callback/failed/?sessionId=%00",
        "/create-session/?image_url=%00",
        "/dashboard/?q=nul%00byte",
        "/dashboard/orders/%00/",
        "/sandbox/en/print/tok%00en",
        "/sandbox/api/v1/partner-session/by-token/%00",
    ],
)
def test_a_nul_byte_in_the_address_is_a_one_line_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response.content.decode().count("\n") == 1
    assert "NUL" in response.content.decode()


def test_an_ordinary_search_still_works(client):
    assert client.get("/ai-image-app/?q=moon").status_code == 200


def test_a_nul_byte_in_the_json_artwork_is_a_clear_400(client):
    response = client.post(
        "/api/sessions/",
        data=json.dumps({"artwork": "moon\u0000"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "control characters" in response.json()["error"]


def test_a_nul_byte_in_the_create_session_form_is_a_field_error(client):
    response = client.post(
        "/create-session/",
        {"image_url": "https://cdn.example.com/a.png", "customer_name": "Ana\u0000"},
    )
    assert response.status_code == 400
    assert "Null characters are not allowed." in response.text
