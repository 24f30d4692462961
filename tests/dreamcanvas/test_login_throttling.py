"""Failed sign-ins are throttled per account and per client, at the staff login and
at /admin/login/; successful sign-ins are never slowed."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"
PASSWORD = "correct-horse-battery-9"


@pytest.fixture(autouse=True)
def small_budgets(settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 3
    settings.LOGIN_FAILURES_PER_CLIENT = 5


@pytest.fixture
def staff(db) -> User:
    return User.objects.create_user("ops", password=PASSWORD, is_staff=True, is_superuser=True)


def sign_in(client: Client, url: str, username: str, password: str):
    return client.post(url, {"username": username, "password": password})


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url", [LOGIN, ADMIN_LOGIN])
def test_an_account_is_locked_after_repeated_failures_even_with_the_right_password(
    client, staff, url
):
    for _ in range(3):
        assert sign_in(client, url, "ops", "wrong").status_code == 200
    refused = sign_in(client, url, "ops", PASSWORD)
    assert "Too many failed sign-in attempts" in refused.text
    assert re.search(r"please wait \d+ minutes? and try again", refused.text)
    assert not signed_in(client)


def test_the_staff_login_answers_429_when_throttled(client, staff):
    for _ in range(3):
        sign_in(client, LOGIN, "ops", "wrong")
    assert sign_in(client, LOGIN, "ops", "wrong").status_code == 429


def test_the_account_budget_holds_across_client_addresses(staff):
    for n in range(3):
        sign_in(Client(REMOTE_ADDR=f"198.51.100.{n}"), LOGIN, "ops", "wrong")
    elsewhere = Client(REMOTE_ADDR="203.0.113.50")
    assert "Too many failed" in sign_in(elsewhere, LOGIN, "OPS", PASSWORD).text


def test_one_client_guessing_many_accounts_is_throttled(client, staff):
    for n in range(5):
        sign_in(client, LOGIN, f"user{n}", "wrong")
    assert "Too many failed" in sign_in(client, LOGIN, "ops", PASSWORD).text
    # Other clients are not affected by that one.
    other = Client(REMOTE_ADDR="203.0.113.60")
    sign_in(other, LOGIN, "ops", PASSWORD)
    assert signed_in(other)


def test_successful_sign_ins_are_never_counted(client, staff):
    for _ in range(10):
        client.logout()
        response = sign_in(client, LOGIN, "ops", PASSWORD)
        assert response.status_code == 302 and signed_in(client)


def test_a_success_clears_the_accounts_earlier_failures(client, staff):
    for _ in range(2):
        sign_in(client, LOGIN, "ops", "wrong")
    sign_in(client, LOGIN, "ops", PASSWORD)
    client.logout()
    for _ in range(2):
        sign_in(client, LOGIN, "ops", "wrong")
    sign_in(client, LOGIN, "ops", PASSWORD)
    assert signed_in(client)


def test_behind_a_trusted_proxy_clients_are_told_apart(settings, staff):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.LOGIN_FAILURES_PER_ACCOUNT = 100

    def via_proxy(shopper: str) -> Client:
        return Client(REMOTE_ADDR="127.0.0.1", headers={"X-Forwarded-For": shopper})

    for n in range(5):
        sign_in(via_proxy("198.51.100.1"), LOGIN, f"user{n}", "wrong")
    assert "Too many failed" in sign_in(via_proxy("198.51.100.1"), LOGIN, "x", "y").text
    other = via_proxy("198.51.100.2")
    sign_in(other, LOGIN, "ops", PASSWORD)
    assert signed_in(other)
