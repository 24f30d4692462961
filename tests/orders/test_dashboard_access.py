"""Who sees the dashboard: staff, or everyone when DASHBOARD_PUBLIC is on (with a notice)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from tests.helpers import make_order
from webhooks.models import Outcome, WebhookDelivery

pytestmark = pytest.mark.django_db

NOTICE = "Public dashboard: anyone can see customer data."


@pytest.fixture
def private(settings):
    settings.DASHBOARD_PUBLIC = False


@pytest.fixture
def pages(db) -> list[str]:
    make_order("ord_access", email="maya@example.com")
    delivery = WebhookDelivery.objects.create(outcome=Outcome.APPLIED, signature_valid=True)
    return [
        "/dashboard/",
        "/dashboard/?status=paid&q=maya",
        "/dashboard/live/",
        "/dashboard/export.csv",
        "/dashboard/orders/ord_access/",
        "/dashboard/webhooks/",
        f"/dashboard/webhooks/{delivery.pk}/",
    ]


@pytest.fixture
def staff(client) -> User:
    user = User.objects.create_user("ops", password="pw-ops-123456", is_staff=True)
    client.force_login(user)
    return user


@pytest.fixture
def shopper(client) -> User:
    user = User.objects.create_user("shopper", password="pw-shopper-123456")
    client.force_login(user)
    return user


def test_anonymous_visitors_are_sent_to_the_login_page_and_back(client, private, pages):
    for url in pages:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next=/dashboard/"), url

    response = client.get("/dashboard/?status=paid&q=maya")
    assert response["Location"] == "/accounts/login/?next=/dashboard/%3Fstatus%3Dpaid%26q%3Dmaya"


def test_signed_in_users_who_are_not_staff_get_403(client, private, pages, shopper):
    for url in pages:
        assert client.get(url).status_code == 403, url


def test_staff_see_every_page_without_the_public_notice(client, private, pages, staff):
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
    html = client.get("/dashboard/").text
    assert NOTICE not in html
    assert "maya@example.com" in html


def test_inactive_staff_accounts_are_refused(client, private):
    user = User.objects.create_user("gone", password="x", is_staff=True, is_active=False)
    client.force_login(user)

    response = client.get("/dashboard/")

    assert response.status_code in (302, 403)
    assert "maya" not in response.text


def test_a_public_dashboard_is_open_to_anyone_and_says_so(client, settings, pages):
    settings.DASHBOARD_PUBLIC = True
    for url in pages:
        assert client.get(url).status_code == 200, url
    for url in ("/dashboard/", "/dashboard/orders/ord_access/", "/dashboard/webhooks/"):
        html = client.get(url).text
        assert NOTICE in html, url
        assert "DASHBOARD_PUBLIC=false" in html


def test_the_login_page_is_a_styled_form_that_returns_to_the_dashboard(client, private):
    User.objects.create_user("ops", password="pw-ops-123456", is_staff=True)

    page = client.get("/accounts/login/?next=/dashboard/webhooks/")
    assert page.status_code == 200
    assert 'href="/static/css/site.css"' in page.text
    assert 'name="username"' in page.text and 'name="password"' in page.text
    assert 'name="next" value="/dashboard/webhooks/"' in page.text
    assert "createsuperuser" in page.text

    response = client.post(
        "/accounts/login/",
        {"username": "ops", "password": "pw-ops-123456", "next": "/dashboard/webhooks/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/webhooks/"
    assert client.get("/dashboard/webhooks/").status_code == 200


def test_a_wrong_password_shows_an_error_on_the_login_page(client, private):
    User.objects.create_user("ops", password="pw-ops-123456", is_staff=True)

    response = client.post("/accounts/login/", {"username": "ops", "password": "nope"})

    assert response.status_code == 200
    assert "alert--error" in response.text
    assert "correct username and password" in response.text
