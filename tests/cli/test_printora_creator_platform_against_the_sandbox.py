"""`manage.py printora catalog|creators|merch` over real HTTP against the built-in sandbox,
which implements the creator platform: the same commands as against the real API."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import printora

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sandbox(sandbox_live, settings):
    settings.PRINTORA_MAX_RETRIES = 0
    return sandbox_live


def ok(*args: str) -> str:
    code, out, err = printora(*args)
    assert code == 0, err
    return out


def test_a_creator_gets_merch_on_a_catalog_product_and_both_read_back(sandbox):
    products = json.loads(ok("catalog", "list", "--all", "--json"))
    tee = next(p for p in products if "shirt" in p["name"].lower())
    variants = [v["id"] for v in tee["variants"][:2]]
    assert ok("catalog", "list", "--search", "shirt").splitlines()[0].startswith("PRODUCT")

    created = json.loads(ok("creators", "create", "--name", "Lena Ortiz", "--json"))
    assert created["slug"] == "lena-ortiz"
    listed = ok("creators", "list")
    assert created["id"] in listed and "lena-ortiz" in listed
    assert "Name:        Lena Ortiz" in ok("creators", "get", created["id"])

    design = f"{sandbox.url}/static/img/gallery/corona-hour.jpg"
    out = ok(
        "merch",
        "create",
        created["id"],
        "--title",
        "Night Fox Tee",
        "--product-id",
        tee["id"],
        "--variant-id",
        variants[0],
        "--variant-id",
        variants[1],
        "--design-image-url",
        design,
        "--stock-limit",
        "5",
    )
    merch_id = next(line.split()[1] for line in out.splitlines() if line.startswith("Merch:"))
    editor = next(line.split()[2] for line in out.splitlines() if line.startswith("Editor URL:"))
    assert editor.startswith(sandbox.url + "/sandbox/en/merch/")

    row = ok("merch", "list", created["id"]).splitlines()[1]
    assert row.startswith(merch_id) and "5 of 5" in row
    got = json.loads(ok("merch", "get", created["id"], merch_id, "--json"))
    assert [v["id"] for v in got["variants"]] == variants


def test_an_unknown_creator_exits_3_with_the_sandboxs_code(sandbox):
    code, out, err = printora("merch", "list", "00000000-0000-4000-8000-000000000000")
    assert (code, out) == (3, "")
    assert len(err.splitlines()) == 1 and "404 NOT_FOUND" in err
