from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.helpers import WEBHOOK_SECRET


@pytest.fixture(autouse=True)
def webhook_secret(settings) -> str:
    settings.PRINTORA_WEBHOOK_SECRETS = [WEBHOOK_SECRET]
    return WEBHOOK_SECRET


@pytest.fixture(autouse=True)
def _fresh_cache():
    """No rate-limit count or cached summary leaks from one test into the next, with
    local memory or with Redis (CACHE_URL; give the suite a Redis database index of its
    own: clearing empties that index)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def sandbox_live(live_server, settings):
    """The whole site on a real port, with the sandbox standing in for Printora there."""
    from dreamcanvas.printora import get_client, get_quick_client

    settings.APP_URL = live_server.url
    settings.PRINTORA_API_URL = live_server.url + "/sandbox"
    settings.SANDBOX_WEBHOOK_URL = live_server.url + "/api/webhooks/"
    yield live_server
    # No keep-alive connection may outlive the test: the live server's thread
    # behind it would touch the next test's database connection.
    get_client().close()
    get_quick_client().close()


@pytest.fixture(autouse=True)
def _gallery_seeded(request):
    """Every database test sees the seeded gallery, even after a transactional
    (live-server) test has flushed the tables that a data migration filled."""
    if request.node.get_closest_marker("django_db") is None:
        return
    from gallery.models import Artwork
    from tests.gallery.seeding import ensure_gallery_seeded

    if not Artwork.objects.exists():
        ensure_gallery_seeded()


# --- Browser tests (Playwright driving a Chromium) -----------------------------------
#
# The browser is CHROMIUM_PATH when set, else a Chromium or Chrome found on the machine,
# else the one `python -m playwright install chromium` downloaded. When there is none,
# browser tests skip with the reason, except under CI=true where they fail. The check
# runs in the session fixture that launches the browser, so nothing launches first.

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_APP_PATHS = (
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium hangs on this closed network.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BROWSER_HELP = (
    "install one (Debian/Ubuntu: sudo apt-get install chromium; macOS: brew install --cask "
    "chromium; anywhere: .venv/bin/python -m playwright install chromium) or set CHROMIUM_PATH"
)


def _playwright_browsers_dir() -> Path:
    configured = os.environ.get("PLAYWRIGHT_BROWSERS_PATH")
    if configured and configured != "0":
        return Path(configured)
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "ms-playwright"
    return Path.home() / ".cache" / "ms-playwright"


def find_chromium() -> tuple[str | None, str]:
    """The browser to launch, as (path, "") or (None, why not); a path of "" means
    Playwright's own download."""
    explicit = os.environ.get("CHROMIUM_PATH", "").strip()
    if explicit:
        if Path(explicit).is_file():
            return explicit, ""
        return None, f"CHROMIUM_PATH={explicit} does not exist"
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found, ""
    for path in CHROMIUM_APP_PATHS:
        if Path(path).is_file():
            return path, ""
    downloads = _playwright_browsers_dir()
    if downloads.is_dir() and any(downloads.glob("chromium*")):
        return "", ""
    return None, "no Chromium found (looked for CHROMIUM_PATH, " + ", ".join(
        CHROMIUM_NAMES
    ) + f" on PATH, /Applications and {downloads})"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def skip_or_fail_without_chromium() -> str:
    """The browser's path ("" for Playwright's own); skips, or fails under CI=true, without one."""
    path, problem = find_chromium()
    if path is None:
        reason = f"Browser tests need Chromium: {problem}; {BROWSER_HELP}."
        if in_ci():
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return path


# Playwright's sync API runs an event loop in the test thread; Django refuses ORM
# calls from such a thread unless told this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    path = skip_or_fail_without_chromium()
    launch = {**browser_type_launch_args, "args": CHROMIUM_ARGS}
    if path:
        launch["executable_path"] = path
    return launch


@pytest.fixture
def require_chromium():
    """For tests that drive a browser without Playwright's fixtures."""
    skip_or_fail_without_chromium()
