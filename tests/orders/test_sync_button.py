"""Who sees the dashboard's "Sync with Printora" button: staff only, as only staff
may use it (orders.views.sync), even on a public dashboard."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model

from dreamcanvas.http import reverse_or_none

pytestmark = pytest.mark.django_db

URL = "/dashboard/"
SYNC_URL = reverse_or_none("orders:sync")


def sign_in(client, *, staff: bool) -> None:
    name = "staff" if staff else "shopper"
    client.force_login(get_user_model().objects.create_user(name, password="x", is_staff=staff))


def sync_form(html: str) -> str | None:
    found = re.search(
        rf'<form method="post" action="{re.escape(str(SYNC_URL))}">(.*?)</form>', html, re.S
    )
    return found.group(1) if found else None


def test_staff_see_the_button_as_a_csrf_protected_post(client, settings):
    settings.DASHBOARD_PUBLIC = False
    sign_in(client, staff=True)
    form = sync_form(client.get(URL).text)
    assert form is not None
    assert "csrfmiddlewaretoken" in form and "Sync with Printora" in form


def test_anonymous_visitors_of_a_public_dashboard_do_not_see_it(client, settings):
    settings.DASHBOARD_PUBLIC = True
    page = client.get(URL)
    assert page.status_code == 200
    assert "Sync with Printora" not in page.text
    assert sync_form(page.text) is None


def test_signed_in_non_staff_of_a_public_dashboard_do_not_see_it(client, settings):
    settings.DASHBOARD_PUBLIC = True
    sign_in(client, staff=False)
    page = client.get(URL)
    assert page.status_code == 200
    assert "Sync with Printora" not in page.text


def test_the_empty_dashboard_suggests_sync_only_to_staff(client, settings):
    settings.DASHBOARD_PUBLIC = True
    settings.PRINTORA_SANDBOX = False  # the empty state for real credentials
    assert "press <strong>Sync with Printora</strong>" not in client.get(URL).text
    sign_in(client, staff=True)
    assert "press <strong>Sync with Printora</strong>" in client.get(URL).text
