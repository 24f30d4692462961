"""printora_client stays plain Python: importing it must not pull in Django."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import printora_client

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def test_importing_the_package_does_not_import_django() -> None:
    code = (
        "import printora_client, sys; "
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules)"
    )

    result = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stderr


def test_the_package_exports_its_public_api() -> None:
    assert printora_client.__version__ == "0.1.0"
    for name in printora_client.__all__:
        assert hasattr(printora_client, name), name
