"""Building the project (what `pip install` does) prints no deprecation warning."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_building_the_project_prints_no_deprecation_warning(tmp_path):
    # --no-build-isolation: the dev extras pin setuptools, so no index is needed.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-cache-dir",
            "-v",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-2000:]
    assert list(tmp_path.glob("dreamcanvas-*.whl"))
    assert "deprecat" not in output.lower(), output[-3000:]
