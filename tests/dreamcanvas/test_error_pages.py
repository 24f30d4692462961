from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.test import Client
from django.urls import path

from dreamcanvas.urls import urlpatterns as site_patterns

pytestmark = pytest.mark.django_db


def _raise(exc):
    def view(request):
        raise exc

    return view


urlpatterns = [
    *site_patterns,
    path("boom/500", _raise(RuntimeError("secret detail: pk_live_x"))),
    path("boom/403", _raise(PermissionDenied())),
    path("boom/400", _raise(SuspiciousOperation("bad"))),
]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    ("url", "status", "title"),
    [
        ("/no-such-page/", 404, "Page not found"),
        ("/boom/403", 403, "Not allowed"),
        ("/boom/400", 400, "Bad request"),
        ("/boom/500", 500, "Something went wrong"),
    ],
)
def test_error_pages_are_in_the_site_style_without_details(url, status, title):
    response = Client(raise_request_exception=False).get(url)
    html = response.content.decode()
    assert response.status_code == status
    assert title in html and "/static/css/site.css" in html
    for leak in ("Traceback", "secret detail", "pk_live_x", "SECRET_KEY", "settings"):
        assert leak not in html
