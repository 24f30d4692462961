"""Browser tests: Playwright driving Debian's Chromium against live_server, in sandbox mode.

Under CI=true a missing Chromium fails the run; elsewhere these tests skip with the reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dreamcanvas.printora import get_client
from printora_sandbox import dispatcher

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(autouse=True)
def _chromium(require_chromium):
    """Every test here drives Chromium (see tests/conftest.py)."""


@pytest.fixture
def site(live_server, settings):
    """The whole site on a real port, with the sandbox standing in for Printora there."""
    settings.APP_URL = live_server.url
    settings.PRINTORA_API_URL = live_server.url + "/sandbox"
    settings.SANDBOX_WEBHOOK_URL = live_server.url + "/api/webhooks/"
    settings.SANDBOX_BACKGROUND_DISPATCH = True
    yield live_server
    dispatcher.stop()
    get_client().close()


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot into test-artifacts/ (ignored by git)."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(name: str, target=None) -> Path:
        path = ARTIFACTS / f"{name}.png"
        (target or page).screenshot(path=str(path), full_page=True)
        return path

    return take
