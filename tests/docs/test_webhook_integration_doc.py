"""The "Send a signed test event" snippet in docs/WEBHOOK-INTEGRATION.md really works.

The snippet is extracted from the markdown and run with bash, curl and openssl
against a live test server, exactly as a partner would paste it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from orders.models import Order

DOC = Path(__file__).resolve().parents[2] / "docs" / "WEBHOOK-INTEGRATION.md"
SNIPPET_MARKER = "signed-test-event"
SECRET = "whsec_doc_test"
TOOLS = ("bash", "curl", "openssl")
PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")


def extract_snippet(markdown: str) -> str:
    """The ```sh block between the snippet's HTML comment markers."""
    block = re.search(
        rf"<!--\s*snippet:\s*{re.escape(SNIPPET_MARKER)}\s*-->(.*?)<!--\s*/snippet\s*-->",
        markdown,
        re.DOTALL,
    )
    if block is None:
        pytest.fail(
            f"{DOC.name} has no '<!-- snippet: {SNIPPET_MARKER} -->' ... '<!-- /snippet -->' "
            "section: the signed test event snippet is missing"
        )
    code = re.search(r"```sh\n(.*?)```", block.group(1), re.DOTALL)
    if code is None:
        pytest.fail(f"the '{SNIPPET_MARKER}' section of {DOC.name} holds no ```sh block")
    return code.group(1)


@pytest.fixture
def snippet() -> str:
    if not DOC.is_file():
        pytest.fail(f"{DOC} does not exist")
    return extract_snippet(DOC.read_text(encoding="utf-8"))


@pytest.fixture
def shell_tools() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not missing:
        return
    reason = f"the documented snippet needs {', '.join(missing)} on PATH"
    if os.environ.get("CI", "").strip().lower() in ("true", "1"):
        pytest.fail(f"{reason}; CI must run this test, not skip it")
    pytest.skip(reason)


@pytest.fixture
def receiver(settings, transactional_db, live_server) -> str:
    settings.PRINTORA_WEBHOOK_SECRETS = [SECRET]
    return live_server.url


def run_snippet(snippet: str, *, app_url: str, secret: str, workdir: Path) -> dict[str, Any]:
    """Run the snippet as a partner would; return its reply, status and payload."""
    script = workdir / "send-test-event.sh"
    script.write_text(snippet, encoding="utf-8")
    env = {
        name: value
        for name, value in os.environ.items()
        if name.lower() not in PROXY_VARIABLES  # the live server is local
    }
    env.update(
        APP_URL=app_url,
        PRINTORA_WEBHOOK_SECRET=secret,
        CURL_HOME=str(workdir),  # no personal ~/.curlrc
    )
    finished = subprocess.run(
        ["bash", "-eu", "-o", "pipefail", str(script)],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert finished.returncode == 0, (
        f"the snippet exited with {finished.returncode}\n"
        f"stdout:\n{finished.stdout}\nstderr:\n{finished.stderr}"
    )
    *reply_lines, status_line = finished.stdout.strip().splitlines()
    match = re.fullmatch(r"HTTP (\d{3})", status_line.strip())
    assert match, f"the snippet should end with 'HTTP <status>', got:\n{finished.stdout}"
    return {
        "status": int(match.group(1)),
        "reply": json.loads("\n".join(reply_lines)),
        "payload": json.loads((workdir / "body.json").read_bytes()),
    }


def test_the_documented_snippet_creates_an_order_when_signed_with_the_right_secret(
    snippet, shell_tools, receiver, tmp_path
):
    result = run_snippet(snippet, app_url=receiver, secret=SECRET, workdir=tmp_path)

    assert result["status"] == 200
    assert result["reply"] == {"received": True, "duplicate": False}
    order_id = result["payload"]["data"]["orderId"]
    assert Order.objects.filter(printora_order_id=order_id).exists()


def test_the_documented_snippet_is_refused_with_401_when_signed_with_a_wrong_secret(
    snippet, shell_tools, receiver, tmp_path
):
    result = run_snippet(snippet, app_url=receiver, secret="whsec_wrong", workdir=tmp_path)

    assert result["status"] == 401
    assert result["reply"] == {"error": "invalid signature"}
    assert not Order.objects.exists()


def test_running_the_documented_snippet_twice_reports_the_second_as_a_duplicate(
    snippet, shell_tools, receiver, tmp_path
):
    first = run_snippet(snippet, app_url=receiver, secret=SECRET, workdir=tmp_path)
    second = run_snippet(snippet, app_url=receiver, secret=SECRET, workdir=tmp_path)

    assert first["reply"] == {"received": True, "duplicate": False}
    assert second["reply"] == {"received": True, "duplicate": True}
    assert Order.objects.count() == 1


def test_the_documented_snippet_signs_with_the_first_secret_of_a_rotation_list(
    snippet, shell_tools, receiver, settings, tmp_path
):
    settings.PRINTORA_WEBHOOK_SECRETS = ["whsec_old", SECRET]

    result = run_snippet(
        snippet, app_url=receiver, secret=f" {SECRET} ,whsec_old", workdir=tmp_path
    )

    assert (result["status"], result["reply"]) == (200, {"received": True, "duplicate": False})


def test_posting_the_snippet_body_with_curl_dash_d_breaks_the_signature_as_documented(
    snippet, shell_tools, receiver, tmp_path
):
    assert "--data-binary @body.json" in snippet
    with_dash_d = snippet.replace("--data-binary @body.json", "-d @body.json")

    result = run_snippet(with_dash_d, app_url=receiver, secret=SECRET, workdir=tmp_path)

    assert result["status"] == 401
    assert not Order.objects.exists()
