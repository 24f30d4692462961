"""`manage.py printora catalog list` against a faked Printora (responses)."""

from __future__ import annotations

import json

from responses import matchers

from tests.cli.conftest import UPSTREAM, error_reply, printora

CATALOG_URL = f"{UPSTREAM}/api/v1/catalog/products"

TEE = {
    "id": "prod_tee",
    "name": "Classic T-Shirt",
    "category": "apparel",
    "variants": [
        {"id": "var_1", "color": "Black", "colorCode": "#000000", "size": "M", "endPrice": 24.5},
        {"id": "var_2", "color": "White", "colorCode": "#FFFFFF", "size": "L", "endPrice": 19},
    ],
}
MUG = {"id": "prod_mug", "name": "Mug", "category": "home", "variants": []}


def page(products: list[dict], total: int) -> dict:
    return {"success": True, "data": {"products": products, "total": total, "page": 1}}


def test_catalog_list_shows_each_product_with_its_variant_count_and_lowest_price(upstream):
    upstream.get(CATALOG_URL, json=page([TEE, MUG], total=2))
    code, out, err = printora("catalog", "list")
    assert code == 0, err
    header, tee, mug = out.splitlines()
    assert header.split() == ["PRODUCT", "NAME", "CATEGORY", "VARIANTS", "FROM"]
    assert tee.split() == ["prod_tee", "Classic", "T-Shirt", "apparel", "2", "19.00"]
    assert mug.split() == ["prod_mug", "Mug", "home", "0", "-"]


def test_catalog_list_passes_its_filters_and_paging(upstream):
    upstream.get(
        CATALOG_URL,
        json=page([TEE], total=7),
        match=[
            matchers.query_param_matcher(
                {"limit": "1", "offset": "3", "category": "apparel", "search": "shirt"}
            )
        ],
    )
    code, out, err = printora(
        "catalog",
        "list",
        "--category",
        "apparel",
        "--search",
        "shirt",
        "--limit",
        "1",
        "--offset",
        "3",
    )
    assert code == 0
    assert "prod_tee" in out
    assert err == "4–4 of 7 products; --offset 4 for the next page, --all for every one.\n"


def test_catalog_list_all_pages_through_with_a_progress_line(upstream):
    upstream.get(
        CATALOG_URL,
        json=page([TEE], total=2),
        match=[matchers.query_param_matcher({"limit": "100", "offset": "0"})],
    )
    upstream.get(
        CATALOG_URL,
        json=page([MUG], total=2),
        match=[matchers.query_param_matcher({"limit": "100", "offset": "1"})],
    )
    code, out, err = printora("catalog", "list", "--all", "--json")
    assert code == 0
    assert [p["id"] for p in json.loads(out)] == ["prod_tee", "prod_mug"]
    assert err.splitlines() == ["fetched 1 of 2 products…", "fetched 2 of 2 products…"]


def test_a_refused_api_key_is_one_line_and_exit_4(upstream):
    upstream.get(CATALOG_URL, status=401, json=error_reply("INVALID_API_KEY", "Invalid API key"))
    code, out, err = printora("catalog", "list")
    assert (code, out) == (4, "")
    assert len(err.splitlines()) == 1
    assert "INVALID_API_KEY" in err and "Invalid API key" in err
    assert "pk_test_cli" not in err
