"""Browser tests: Playwright driving Debian's Chromium against live_server, in sandbox mode.

Under CI=true a missing Chromium fails the run; elsewhere these tests skip with the reason.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from dreamcanvas.printora import get_client
from printora_sandbox import dispatcher

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls
# from a thread with a running loop unless told this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session", autouse=True)
def _require_chromium():
    if Path(CHROMIUM).exists():
        return
    reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


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
