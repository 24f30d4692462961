from __future__ import annotations

import pytest

from tests.helpers import WEBHOOK_SECRET


@pytest.fixture(autouse=True)
def webhook_secret(settings) -> str:
    settings.PRINTORA_WEBHOOK_SECRETS = [WEBHOOK_SECRET]
    return WEBHOOK_SECRET
