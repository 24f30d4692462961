from __future__ import annotations

import pytest

# Nothing listens on the discard port: a dashboard page's live read of Printora
# fails at once unless a test fakes Printora (or sets its own PRINTORA_API_URL).
UNREACHABLE_PRINTORA = "http://127.0.0.1:9/sandbox"


@pytest.fixture(autouse=True)
def printora_unreachable(settings) -> None:
    settings.PRINTORA_API_URL = UNREACHABLE_PRINTORA
