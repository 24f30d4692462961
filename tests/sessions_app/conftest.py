from __future__ import annotations

import json

import pytest
import responses
from django.http import HttpResponse
from django.test import Client, RequestFactory

from dreamcanvas import access
from dreamcanvas.access import STARTED_SESSIONS_COOKIE
from gallery.models import Artwork

UPSTREAM = "https://api.printora.test"
CREATE_URL = f"{UPSTREAM}/api/v1/partner-session"
API_KEY = "pk_test_unit_0123456789"


@pytest.fixture(autouse=True)
def upstream_settings(settings):
    settings.PRINTORA_API_URL = UPSTREAM
    settings.PRINTORA_API_KEY = API_KEY
    settings.PRINTORA_MAX_RETRIES = 0
    settings.APP_URL = "https://shop.example.com"


@pytest.fixture
def upstream():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def created_reply(session_id: str = "550e8400-e29b-41d4-a716-446655440000") -> dict:
    return {
        "success": True,
        "data": {
            "sessionId": session_id,
            "redirectUrl": "https://printora.ai/en/print/abc123token",
            "sessionMode": "image",
        },
    }


@pytest.fixture
def printora_ok(upstream):
    upstream.add(responses.POST, CREATE_URL, json=created_reply(), status=201)
    return upstream


def sent_body(mock) -> dict:
    return json.loads(mock.calls[-1].request.body)


@pytest.fixture
def artwork(db) -> Artwork:
    found = Artwork.objects.select_related("creator").order_by("id").first()
    assert found is not None, "the gallery's seed migration made no artwork"
    return found


def started_here(
    client: Client, session_id: str = "3726a462-e994-4a94-a483-34dd9de8ee90"
) -> Client:
    """The signed cookie a browser gets when it starts ``session_id``."""
    response = HttpResponse()
    access.remember_started_session(RequestFactory().get("/"), response, session_id)
    client.cookies[STARTED_SESSIONS_COOKIE] = response.cookies[STARTED_SESSIONS_COOKIE].value
    return client
