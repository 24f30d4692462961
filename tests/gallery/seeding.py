"""Put the seeded gallery back after a transactional test flushed it.

``live_server`` tests run in ``TransactionTestCase`` mode: the tables are emptied
after each one, data migrations included. Django's ``serialized_rollback`` would
restore them but trips over the content types re-created by the flush, so
browser tests call the seed migrations' own functions instead (they are idempotent).
"""

from __future__ import annotations

import importlib

from django.apps import apps

_seed_migration = importlib.import_module("gallery.migrations.0002_seed_gallery")
_webp_migration = importlib.import_module("gallery.migrations.0003_webp_thumbnails")


def ensure_gallery_seeded() -> None:
    _seed_migration.seed(apps, None)
    _webp_migration.forwards(apps, None)
