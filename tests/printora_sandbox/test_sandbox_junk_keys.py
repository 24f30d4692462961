"""The sandbox API's rate limit cannot be escaped by inventing a new key per request."""

from __future__ import annotations

import uuid

import pytest
from django.conf import settings as django_settings

pytestmark = pytest.mark.django_db

ORDERS = "/sandbox/api/v1/partners/orders"


def get_orders(client, key: str, address: str = "203.0.113.7"):
    return client.get(ORDERS, HTTP_AUTHORIZATION=f"Bearer {key}", REMOTE_ADDR=address)


def test_rotating_junk_keys_share_one_budget_per_client_address(client, settings):
    settings.SANDBOX_RATE_LIMIT_PER_MINUTE = 3
    statuses = [get_orders(client, f"junk-{uuid.uuid4().hex}").status_code for _ in range(5)]
    assert statuses == [401, 401, 401, 429, 429]


def test_junk_keys_from_one_address_do_not_use_up_the_partners_budget(client, settings):
    settings.SANDBOX_RATE_LIMIT_PER_MINUTE = 2
    for _ in range(3):
        get_orders(client, f"junk-{uuid.uuid4().hex}")
    assert get_orders(client, django_settings.PRINTORA_API_KEY).status_code == 200


def test_another_address_has_its_own_budget_for_unknown_keys(client, settings):
    settings.SANDBOX_RATE_LIMIT_PER_MINUTE = 1
    assert get_orders(client, "junk-a", "203.0.113.7").status_code == 401
    assert get_orders(client, "junk-b", "203.0.113.7").status_code == 429
    assert get_orders(client, "junk-c", "198.51.100.9").status_code == 401
