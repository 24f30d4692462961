from __future__ import annotations

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
