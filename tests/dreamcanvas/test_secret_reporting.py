"""DEBUG=true technical 500 pages never print the webhook secrets, the API key or
the database password (dreamcanvas.reporting.SecretsFilter, always active)."""

from __future__ import annotations

import sys

import pytest
from django.test import RequestFactory
from django.views.debug import ExceptionReporter, get_default_exception_reporter_filter

# Built at run time: the technical page quotes source lines around each frame, and
# the marker must only be found if a value leaks, not because this file is quoted.
MARK = "".join(["TOP", "SECRET"])
WEBHOOK_SECRET = f"whsec_{MARK}_webhook_0001"
API_KEY = f"pk_live_{MARK}_key_0002"
DB_URL = f"postgres://shop:{MARK}_password@db.internal:5432/shop"


def failing_receiver(body: bytes, secrets: list[str], headers: dict) -> None:
    api_key = API_KEY  # noqa: F841  (a local the traceback would show)
    raise ValueError("signature check blew up")


def debug_page(settings) -> str:
    settings.DEBUG = True
    settings.PRINTORA_WEBHOOK_SECRETS = [WEBHOOK_SECRET]
    settings.PRINTORA_API_KEY = API_KEY
    request = RequestFactory().post(
        "/api/webhooks/",
        data=b"{}",
        content_type="application/json",
        headers={"X-Printora-Signature": "sha256=abc", "Authorization": f"Bearer {MARK}_bearer"},
    )
    # runserver puts the whole process environment into request.META.
    request.META["PRINTORA_WEBHOOK_SECRET"] = WEBHOOK_SECRET
    request.META["DATABASE_URL"] = DB_URL
    try:
        failing_receiver(b"{}", [WEBHOOK_SECRET], {"X-Printora-Signature": "sha256=abc"})
    except ValueError:
        info = sys.exc_info()
    return ExceptionReporter(request, *info).get_traceback_html()


def test_the_project_filter_is_the_default():
    assert type(get_default_exception_reporter_filter()).__name__ == "SecretsFilter"


@pytest.mark.django_db
def test_the_debug_500_page_shows_no_secret(settings):
    html = debug_page(settings)
    assert "signature check blew up" in html  # it is the real technical page
    assert "failing_receiver" in html
    assert MARK not in html


@pytest.mark.django_db
def test_secrets_in_settings_are_hidden_too(settings):
    html = debug_page(settings)
    assert "PRINTORA_WEBHOOK_SECRETS" in html and "PRINTORA_API_KEY" in html
    assert WEBHOOK_SECRET not in html and API_KEY not in html
