"""Sandbox mode on and off, decided by the environment at start-up."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import json, sys, django
django.setup()
from django.conf import settings
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.test import Client
client = Client()
print(json.dumps({
    "sandbox": settings.PRINTORA_SANDBOX,
    "api_url": settings.PRINTORA_API_URL,
    "api_key_prefix": settings.PRINTORA_API_KEY[:16],
    "panel": client.get("/sandbox/").status_code,
    "api": client.post("/sandbox/api/v1/partner-session").status_code,
    "imported": sorted(m for m in sys.modules if m.startswith("printora_sandbox")),
}))
"""


def probe(tmp_path: Path, **variables: str) -> dict:
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "dreamcanvas.settings",
        "DJANGO_READ_DOT_ENV_FILE": "false",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DEBUG": "true",
        "ALLOWED_HOSTS": "testserver,localhost",
        **variables,
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_with_real_credentials_the_sandbox_does_not_exist(tmp_path):
    state = probe(tmp_path, PRINTORA_API_KEY="pk_test_real", PRINTORA_WEBHOOK_SECRET="whsec_x")
    assert state["sandbox"] is False
    assert state["api_url"] == "https://api-staging.printora.ai"
    assert (state["panel"], state["api"]) == (404, 404)
    assert state["imported"] == []


def test_without_an_api_key_the_sandbox_stands_in_for_printora(tmp_path):
    state = probe(tmp_path, APP_URL="http://demo.example.com:8000")
    assert state["sandbox"] is True
    assert state["api_url"] == "http://demo.example.com:8000/sandbox"
    assert state["api_key_prefix"] == "pk_test_sandbox_"
    assert state["api"] == 401
    assert state["imported"]


def test_it_can_be_forced_on_next_to_a_key(tmp_path):
    state = probe(tmp_path, PRINTORA_API_KEY="pk_test_real", PRINTORA_SANDBOX="true")
    assert state["sandbox"] is True and state["api_key_prefix"] == "pk_test_real"


def test_the_test_suite_runs_in_sandbox_mode_with_a_derived_key():
    assert settings.PRINTORA_SANDBOX
    assert settings.PRINTORA_API_KEY.startswith("pk_test_sandbox_")
    assert len(settings.PRINTORA_API_KEY) > len("pk_test_sandbox_") + 16
