"""Building the project (what `pip install` does) prints no deprecation warning."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_building_the_project_prints_no_deprecation_warning(tmp_path):
    # A copy: setuptools writes build/ and *.egg-info next to the sources.
    source = tmp_path / "src"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv",
            "build",
            "*.egg-info",
            "__pycache__",
            "test-artifacts",
            "static",
            "db.sqlite3*",
            ".env",
            "media",
            "staticfiles",
        ),
    )
    wheels = tmp_path / "wheels"
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
            str(wheels),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-2000:]
    assert list(wheels.glob("dreamcanvas-*.whl"))
    assert "deprecat" not in output.lower(), output[-3000:]
