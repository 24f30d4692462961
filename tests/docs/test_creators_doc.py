"""Every code block of docs/CREATORS.md runs, in page order, against the sandbox on a live server.

The Python blocks share one namespace, as if typed into one interpreter; where
the page hands over to a browser (the creator saving a design, a shopper
paying), the test does it over HTTP as that browser would. The shell blocks
run in bash; the JSON webhook example is parsed by the client and compared
with what the sandbox really sends.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import requests
from django.conf import settings as django_settings

from orders.models import Order
from printora_client import WebhookEvent
from printora_sandbox.models import SandboxWebhookLog
from tests.integration.browser import checkout, deliver_webhooks, save_design

from .snippets import ROOT, fenced_blocks, run_python, run_sh, snippets

DOC = ROOT / "docs" / "CREATORS.md"
PYTHON_IN_ORDER = [
    "client",
    "catalog",
    "creator",
    "merch",
    "edit-again",
    "flow-b",
    "flow-c",
    "sold-out",
    "restock",
    "order-book",
    "stats",
    "invalid-variants",
]
OTHERS = ["webhook-example", "sandbox-env", "curl-catalog"]

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def doc():
    return snippets(DOC)


@pytest.fixture
def shell():
    missing = [tool for tool in ("bash", "curl") if shutil.which(tool) is None]
    if missing:
        reason = f"the page's shell snippets need {', '.join(missing)} on PATH"
        if os.environ.get("CI", "").strip().lower() in ("true", "1"):
            pytest.fail(f"{reason}; CI must run this test, not skip it")
        pytest.skip(reason)


@pytest.fixture
def sandbox_env(sandbox_live, monkeypatch) -> dict[str, str]:
    """What "Try it in the sandbox" exports, for this live server."""
    env = {
        "PRINTORA_API_URL": sandbox_live.url + "/sandbox",
        "PRINTORA_API_KEY": django_settings.PRINTORA_API_KEY,
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


def test_every_code_block_of_the_page_is_a_snippet_this_module_runs(doc):
    assert list(doc) == [
        *PYTHON_IN_ORDER[:9],
        "webhook-example",
        *PYTHON_IN_ORDER[9:],
        *OTHERS[1:],
    ]
    assert fenced_blocks(DOC) == len(doc)


def test_the_python_snippets_sell_out_an_edition_and_find_its_orders(doc, sandbox_env, capsys):
    ns: dict = {}
    run_python(doc["client"], ns)
    run_python(doc["catalog"], ns)
    assert ns["tee"].name == "T-Shirt" and {v.color for v in ns["white"]} == {"White"}
    assert ns["apparel"] and {p.category for p in ns["apparel"]} == {"apparel"}
    assert "M #F7F7F5 24.0" in capsys.readouterr().out

    run_python(doc["creator"], ns)
    assert ns["creator"].slug == "lena-ortiz" and ns["ours"].total == 1
    assert [c.id for c in ns["everyone"]] == [ns["creator"].id]
    assert capsys.readouterr().out.split()[1:] == ["lena-ortiz", "active"]

    run_python(doc["merch"], ns)
    assert capsys.readouterr().out.split() == ["2", "0", "2"]
    saved = save_design(ns["editor_url"], x=50, y=45, scale=70)  # the creator, in the editor
    assert saved.status_code == 200

    run_python(doc["edit-again"], ns)
    assert capsys.readouterr().out.split() == ["True"]
    assert ns["editor_url"] != ns["merch"].edit_session  # a fresh link
    assert save_design(ns["editor_url"], x=50, y=50, scale=80).status_code == 200

    run_python(doc["flow-b"], ns)
    storefront_url = ns["shopper_url"]
    run_python(doc["flow-c"], ns)
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "creator" and out[1] == "merch Night Fox Tee"
    assert out[2:] == ["White M 24.0 1"]

    white_m = ns["white_m"]
    bought = [
        checkout(storefront_url, white_m, merch=ns["merch"].id),  # a shopper, flow B
        checkout(ns["shopper_url"], white_m),  # another, flow C
    ]
    assert [response.status_code for response in bought] == [303, 303]
    assert deliver_webhooks() == 4

    run_python(doc["sold-out"], ns)
    assert ns["notice"] == "Merch item is sold out"
    panel = requests.get(sandbox_env["PRINTORA_API_URL"] + "/", timeout=10).text
    assert "<strong>sold out</strong> (2/2)" in panel  # "Try it in the sandbox", step 4
    run_python(doc["restock"], ns)
    assert capsys.readouterr().out.split() == ["2", "None"]

    run_python(doc["order-book"], ns)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 == Order.objects.count()
    assert all(line.split()[1:] == ["paid", "Lena", "Ortiz", ns["merch"].id] for line in lines)

    run_python(doc["stats"], ns)
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == ["2 57.98 {'paid': 2}", "Night Fox Tee 2"]
    assert len(out) == 4 and all("maya@example.com" in line for line in out[2:])

    run_python(doc["invalid-variants"], ns)
    assert ns["refused"] == (400, "INVALID_VARIANTS")


def test_the_webhook_example_is_what_the_sandbox_sends_for_a_storefront_order(doc, sandbox_env):
    documented = WebhookEvent.model_validate_json(doc["webhook-example"].code)
    assert documented.event == "order.paid"
    assert documented.data.creator is not None and documented.data.items
    assert documented.data.creator.slug == "lena-ortiz"
    assert documented.data.total_amount == Decimal("28.99")
    assert (documented.data.items[0].model_extra or {})["merchId"]  # kept, as the page says
    example = json.loads(doc["webhook-example"].code)

    ns: dict = {}
    for name in ("client", "catalog", "creator", "merch", "flow-b"):
        run_python(doc[name], ns)
    white_m = next(v for v in ns["merch"].variants if v.size == "M")
    assert checkout(ns["shopper_url"], white_m, merch=ns["merch"].id).status_code == 303
    real = json.loads(SandboxWebhookLog.objects.get(event_type="order.paid").body)
    # The page invents no field: each one it shows is one the sandbox sends.
    assert example.keys() <= real.keys()
    assert example["data"].keys() <= real["data"].keys()
    assert example["data"]["items"][0].keys() <= real["data"]["items"][0].keys()
    assert example["data"]["customer"].keys() <= real["data"]["customer"].keys()
    for field in ("status", "paymentStatus", "paymentMethod", "totalAmount", "currency"):
        assert example["data"][field] == real["data"][field], field
    shown, sent = example["data"]["items"][0], real["data"]["items"][0]
    assert (shown["productName"], shown["price"], shown["merchTitle"]) == (
        sent["productName"],
        sent["price"],
        sent["merchTitle"],
    )
    assert shown["variantId"] == sent["variantId"] == white_m.id
    assert real["data"]["creator"] == {
        "id": ns["creator"].id,
        **{k: v for k, v in example["data"]["creator"].items() if k != "id"},
    }


def test_the_sandbox_env_snippet_exports_this_sites_sandbox_url_and_key(doc, shell, tmp_path):
    snippet = doc["sandbox-env"]
    code = snippet.code.replace(".venv/bin/python", sys.executable)
    code += '\nprintf "%s\\n%s\\n" "$PRINTORA_API_URL" "$PRINTORA_API_KEY"\n'
    out = run_sh(
        type(snippet)(snippet.name, "sh", code),
        env={"DJANGO_SETTINGS_MODULE": "tests.settings"},
    )
    url, key = out.strip().splitlines()[-2:]
    assert url == "http://127.0.0.1:8000/sandbox"
    assert key == django_settings.PRINTORA_API_KEY and key.startswith("pk_test_")


def test_the_curl_snippet_lists_the_mug(doc, shell, sandbox_env):
    reply = json.loads(run_sh(doc["curl-catalog"], env=sandbox_env))
    assert reply["success"] is True
    assert [p["name"] for p in reply["data"]["products"]] == ["Mug"]


def test_the_page_is_linked_from_the_readme_and_the_architecture_page():
    for page_path in (ROOT / "README.md", ROOT / "docs" / "ARCHITECTURE.md"):
        assert "CREATORS.md" in Path(page_path).read_text(encoding="utf-8"), page_path
