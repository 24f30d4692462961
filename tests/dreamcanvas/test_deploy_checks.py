"""Production settings: `check --deploy` is clean, and every page carries the security headers."""

from __future__ import annotations

import pytest
from django.test import override_settings

from tests.helpers import GOOD_SECRET, run_check

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": GOOD_SECRET,
    "APP_URL": "https://shop.example.com",
    "ALLOWED_HOSTS": "shop.example.com",
    "PRINTORA_API_KEY": "pk_live_abc123",
    "PRINTORA_WEBHOOK_SECRET": "whsec_live",
    "SECURE_PROXY_SSL_HEADER": "true",
}


def test_check_deploy_reports_no_warnings_in_production(tmp_path):
    result = run_check(tmp_path, "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_would_warn_without_https(tmp_path):
    result = run_check(
        tmp_path, "--deploy", "--fail-level", "WARNING", SECURE_SSL_REDIRECT="false", **PRODUCTION
    )
    assert result.returncode != 0
    assert "security.W008" in result.stdout + result.stderr


@pytest.mark.django_db
def test_pages_carry_the_security_headers(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
@override_settings(SECURE_SSL_REDIRECT=True)
def test_http_is_redirected_to_https_except_the_health_check(client):
    response = client.get("/")
    assert response.status_code == 301 and response["Location"].startswith("https://")
    assert client.get("/healthz").status_code == 200
