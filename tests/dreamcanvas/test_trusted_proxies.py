"""TRUSTED_PROXIES: the client address behind a reverse proxy, and only behind one."""

from __future__ import annotations

import json
import uuid

import pytest
import responses
from django.test import Client, RequestFactory

from dreamcanvas import config
from dreamcanvas.clientip import client_ip
from tests.sessions_app.conftest import CREATE_URL, created_reply


def ip_of(remote: str, forwarded: str | None = None) -> str:
    headers = {"X-Forwarded-For": forwarded} if forwarded is not None else {}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote, headers=headers))


def test_without_trusted_proxies_forwarding_headers_change_nothing(settings):
    settings.TRUSTED_PROXIES = []
    assert ip_of("203.0.113.9", "198.51.100.1") == "203.0.113.9"


def test_from_a_trusted_proxy_the_client_is_the_right_most_untrusted_entry(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    # The left entry was written by the client: it proves nothing.
    assert ip_of("127.0.0.1", "6.6.6.6, 198.51.100.1") == "198.51.100.1"


def test_a_chain_of_trusted_proxies_is_skipped(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    assert ip_of("127.0.0.1", "6.6.6.6, 198.51.100.1, 10.1.2.3") == "198.51.100.1"


def test_from_anyone_else_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert ip_of("203.0.113.9", "198.51.100.1") == "203.0.113.9"


def test_a_trusted_proxy_without_the_header_is_the_client(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert ip_of("127.0.0.1") == "127.0.0.1"


def test_networks_and_addresses_are_accepted_and_junk_is_refused():
    assert config.trusted_proxies(" 127.0.0.1, 10.0.0.0/8,::1 ") == [
        "127.0.0.1/32",
        "10.0.0.0/8",
        "::1/128",
    ]
    assert config.trusted_proxies("") == []
    with pytest.raises(config.ConfigError, match="TRUSTED_PROXIES"):
        config.trusted_proxies("localhost")


@pytest.mark.django_db
def test_behind_the_proxy_each_shopper_has_a_budget_of_their_own(settings, artwork):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.SESSION_RATE_LIMIT_PER_MINUTE = 2
    with responses.RequestsMock() as upstream:
        upstream.add_callback(
            responses.POST,
            CREATE_URL,
            callback=lambda r: (201, {}, json.dumps(created_reply(str(uuid.uuid4())))),
        )

        def start(shopper: str) -> int:
            client = Client(REMOTE_ADDR="127.0.0.1", headers={"X-Forwarded-For": shopper})
            body = json.dumps({"artwork": artwork.slug})
            reply = client.post("/api/sessions/", data=body, content_type="application/json")
            return reply.status_code

        assert [start("198.51.100.1") for _ in range(3)] == [201, 201, 429]
        # Another shopper behind the same proxy is not blocked by the first one.
        assert start("198.51.100.2") == 201


@pytest.fixture
def artwork(db):
    from gallery.models import Artwork

    return Artwork.objects.order_by("id").first()


@pytest.fixture(autouse=True)
def upstream_settings(settings):
    settings.PRINTORA_API_URL = "https://api.printora.test"
    settings.PRINTORA_MAX_RETRIES = 0
