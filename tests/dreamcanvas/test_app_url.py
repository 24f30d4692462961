"""APP_URL follows HOST/PORT unless set, and start-up warns when Printora could not use it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from dreamcanvas import config
from tests.helpers import GOOD_SECRET, ROOT, run_check

PRINT_URLS = (
    "from django.conf import settings; print(settings.APP_URL); print(settings.PRINTORA_API_URL)"
)


def settings_urls(tmp_path, **variables: str) -> list[str]:
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "dreamcanvas.settings",
        "DJANGO_READ_DOT_ENV_FILE": "false",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DEBUG": "true",
        **variables,
    }
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-v", "0", "-c", PRINT_URLS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@pytest.mark.parametrize(
    ("host", "port", "expected"),
    [
        ("", "", "http://127.0.0.1:8000"),
        ("127.0.0.1", "8001", "http://127.0.0.1:8001"),
        ("0.0.0.0", "9000", "http://127.0.0.1:9000"),  # noqa: S104
        ("localhost", "8000", "http://localhost:8000"),
        ("::1", "8002", "http://[::1]:8002"),
    ],
)
def test_app_url_defaults_to_where_the_server_listens(host, port, expected):
    assert config.default_app_url(host, port) == expected


@pytest.mark.parametrize("port", ["eighty", "0", "70000"])
def test_a_bad_port_is_one_line_naming_port(port):
    with pytest.raises(config.ConfigError, match=r"^PORT must be"):
        config.default_app_url("", port)


def test_make_run_on_another_port_moves_app_url_and_the_sandbox_with_it(tmp_path):
    assert settings_urls(tmp_path, PORT="8001") == [
        "http://127.0.0.1:8001",
        "http://127.0.0.1:8001/sandbox",
    ]


def test_an_explicit_app_url_wins_over_host_and_port(tmp_path):
    urls = settings_urls(tmp_path, PORT="8001", APP_URL="https://shop.example.com")
    assert urls[0] == "https://shop.example.com"


def warnings_of(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The start-up warnings about APP_URL (not CACHE_URL's, tested on their own)."""
    return [
        line
        for line in result.stderr.splitlines()
        if "WARNING dreamcanvas.config" in line and "APP_URL" in line
    ]


def staging(tmp_path, app_url: str) -> subprocess.CompletedProcess[str]:
    return run_check(
        tmp_path,
        DEBUG="false",
        SECRET_KEY=GOOD_SECRET,
        PRINTORA_API_KEY="pk_test_abc123",
        PRINTORA_WEBHOOK_SECRET="whsec_abc",
        APP_URL=app_url,
    )


def test_staging_on_a_loopback_http_url_warns_once_per_reason(tmp_path):
    result = staging(tmp_path, "http://127.0.0.1:8000")
    assert result.returncode == 0, result.stderr
    warnings = warnings_of(result)
    assert len(warnings) == 2, result.stderr
    assert "loopback" in warnings[0] and "not HTTPS" in warnings[1]


def test_a_public_https_url_gets_no_warning(tmp_path):
    result = staging(tmp_path, "https://shop.example.com")
    assert result.returncode == 0, result.stderr
    assert warnings_of(result) == []


def test_a_tunnel_over_plain_http_is_told_it_is_not_https(tmp_path):
    warnings = warnings_of(staging(tmp_path, "http://abc.trycloudflare.com"))
    assert len(warnings) == 1 and "not HTTPS" in warnings[0]


def test_the_sandbox_on_loopback_is_not_warned_about(tmp_path):
    result = run_check(tmp_path, DEBUG="true")
    assert warnings_of(result) == []
