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
    "[--secret S] [--snake-case] [--duplicate] [--set FIELD=VALUE ...] [--data FILE]": "a "
    "synopsis, not a command",
    "python manage.py printora_trigger --scenario lifecycle|out-of-order|duplicate [options]": (
        "a synopsis, not a command"
    ),
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


# The README's creator-platform examples, in the order the walk-through runs them.
CREATOR_PLATFORM = (
    "python manage.py printora catalog list --search shirt",
    'python manage.py printora creators create --name "Noor Haddad" --email noor@example.com',
    "python manage.py printora creators list",
    "python manage.py printora creators get CREATOR_ID",
    'python manage.py printora merch create CREATOR_ID --title "Night Fox Tee" --product-id '
    "PRODUCT_ID --variant-id VARIANT_ID --design-image-url "
    "http://127.0.0.1:8000/static/img/gallery/corona-hour.jpg --stock-limit 50",
    "python manage.py printora merch list CREATOR_ID",
    "python manage.py printora merch get CREATOR_ID MERCH_ID",
)

# What the walk-through below runs, each documented command once (substitutions aside).
EXPECTED_RUN = {
    "make run",
    "make run PORT=8001",  # run on a free port instead
    "python manage.py migrate --noinput",
    "python manage.py migrate",
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
    # docs/SANDBOX.md, flows B and C (one block: its lines share $API and post()).
    'post() { curl -s "$API/$1" -H "Authorization: Bearer $KEY" -H "Content-Type: '
    'application/json" -H "Idempotency-Key: $(python3 -c \'import uuid; print(uuid.uuid4())\')" '
    '-d "$2"; }',
    'curl -s "$API/catalog/products?search=t-shirt" -H "Authorization: Bearer $KEY"',
    'post creators \'{"name": "Lena Ortiz"}\'',
    'post creators/<creator id>/merch \'{"title": "Night Fox Tee", "productId": '
    '"<product id>", "variantIds": ["<variant id>", "<variant id>"], "stockLimit": 5, '
    '"designImageUrl": "http://127.0.0.1:8000/static/img/gallery/corona-hour.jpg"}\'',
    'post partner-session \'{"creatorId": "<creator id>", "successUrl": '
    '"http://127.0.0.1:8000/callback/success/", "failedUrl": '
    '"http://127.0.0.1:8000/callback/failed/"}\'',
    'post partner-session \'{"merchId": "<merch id>", "quantity": 2, "successUrl": '
    '"http://127.0.0.1:8000/callback/success/", "failedUrl": '
    '"http://127.0.0.1:8000/callback/failed/"}\'',
    "python manage.py printora_trigger paid",
    "python manage.py printora_trigger",
    "python manage.py printora_trigger delivered --order ord_demo_1",
    "python manage.py printora_trigger paid --order ord_demo_1",
    "python manage.py printora_trigger created --order ord_demo_1",
    "python manage.py printora_trigger --scenario lifecycle",
    "python manage.py printora_trigger --scenario out-of-order --order ord_demo_2",
    "python manage.py printora_trigger shipped --set shippingAddress.city=Paris "
    "--set totalAmount=42.5",
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
    *CREATOR_PLATFORM,
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

    def run(
        self, command: str, timeout: float = 120, *, prelude: str = ""
    ) -> subprocess.CompletedProcess[str]:
        command = self.localise(prelude + RUN_AS.get(command, command))
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

    def ok(self, command: str, *, prelude: str = "") -> str:
        """Run a documented command (after ``prelude``: what its block set up before it)."""
        result = self.run(command, prelude=prelude)
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
        assert "SECRET_KEY" not in result.stderr, result.stderr
        self.ran.add(command)
        return result.stdout

    ran: set[str]
    server: subprocess.Popen[str]  # make run, set by the new_user fixture
    server_output: str  # what make run printed, read once the server has stopped


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
    assert server.stdout is not None  # stdout=PIPE
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


def in_the_flows_block(command: str) -> bool:
    """A line of docs/SANDBOX.md's flows B and C block, which needs the $API and post()
    that the block defines first."""
    return command.startswith(("post() {", "post ")) or '"$API/' in command


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


def run_flows_b_and_c(user: NewUser, flows: list[str], base: str) -> None:
    """docs/SANDBOX.md, flows B and C, run line by line as documented."""
    define_post = next(c for c in flows if c.startswith("post() {"))
    prelude = f"API=http://127.0.0.1:8000/sandbox/api/v1\n{define_post}\n"
    user.ran.add(define_post)

    def flows_step(start: str) -> dict:
        [command] = [c for c in flows if c.startswith(start)]
        reply = json.loads(user.ok(command, prelude=prelude))
        assert reply["success"] is True, (command, reply)
        return reply

    product = flows_step('curl -s "$API/catalog/products')["data"]["products"][0]
    first, second = (variant["id"] for variant in product["variants"][:2])
    user.variables["<product id>"] = product["id"]
    user.variables['"<variant id>", "<variant id>"'] = f'"{first}", "{second}"'
    user.variables["<creator id>"] = flows_step("post creators '")["creator"]["id"]
    merch = flows_step("post creators/<creator id>/merch ")["data"]
    assert merch["variantIds"] == [first, second]
    assert merch["editSession"]["editorUrl"].startswith(base + "/sandbox/en/merch/")
    user.variables["<merch id>"] = merch["id"]
    for start, mode in (
        ('post partner-session \'{"creatorId"', "creator"),
        ('post partner-session \'{"merchId"', "merch"),
    ):
        session = flows_step(start)["data"]
        assert session["sessionMode"] == mode
        assert session["redirectUrl"].startswith(base + "/sandbox/en/print/")


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
        if in_the_flows_block(command):
            continue  # run below, after what the block sets up and with the ids it returns
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

    # docs/SANDBOX.md, flows B and C: each line runs after the block's API= line and
    # post() function, with the ids the lines before it returned.
    flows = [c for c in documented_commands() if in_the_flows_block(c)]
    if not shutil.which("curl"):  # as above: noted, not failed, on a machine without curl
        warnings.warn(f"curl is not installed: not run: {flows}", stacklevel=1)
        user.ran.update(flows)
    else:
        run_flows_b_and_c(user, flows, base)

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

    # The creator platform: ids from the catalog, then from each reply.
    catalog, create, listing, get, merch, merch_list, merch_get = CREATOR_PLATFORM
    assert "PRODUCT" in user.ok(catalog)
    products = json.loads(user.ok("python manage.py printora catalog list --all --json"))
    tee = next(p for p in products if "shirt" in p["name"].lower())
    user.variables["PRODUCT_ID"], user.variables["VARIANT_ID"] = tee["id"], tee["variants"][0]["id"]
    user.variables["CREATOR_ID"] = field(user.ok(create), "Creator")
    assert "noor-haddad" in user.ok(listing) and "Noor Haddad" in user.ok(get)
    made = user.ok(merch)
    user.variables["MERCH_ID"] = field(made, "Merch")
    assert field(made, "Editor URL").startswith(f"{base}/sandbox/en/merch/")
    assert "50 of 50" in user.ok(merch_list)
    assert "Night Fox Tee" in user.ok(merch_get)

    missing = {c for c in documented_commands() if is_run(c)} - user.ran
    assert not missing, f"documented, expected to run, but not run: {missing}"
