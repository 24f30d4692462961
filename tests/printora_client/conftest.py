"""Fixtures: a client wired to a mocked Printora that never sleeps for real."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import responses

from printora_client import PrintoraClient
from tests.printora_client.support import API_KEY, BASE_URL, NOW, FakeSleep


@pytest.fixture
def sleeps() -> FakeSleep:
    return FakeSleep()


@pytest.fixture
def client(sleeps: FakeSleep) -> Iterator[PrintoraClient]:
    with PrintoraClient(API_KEY, BASE_URL, sleep=sleeps, clock=lambda: NOW) as printora:
        yield printora


@pytest.fixture
def mocked() -> Iterator[responses.RequestsMock]:
    # Every registered response must be used: an unused one means the test is wrong.
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        yield mock


@pytest.fixture(autouse=True)
def webhook_secret() -> None:
    """Shadows tests/conftest.py's autouse fixture of the same name.

    That one needs pytest-django's ``settings``; these tests must run without
    Django at all (``-p no:django``), and the client never reads settings.
    """
