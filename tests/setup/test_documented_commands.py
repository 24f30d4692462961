"""Every command README.md and docs/ show works as written, for a new user.

The project is copied to a temporary folder (no .env, no database), `make run` is
started there on a free port as a new user would, and the documented commands run
in fresh subprocesses with no DEBUG or SECRET_KEY exported: the .env that `make run`
wrote must be enough. Commands that cannot run here are listed in NOT_RUN with the
reason; a command added to the docs fails the first test until it is placed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
VENV = Path(sys.prefix)  # the virtualenv running this suite

FENCE = re.compile(r"^([ \t]*)```(sh|bash|shell)\n(.*?)^\1```", re.M | re.S)
INLINE = re.compile(r"`((?:\.venv/bin/)?python manage\.py [^`]+|make [a-z][^`]*)`")
# A line of a .env file shown in a shell block (NAME=value, nothing else).
ENV_LINE = re.compile(r"^[A-Z][A-Z0-9_]*=(\S*|<[^>]*>)$")
SNIPPET = "<!-- snippet:"

# Commands not run here, and why (tested elsewhere, or not runnable on a test machine).
NOT_RUN = {
    "make test": "this is the test suite itself",
    "DATABASE_URL=postgres://postgres@127.0.0.1:5432/test make test": "CI runs the suite on "
    "PostgreSQL (.ci/run)",
    "make lint": "CI runs it (.ci/run)",
    "make format": "rewrites files",
    "python manage.py printora …": "points to the section with the commands",
    "make serve HOST=0.0.0.0 PORT=9000": "as make serve",
    "make serve": "production-like: needs the production variables and HTTPS; "
    "tests/dreamcanvas/test_deploy_checks.py checks that configuration",
    "make lock": "resolves against the package index (network); "
    "tests/setup/test_requirements_lock.py checks its result",
    "createuser --pwprompt dreamcanvas": "PostgreSQL administration on a database server",
    "createdb --owner dreamcanvas dreamcanvas": "PostgreSQL administration on a database server",
    "export DATABASE_URL=postgres://dreamcanvas:PASSWORD@db.internal:5432/dreamcanvas": "a "
    "production database server",
    "export CACHE_URL=redis://redis.internal:6379/0": "a production Redis server "
    "(CI runs the suite with CACHE_URL on a local Redis, .ci/run)",
    "export CACHE_URL=redis://:PASSWORD@redis.internal:6379/0": "a production Redis server "
    "with a password",
    "gunicorn --config gunicorn.conf.py dreamcanvas.wsgi": "serves forever with the production "
    "variables; make run is the bounded server run here",
    "python manage.py check --deploy": "needs the production variables; "
    "tests/dreamcanvas/test_deploy_checks.py runs it",
    'pg_dump --format=custom --file="dreamcanvas-$(date -u +%F).dump" "$DATABASE_URL"': "a "
    "PostgreSQL backup",
    'pg_restore --no-owner --dbname="$DATABASE_URL" dreamcanvas-2026-11-27.dump': "a "
    "PostgreSQL restore",
    "python manage.py sync_orders --since <date of the backup>": "after restoring a backup; "
    "tests/orders cover sync_orders",
    "curl -sS -X POST https://shop.example.com/api/webhooks/ -H 'Content-Type: application/json'"
    " --data-binary '{}' -w '\\nHTTP %{http_code}\\n'": "a deployed host",
    "python manage.py printora_trigger EVENT [--order ID] [--session ID] [--url URL] "
    "[--secret S] [--snake-case] [--duplicate]": "a synopsis, not a command",
    "python manage.py printora_trigger order.paid --url https://shop.example.com/api/webhooks/ "
    '--secret "$PRINTORA_WEBHOOK_SECRET" --duplicate': "a deployed receiver",
    "python manage.py printora_trigger paid --url https://<your host>/api/webhooks/ "
    "--secret whsec_...": "a deployed receiver",
    "APP_URL=http://127.0.0.1:8000 PRINTORA_WEBHOOK_SECRET=whsec_... bash send-test-event.sh": (
        "tests/docs/test_webhook_integration_doc.py runs the script"
    ),
    SNIPPET: "scripts marked <!-- snippet: --> are run by tests/docs/",
}
# Run here in another form, and why.
RUN_AS = {
    "python manage.py createsuperuser": "python manage.py createsuperuser --noinput "
    "--username admin --email admin@example.com",  # the prompt needs a terminal
    "python manage.py printora_trigger": "python manage.py printora_trigger paid",  # in prose
}


def _logical_lines(block: str) -> list[str]:
    lines, current = [], ""
    for raw in block.splitlines():
        line = raw.strip()
        if current:
            line = current + " " + line
            current = ""
        if line.endswith("\\"):
            current = line[:-1].rstrip()
            continue
        if line.count("'") % 2:  # a quoted argument goes on over the next line
            current = line
            continue
        if not line or line.startswith("#"):
            continue
        line = re.sub(r"\s+#\s.*$", "", line)  # a trailing comment
        lines.append(" ".join(line.split()))
    return lines


def documented_commands() -> list[str]:
    """Every command in README.md and docs/, in order, without duplicates."""
    found: list[str] = []
    for doc in DOCS:
        text = doc.read_text()
        for match in FENCE.finditer(text):
            before = text[: match.start()].rstrip().splitlines()[-1:]
            if before and before[0].startswith(SNIPPET):
                found.append(SNIPPET)
                continue
            for line in _logical_lines(match.group(3)):
                if not ENV_LINE.match(line):
                    found.append(line)
        found += [" ".join(m.split()) for m in INLINE.findall(FENCE.sub("", text))]
    return list(dict.fromkeys(found))


def is_run(command: str) -> bool:
    return command not in NOT_RUN


def test_every_documented_command_is_run_here_or_listed_with_a_reason():
    commands = documented_commands()
    assert "make run" in commands and "python manage.py printora orders list --status paid" in (
        commands
    )
    stale = set(NOT_RUN) - set(commands)
    assert not stale, f"no longer documented, remove from NOT_RUN: {stale}"
    unplaced = [c for c in commands if is_run(c) and c not in EXPECTED_RUN]
    assert not unplaced, f"documented but neither run nor listed in NOT_RUN: {unplaced}"


# What the walk-through below runs, each documented command once (substitutions aside).
EXPECTED_RUN = {
    "make run",
    "make run PORT=8001",  # run on a free port instead
    "python manage.py migrate --noinput",
    "python manage.py collectstatic --noinput",
    "python manage.py createsuperuser",
    "python manage.py prune_webhook_deliveries",
    "python manage.py prune_webhook_deliveries --days 14 --failed-days 60",
    "python manage.py prune_webhook_deliveries --dry-run",
    '.venv/bin/python manage.py shell -v 0 -c "from django.conf import settings; '
    'print(settings.PRINTORA_API_KEY)"',
    'KEY=$(.venv/bin/python manage.py shell -v 0 -c "from django.conf import settings; '
    'print(settings.PRINTORA_API_KEY)")',
    'curl -s http://127.0.0.1:8000/sandbox/api/v1/partner-session -H "Authorization: Bearer '
    '$KEY" -H "Content-Type: application/json" -H "Idempotency-Key: $(python3 -c \'import '
    'uuid; print(uuid.uuid4())\')" -d \'{"imageUrl": "http://127.0.0.1:8000/static/img/'
    'gallery/corona-hour.jpg", "successUrl": "http://127.0.0.1:8000/callback/success/", '
    '"failedUrl": "http://127.0.0.1:8000/callback/failed/"}\'',
    "python manage.py printora_trigger paid",
    "python manage.py printora_trigger",
    "python manage.py printora_trigger delivered --order ord_demo_1",
    "python manage.py printora_trigger paid --order ord_demo_1",
    "python manage.py printora_trigger created --order ord_demo_1",
    "python manage.py printora sessions create --image-url "
    "http://127.0.0.1:8000/static/img/gallery/corona-hour.jpg",
    "python manage.py printora sessions get SESSION_ID",
    "python manage.py printora orders list --status paid",
    "python manage.py printora orders list --all --json",
    "python manage.py printora orders get ORDER_ID",
    "python manage.py printora webhooks logs --limit 5",
    "python manage.py printora webhooks resend order.paid --order ORDER_ID",
    "python manage.py printora webhooks retry LOG_ID",
    "python manage.py printora orders list",
    "python manage.py printora webhooks logs",
}


# --- The walk-through ----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class NewUser:
    """A fresh copy of the project and a shell with nothing exported but PORT."""

    def __init__(self, home: Path, port: int) -> None:
        self.project = home / "dreamcanvas"
        self.port = port
        shutil.copytree(
            ROOT,
            self.project,
            ignore=shutil.ignore_patterns(
                ".git",
                ".venv",
                ".env",
                "db.sqlite3*",
                "staticfiles",
                "media",
                "build",
                "*.egg-info",
                "__pycache__",
                "test-artifacts",
                ".pytest_cache",
                ".ruff_cache",
                ".hypothesis",
                "bench",
            ),
        )
        (self.project / ".venv").symlink_to(VENV)
        self.env = {
            "PATH": f"{VENV / 'bin'}:/usr/local/bin:/usr/bin:/bin",
            "HOME": str(home),
            "LANG": "C.UTF-8",
            "PORT": str(port),
        }
        self.variables: dict[str, str] = {}

    def localise(self, command: str) -> str:
        return command.replace("127.0.0.1:8000", f"127.0.0.1:{self.port}")

    def run(self, command: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        command = self.localise(RUN_AS.get(command, command))
        for name, value in self.variables.items():
            command = command.replace(name, value)
        env = {**self.env, **({"DJANGO_SUPERUSER_PASSWORD": "a-long-pass-phrase-9"})}
        process = subprocess.Popen(
            ["bash", "-c", command],
            cwd=self.project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # the group this call started, nothing else
            stdout, stderr = process.communicate()
            raise AssertionError(f"{command} did not finish in {timeout} s") from None
        return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)

    def ok(self, command: str) -> str:
        result = self.run(command)
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
        assert "SECRET_KEY" not in result.stderr, result.stderr
        self.ran.add(command)
        return result.stdout

    ran: set[str]


@pytest.fixture
def new_user(tmp_path):
    user = NewUser(tmp_path, free_port())
    user.ran = set()
    server = subprocess.Popen(
        # -o: the .venv is the suite's own, already installed; make must not reinstall it.
        ["make", "-o", ".venv/.installed", "run", f"PORT={user.port}"],
        cwd=user.project,
        env=user.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    user.server = server
    try:
        url = f"http://127.0.0.1:{user.port}/healthz"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            assert server.poll() is None, server.stdout.read()
            try:
                if requests.get(url, timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                time.sleep(0.3)
        else:
            pytest.fail("make run did not serve /healthz within 90 s")
        user.ran.update({"make run", "make run PORT=8001"})
        yield user
    finally:
        # Only the process group this fixture started: make, runserver and its reloader.
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        user.server_output = server.stdout.read()
    # What a new user reads: the .env was written, and where the site runs.
    assert "Created .env for development: DEBUG=true and a generated SECRET_KEY" in (
        user.server_output
    )
    assert f"DreamCanvas is running at http://127.0.0.1:{user.port}/" in user.server_output


def field(output: str, label: str) -> str:
    for line in output.splitlines():
        if line.startswith(label + ":"):
            return line.split(":", 1)[1].strip()
    raise AssertionError(f"no {label} in\n{output}")


def wait_for(predicate, timeout: float = 15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError("timed out")


def test_a_new_user_can_run_every_documented_command(new_user):
    user = new_user
    base = f"http://127.0.0.1:{user.port}"
    env_file = (user.project / ".env").read_text()
    assert "DEBUG=true" in env_file and re.search(r"^SECRET_KEY=\S{50,}$", env_file, re.M)

    # make run PORT=N: Print on Product reaches the sandbox on that same port.
    browser = requests.Session()
    browser.get(base + "/ai-image-app/", timeout=10)
    started = browser.post(
        base + "/api/sessions/",
        json={"artwork": "corona-hour"},
        headers={"X-CSRFToken": browser.cookies["csrftoken"]},
        timeout=30,
    )
    assert started.status_code in (200, 201), started.text
    assert started.json()["redirectUrl"].startswith(base + "/sandbox/en/print/")

    for command in documented_commands():
        if command.startswith("python manage.py printora ") or not is_run(command):
            continue  # the CLI walk below needs ids from earlier steps
        if command.startswith("make run"):
            continue  # running since the fixture started it
        if command.startswith("curl ") and not shutil.which("curl"):
            warnings.warn(f"curl is not installed: not run: {command}", stacklevel=1)
            user.ran.add(command)
            continue
        if command.startswith("KEY="):
            key = user.ok(command.split("=", 1)[1].removeprefix("$(").removesuffix(")"))
            user.variables["$KEY"] = key.strip()
            user.ran.add(command)
            continue
        output = user.ok(command)
        if command.startswith("curl -s "):
            assert json.loads(output)["data"]["redirectUrl"].startswith(base)

    # The README's printora examples, with the ids they produce.
    created = user.ok(
        "python manage.py printora sessions create --image-url "
        "http://127.0.0.1:8000/static/img/gallery/corona-hour.jpg"
    )
    user.variables["SESSION_ID"] = field(created, "Session")
    redirect = field(created, "Redirect URL")
    shopper = requests.Session()
    editor = shopper.get(redirect, timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', editor.text)
    assert token, (editor.status_code, editor.text[:500])
    paid = shopper.post(
        redirect + "/checkout",
        data={
            "csrfmiddlewaretoken": token.group(1),
            "product": "mug",
            "colour": "Black",
            "size": "15 oz",
            "quantity": "1",
            "first_name": "Maya",
            "last_name": "Chen",
            "email": "maya@example.com",
            "street": "1 Infinite Loop",
            "city": "Cupertino",
            "state": "CA",
            "zip_code": "95014",
            "country": "United States",
        },
        allow_redirects=False,
        timeout=30,
    )
    assert paid.status_code == 303
    assert "completed" in user.ok("python manage.py printora sessions get SESSION_ID")
    assert "maya@example.com" in user.ok("python manage.py printora orders list --status paid")
    orders = json.loads(user.ok("python manage.py printora orders list --all --json"))
    mine = [o for o in orders if o.get("sessionId") == user.variables["SESSION_ID"]]
    user.variables["ORDER_ID"] = mine[0]["orderId"]
    assert user.variables["ORDER_ID"] in user.ok("python manage.py printora orders get ORDER_ID")
    resent = user.ok("python manage.py printora webhooks resend order.paid --order ORDER_ID")
    user.variables["LOG_ID"] = field(resent, "Delivery")

    def delivered() -> bool:
        logs = user.ok("python manage.py printora webhooks logs --limit 5")
        return any(
            line.split()[:1] == [user.variables["LOG_ID"]] and " sent " in f" {line} "
            for line in logs.splitlines()
        )

    wait_for(delivered)
    assert user.variables["ORDER_ID"] in user.ok("python manage.py printora orders list")
    assert "order.paid" in user.ok("python manage.py printora webhooks logs")
    assert "order.paid" in user.ok("python manage.py printora webhooks retry LOG_ID")

    missing = {c for c in documented_commands() if is_run(c)} - user.ran
    assert not missing, f"documented, expected to run, but not run: {missing}"
