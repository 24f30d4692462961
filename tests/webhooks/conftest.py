from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture
def client() -> Client:
    # Printora has no CSRF token: these tests prove the exemption, not bypass it.
    return Client(enforce_csrf_checks=True)
