"""A machine without Chromium: browser tests skip with the reason, and fail under CI=true.

Runs pytest itself in a subprocess, as `make test` would on such a machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BROWSER_TEST = "tests/e2e/test_mobile_layout.py"


def run_browser_test(**variables: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(CHROMIUM_PATH="/nonexistent/chromium", **variables)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", BROWSER_TEST],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_browser_tests_skip_with_the_reason_when_chromium_is_missing():
    result = run_browser_test()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "skipped" in result.stdout
    assert "error" not in result.stdout.lower().split("short test summary")[-1]
    assert "CHROMIUM_PATH=/nonexistent/chromium does not exist" in result.stdout
    assert "apt-get install chromium" in result.stdout


def test_browser_tests_fail_under_ci_when_chromium_is_missing():
    result = run_browser_test(CI="true")
    assert result.returncode != 0
    assert "skipped" not in result.stdout
    assert "CHROMIUM_PATH=/nonexistent/chromium does not exist" in result.stdout
