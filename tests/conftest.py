from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.helpers import WEBHOOK_SECRET


@pytest.fixture(autouse=True)
def webhook_secret(settings) -> str:
    settings.PRINTORA_WEBHOOK_SECRETS = [WEBHOOK_SECRET]
    return WEBHOOK_SECRET


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


# --- Browser tests (Playwright driving Debian's Chromium) ---------------------------

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
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


# Playwright's sync API runs an event loop in the test thread; Django refuses ORM
# calls from such a thread unless told this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def require_chromium():
    """Under CI=true a missing Chromium fails the test; elsewhere it skips with the reason."""
    if not Path(CHROMIUM).exists():
        reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
