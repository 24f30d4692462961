"""Every command block of docs/SANDBOX.md runs, against a live server in sandbox mode.

The page's commands talk to ``http://127.0.0.1:8000`` (``make run``); here that
address becomes the live server's, and ``.venv/bin/python`` / ``python`` the
interpreter running the tests, with the test settings. Nothing else changes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys

import pytest
import requests
from django.conf import settings as django_settings

from dreamcanvas.config import SANDBOX_WEBHOOK_SECRET_PREFIX, derived_secret
from orders.models import Order, OrderStatus
from printora_sandbox.models import SandboxCreator, SandboxMerch, SandboxSession

from .snippets import ROOT, Snippet, run_sh, snippets

DOC = ROOT / "docs" / "SANDBOX.md"
RUN = ["print-key", "image-session", "flows-b-and-c", "trigger-examples"]
COMMAND_BLOCK = re.compile(r"^[ \t]*```(?:sh|bash|python)\n", re.MULTILINE)
DEV_SERVER = "http://127.0.0.1:8000"
SUBPROCESS_ENV = {"DJANGO_SETTINGS_MODULE": "tests.settings"}

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def doc() -> dict[str, Snippet]:
    return snippets(DOC)


@pytest.fixture(autouse=True)
def shell():
    missing = [tool for tool in ("bash", "curl", "python3") if shutil.which(tool) is None]
    if missing:
        reason = f"the page's commands need {', '.join(missing)} on PATH"
        if os.environ.get("CI", "").strip().lower() in ("true", "1"):
            pytest.fail(f"{reason}; CI must run this test, not skip it")
        pytest.skip(reason)


def here(snippet: Snippet, live_url: str = DEV_SERVER) -> Snippet:
    """The snippet as it runs in this test: this interpreter, this live server."""
    code = snippet.code.replace(".venv/bin/python", sys.executable)
    code = re.sub(r"(?m)^python manage\.py", f"{sys.executable} manage.py", code)
    return Snippet(snippet.name, snippet.lang, code.replace(DEV_SERVER, live_url))


def test_every_command_block_of_the_page_is_a_snippet_this_module_runs(doc):
    assert list(doc) == RUN
    assert len(COMMAND_BLOCK.findall(DOC.read_text(encoding="utf-8"))) == len(RUN)


def test_printing_the_key_prints_the_sandbox_key(doc):
    out = run_sh(here(doc["print-key"]), env=SUBPROCESS_ENV)
    assert out.strip().splitlines()[-1] == django_settings.PRINTORA_API_KEY


def test_the_walk_through_creates_an_image_session(doc, sandbox_live):
    reply = json.loads(run_sh(here(doc["image-session"], sandbox_live.url), env=SUBPROCESS_ENV))
    assert reply["success"] is True and reply["data"]["sessionMode"] == "image"
    session = SandboxSession.objects.get()
    assert session.image_url == sandbox_live.url + "/static/img/gallery/corona-hour.jpg"
    assert requests.get(reply["data"]["redirectUrl"], timeout=10).status_code == 200


def test_the_flows_b_and_c_script_opens_an_editor_a_storefront_and_an_item(doc, sandbox_live):
    env = {"KEY": django_settings.PRINTORA_API_KEY}
    out = run_sh(here(doc["flows-b-and-c"], sandbox_live.url), env=env)
    links = dict(line.split(":", 1) for line in out.strip().splitlines())
    assert list(links) == ["design editor", "storefront", "one item"]
    merch = SandboxMerch.objects.get()
    assert merch.title == "Night Fox Tee" and merch.stock_limit == 5 and len(merch.variant_ids) == 6
    assert SandboxCreator.objects.get().slug == "lena-ortiz"
    modes = dict(SandboxSession.objects.values_list("mode", "quantity"))
    assert modes == {"creator": 1, "merch": 2}
    for label, url in links.items():
        page = requests.get(url.strip(), timeout=10)
        assert page.status_code == 200, label
    assert "Night Fox Tee" in requests.get(links["storefront"].strip(), timeout=10).text


def test_the_trigger_examples_build_orders_in_our_order_book(
    doc,
    sandbox_live,
    settings,
):
    # The commands run as a separate process, with the sandbox's own derived secret.
    secret = derived_secret(settings.SECRET_KEY, SANDBOX_WEBHOOK_SECRET_PREFIX)
    settings.PRINTORA_WEBHOOK_SECRETS = [secret]
    receiver = sandbox_live.url + "/api/webhooks/"
    snippet = here(doc["trigger-examples"], sandbox_live.url)
    snippet = Snippet(
        snippet.name, "sh", snippet.code.replace("https://shop.example.com", sandbox_live.url)
    )
    out = run_sh(
        snippet,
        env={**SUBPROCESS_ENV, "SANDBOX_WEBHOOK_URL": receiver, "PRINTORA_WEBHOOK_SECRET": secret},
    )
    assert secret not in out
    assert Order.objects.get(printora_order_id="ord_demo_1").status == OrderStatus.DELIVERED
    assert Order.objects.filter(status=OrderStatus.PAID).count() == 2
    assert out.count('{"received": true, "duplicate": false}') == 5
    assert out.count('{"received": true, "duplicate": true}') == 1  # --duplicate's second reply
