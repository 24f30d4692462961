"""Start-up configuration checks, run as a real ``manage.py check`` in a subprocess."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import GOOD_SECRET, assert_fails_with_one_line, run_check

ROOT = Path(__file__).resolve().parents[2]
# The least a production site needs: its own key, Printora's key and webhook secret.
REAL = {
    "DEBUG": "false",
    "SECRET_KEY": GOOD_SECRET,
    "PRINTORA_API_KEY": "pk_test_abc123",
    "PRINTORA_WEBHOOK_SECRET": "whsec_real",
}


def test_it_starts_in_production_with_a_good_configuration(tmp_path):
    result = run_check(tmp_path, **REAL)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_it_starts_in_debug_without_a_secret_key(tmp_path):
    result = run_check(tmp_path, DEBUG="true")
    assert result.returncode == 0, result.stderr


def test_it_defaults_to_production_when_debug_is_unset(tmp_path):
    result = run_check(tmp_path)
    assert_fails_with_one_line(result, "SECRET_KEY")


@pytest.mark.parametrize(
    "secret",
    [
        "",
        "Sh0rtS3cret",
        "change-me-" + "a1b2c3d4e5" * 5,
        "a" * 60,
        "django-insecure-" + "q1w2e3r4t5" * 5,
    ],
)
def test_it_refuses_a_missing_or_placeholder_secret_key_in_production(tmp_path, secret):
    line = assert_fails_with_one_line(
        run_check(tmp_path, DEBUG="false", SECRET_KEY=secret), "SECRET_KEY"
    )
    if secret:
        assert secret not in line


@pytest.mark.parametrize("variable", ["APP_URL", "PRINTORA_API_URL", "NEXT_PUBLIC_APP_URL"])
@pytest.mark.parametrize("value", ["not a url", "ftp://example.com", "https://", "example.com"])
def test_it_refuses_a_malformed_url(tmp_path, variable, value):
    result = run_check(tmp_path, **{**REAL, variable: value})
    expected = "APP_URL" if variable == "NEXT_PUBLIC_APP_URL" else variable
    assert_fails_with_one_line(result, expected)


def test_it_refuses_an_api_key_without_a_known_prefix_and_never_echoes_it(tmp_path):
    key = "sk_live_SUPERSECRET123456"
    result = run_check(
        tmp_path,
        DEBUG="false",
        SECRET_KEY=GOOD_SECRET,
        PRINTORA_API_KEY=key,
        PRINTORA_WEBHOOK_SECRET="whsec_test",
    )
    line = assert_fails_with_one_line(result, "PRINTORA_API_KEY", "pk_test_", "pk_live_")
    assert key not in line and "SUPERSECRET" not in result.stdout + result.stderr


def test_it_requires_a_webhook_secret_when_talking_to_printora_in_production(tmp_path):
    result = run_check(
        tmp_path, DEBUG="false", SECRET_KEY=GOOD_SECRET, PRINTORA_API_KEY="pk_live_abc123"
    )
    assert_fails_with_one_line(result, "PRINTORA_WEBHOOK_SECRET")


def test_it_accepts_real_credentials_in_production(tmp_path):
    result = run_check(
        tmp_path,
        DEBUG="false",
        SECRET_KEY=GOOD_SECRET,
        PRINTORA_API_KEY="pk_live_abc123",
        PRINTORA_WEBHOOK_SECRET="whsec_old,whsec_new",
        APP_URL="https://shop.example.com",
    )
    assert result.returncode == 0, result.stderr


def test_it_refuses_a_malformed_database_url_without_echoing_the_password(tmp_path):
    result = run_check(tmp_path, **{**REAL, "DATABASE_URL": "nonsense://hunter2@"})
    line = assert_fails_with_one_line(result, "DATABASE_URL")
    assert "hunter2" not in line


def test_it_refuses_an_ambiguous_boolean(tmp_path):
    result = run_check(tmp_path, DEBUG="flase", SECRET_KEY=GOOD_SECRET)
    assert_fails_with_one_line(result, "DEBUG")


def test_it_treats_empty_variables_as_unset(tmp_path):
    # A copied .env.example leaves many variables as `NAME=`; that must mean "default".
    result = run_check(
        tmp_path,
        DEBUG="true",
        APP_URL="",
        PRINTORA_API_URL="",
        PRINTORA_SANDBOX="",
        ALLOWED_HOSTS="",
        CONN_MAX_AGE="",
        PRINTORA_TIMEOUT="",
    )
    assert result.returncode == 0, result.stderr


def test_it_refuses_a_non_numeric_timeout(tmp_path):
    result = run_check(tmp_path, DEBUG="true", PRINTORA_TIMEOUT="soon")
    assert_fails_with_one_line(result, "PRINTORA_TIMEOUT")


def test_it_refuses_an_unknown_log_level(tmp_path):
    result = run_check(tmp_path, DEBUG="true", LOG_LEVEL="verbose")
    assert_fails_with_one_line(result, "LOG_LEVEL")
