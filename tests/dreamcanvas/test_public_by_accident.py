"""Real customer data is never public by accident (issue 9, item 1).

Run as real ``manage.py check`` subprocesses: start-up refuses the configurations that
would publish a sandbox dashboard next to real credentials, and ``check --deploy``
names whatever a deliberate configuration makes public.
"""

from __future__ import annotations

import pytest

from dreamcanvas import config
from dreamcanvas.settings import DEV_SECRET_KEY
from tests.helpers import GOOD_SECRET, assert_fails_with_one_line, run_check

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": GOOD_SECRET,
    "APP_URL": "https://shop.example.com",
    "ALLOWED_HOSTS": "shop.example.com",
    "PRINTORA_API_KEY": "pk_live_abc123",
    "PRINTORA_WEBHOOK_SECRET": "whsec_live",
    "SECURE_PROXY_SSL_HEADER": "true",
}
DEMO = {
    **PRODUCTION,
    "PRINTORA_API_KEY": "",
    "PRINTORA_WEBHOOK_SECRET": "",
    "PRINTORA_SANDBOX": "true",
}


def deploy_check(tmp_path, **variables):
    return run_check(tmp_path, "--deploy", "--fail-level", "WARNING", **variables)


@pytest.mark.parametrize("key", ["", "PRINTORA_API_KEY_TYPO"])
def test_production_without_an_api_key_stops_and_names_both_ways_out(tmp_path, key):
    variables = {**PRODUCTION, "PRINTORA_API_KEY": ""}
    if key:  # a misspelt variable name is the same as none
        variables[key] = "pk_live_abc123"
    line = assert_fails_with_one_line(
        run_check(tmp_path, **variables), "PRINTORA_API_KEY", "PRINTORA_SANDBOX=true"
    )
    assert "whsec_live" not in line


def test_sandbox_explicitly_off_without_an_api_key_stops_even_in_debug(tmp_path):
    result = run_check(tmp_path, DEBUG="true", PRINTORA_SANDBOX="false")
    assert_fails_with_one_line(result, "PRINTORA_API_KEY")


def test_make_run_keeps_the_sandbox_without_a_key(tmp_path):
    assert run_check(tmp_path, DEBUG="true").returncode == 0


def test_an_explicit_public_demo_starts(tmp_path):
    result = run_check(tmp_path, **DEMO)
    assert result.returncode == 0, result.stderr


def test_a_public_demo_refuses_a_webhook_secret_of_its_own(tmp_path):
    result = run_check(tmp_path, **{**DEMO, "PRINTORA_WEBHOOK_SECRET": "whsec_real_one"})
    line = assert_fails_with_one_line(result, "PRINTORA_SANDBOX", "PRINTORA_WEBHOOK_SECRET")
    assert "whsec_real_one" not in line


def test_a_public_demo_accepts_its_own_derived_secret(tmp_path):
    own = config.derived_secret(GOOD_SECRET, config.SANDBOX_WEBHOOK_SECRET_PREFIX)
    result = run_check(tmp_path, **{**DEMO, "PRINTORA_WEBHOOK_SECRET": own})
    assert result.returncode == 0, result.stderr


def test_a_public_demo_refuses_a_live_api_key(tmp_path):
    result = run_check(tmp_path, **{**DEMO, "PRINTORA_API_KEY": "pk_live_real123"})
    line = assert_fails_with_one_line(result, "PRINTORA_SANDBOX", "pk_live_")
    assert "pk_live_real123" not in line


def test_the_public_development_key_is_refused_outside_debug(tmp_path):
    result = run_check(tmp_path, **{**DEMO, "SECRET_KEY": DEV_SECRET_KEY})
    line = assert_fails_with_one_line(result, "SECRET_KEY")
    assert DEV_SECRET_KEY not in line


def test_sandbox_credentials_never_derive_from_the_development_key_outside_debug():
    with pytest.raises(config.ConfigError, match="SECRET_KEY"):
        config.sandbox_credentials(
            debug=False, secret_key=DEV_SECRET_KEY, dev_secret_key=DEV_SECRET_KEY
        )
    key, secret = config.sandbox_credentials(
        debug=False, secret_key=GOOD_SECRET, dev_secret_key=DEV_SECRET_KEY
    )
    dev_key, dev_secret = config.sandbox_credentials(
        debug=True, secret_key="", dev_secret_key=DEV_SECRET_KEY
    )
    assert key.startswith("pk_test_sandbox_") and secret.startswith("whsec_sandbox_")
    assert (key, secret) != (dev_key, dev_secret)


def test_check_deploy_is_silent_for_a_correct_production(tmp_path):
    result = deploy_check(tmp_path, **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_warns_about_a_public_demo(tmp_path):
    result = deploy_check(tmp_path, **DEMO)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "dreamcanvas.W001" in output and "dreamcanvas.W002" in output


def test_check_deploy_warns_about_a_public_dashboard_with_real_credentials(tmp_path):
    result = deploy_check(tmp_path, **{**PRODUCTION, "DASHBOARD_PUBLIC": "true"})
    output = result.stdout + result.stderr
    assert "dreamcanvas.W001" in output and "dreamcanvas.W002" not in output


def test_check_deploy_warns_about_an_open_create_session_tool(tmp_path):
    result = deploy_check(tmp_path, **{**PRODUCTION, "CREATE_SESSION_PUBLIC": "true"})
    assert "dreamcanvas.W004" in result.stdout + result.stderr


def test_check_deploy_warns_about_the_development_secret_key(tmp_path):
    result = deploy_check(tmp_path, DEBUG="true")
    output = result.stdout + result.stderr
    assert "dreamcanvas.W003" in output and "dreamcanvas.W002" in output


def test_a_public_demo_says_so_in_the_log_at_start_up(tmp_path):
    result = run_check(tmp_path, **DEMO)
    assert "PRINTORA_SANDBOX is on" in result.stderr
    assert "DASHBOARD_PUBLIC is on" in result.stderr
    assert "PRINTORA_SANDBOX is on" not in run_check(tmp_path, **PRODUCTION).stderr
