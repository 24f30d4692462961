from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture
def client() -> Client:
    # Printora has no CSRF token: these tests prove the exemption, not bypass it.
    return Client(enforce_csrf_checks=True)


# Nothing listens on the discard port: the deliveries page's live read of Printora's
# log fails at once (and says so) unless a test fakes Printora. No test reaches a
# server someone else runs on the default APP_URL.
UNREACHABLE_PRINTORA = "http://127.0.0.1:9/sandbox"


@pytest.fixture(autouse=True)
def printora_unreachable(settings) -> None:
    settings.PRINTORA_API_URL = UNREACHABLE_PRINTORA
