"""The documentation's snippets run against the live site with the sandbox on."""

from __future__ import annotations

from tests.printora_sandbox.conftest import sandbox_live  # noqa: F401
