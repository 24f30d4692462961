"""`manage.py printora merch list|create|get` against a faked Printora (responses)."""

from __future__ import annotations

import json
from typing import Any

from responses import matchers

from tests.cli.conftest import UPSTREAM, error_reply, printora

CREATOR = "9b2f6c1e-0000-4000-8000-000000000001"
MERCH_URL = f"{UPSTREAM}/api/v1/creators/{CREATOR}/merch"
FOX: dict[str, Any] = {
    "id": "5e0c0d2a-0000-4000-8000-00000000000f",
    "title": "Night Fox Tee",
    "designImageUrl": "https://cdn.example.com/fox.png",
    "status": "active",
    "isActive": True,
    "stockLimit": 5,
    "stockSold": 2,
    "stockRemaining": 3,
    "hasDesign": False,
    "product": {"id": "prod_tee", "name": "Tee", "category": "apparel"},
    "variants": [{"id": "var_1"}, {"id": "var_2"}],
    "createdAt": "2026-11-30T08:00:00Z",
}
EDIT = {
    "sessionId": "e1",
    "token": "tok_single_use",
    "editorUrl": "https://printora.test/en/merch/prod_tee/tok_single_use",
    "expiresAt": "2026-12-01T08:00:00Z",
}


def test_merch_list_shows_stock_and_whether_the_design_is_placed(upstream):
    unlimited = {**FOX, "id": "m2", "title": "Mug", "stockLimit": None, "stockRemaining": None}
    upstream.get(
        MERCH_URL,
        json={"success": True, "data": {"merch": [FOX, unlimited]}},
        match=[matchers.query_param_matcher({"status": "active"})],
    )
    code, out, err = printora("merch", "list", CREATOR, "--status", "active")
    assert code == 0, err
    header, fox, mug = out.splitlines()
    assert header.split() == ["MERCH", "TITLE", "PRODUCT", "STATUS", "STOCK", "DESIGN", "CREATED"]
    assert "3 of 5" in fox and fox.split()[-3] == "no"
    assert "unlimited" in mug


def test_merch_create_sends_every_variant_and_prints_the_editor_url(upstream):
    upstream.post(
        MERCH_URL,
        status=201,
        json={"success": True, "merch": FOX, "editSession": EDIT},
        match=[
            matchers.json_params_matcher(
                {
                    "title": "Night Fox Tee",
                    "productId": "prod_tee",
                    "variantIds": ["var_1", "var_2"],
                    "designImageUrl": "https://cdn.example.com/fox.png",
                    "stockLimit": 5,
                }
            )
        ],
    )
    code, out, err = printora(
        "merch",
        "create",
        CREATOR,
        "--title",
        "Night Fox Tee",
        "--product-id",
        "prod_tee",
        "--variant-id",
        "var_1",
        "--variant-id",
        "var_2",
        "--design-image-url",
        "https://cdn.example.com/fox.png",
        "--stock-limit",
        "5",
    )
    assert code == 0, err
    assert f"Merch:          {FOX['id']}" in out
    assert f"Editor URL:     {EDIT['editorUrl']}" in out
    assert "Variants:       var_1, var_2" in out
    assert upstream.calls[0].request.headers["Idempotency-Key"]


def test_merch_create_refuses_a_zero_stock_limit_before_sending_exit_2(upstream):
    code, out, err = printora(
        "merch",
        "create",
        CREATOR,
        "--title",
        "T",
        "--product-id",
        "p",
        "--variant-id",
        "v",
        "--design-image-url",
        "https://cdn.example.com/fox.png",
        "--stock-limit",
        "0",
    )
    assert (code, out, len(upstream.calls)) == (2, "", 0)
    assert len(err.splitlines()) == 1 and "stock" in err


def test_merch_get_json(upstream):
    upstream.get(f"{MERCH_URL}/{FOX['id']}", json={"success": True, "merch": FOX})
    code, out, _ = printora("merch", "get", CREATOR, FOX["id"], "--json")
    assert code == 0
    assert json.loads(out)["stockRemaining"] == 3


def test_unknown_merch_exits_3_with_the_apis_code(upstream):
    upstream.get(f"{MERCH_URL}/nope", status=404, json=error_reply("NOT_FOUND", "Merch not found"))
    code, out, err = printora("merch", "get", CREATOR, "nope")
    assert (code, out) == (3, "")
    assert "404 NOT_FOUND" in err and "Merch not found" in err
