"""The sandbox's partners: its own (the configured API key) and a second one.

The second partner exists so that the 403 paths of flows B and C can be tried:
a creator or merch item of one partner is forbidden to the other. Its key is
derived from SECRET_KEY (stable across restarts, reveals nothing of it) and is
shown in the operator panel; it is a sandbox test key, not a secret of ours.
"""

from __future__ import annotations

import hmac

from django.conf import settings

from dreamcanvas.config import derived_secret

PRIMARY = "primary"
SECOND = "second"
NAMES = {PRIMARY: "DreamCanvas (this site's key)", SECOND: "Second partner (for 403 tests)"}


def second_key() -> str:
    return derived_secret(settings.SECRET_KEY, "pk_test_sandbox_second_")


def partner_for(key: str) -> str | None:
    """Which partner ``key`` belongs to, compared in constant time; None if neither."""
    found = None
    for partner, expected in ((PRIMARY, settings.PRINTORA_API_KEY), (SECOND, second_key())):
        if hmac.compare_digest(key.encode(), expected.encode()):
            found = partner
    return found
