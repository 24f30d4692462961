"""GET /sandbox/api/v1/catalog/products: the catalog in the contract's current form."""

from __future__ import annotations

import re

from printora_sandbox import catalog


def test_it_lists_eight_products_with_priced_variants_in_the_current_form(api):
    response = api.get("catalog/products")
    assert response.status_code == 200
    body = response.json()
    assert body["success"] is True
    data = body["data"]
    assert (data["total"], data["page"], data["limit"], data["totalPages"]) == (8, 1, 20, 1)
    names = [p["name"] for p in data["products"]]
    for wanted in ("T-Shirt", "Hoodie", "Sweatshirt", "Mug", "Poster", "Canvas", "Tote", "Pillow"):
        assert any(wanted in name for name in names), wanted
    shirt = data["products"][0]
    assert {"id", "name", "category", "description", "thumbnail", "images", "variants"} <= set(
        shirt
    )
    variant = shirt["variants"][0]
    assert set(variant) == {"id", "color", "colorCode", "size", "endPrice"}
    assert re.fullmatch(r"#[0-9A-F]{6}", variant["colorCode"])
    assert variant["endPrice"] == 24.0 and variant["color"] == "White"


def test_its_ids_are_stable_uuids(api):
    first = api.get("catalog/products").json()["data"]["products"]
    again = api.get("catalog/products").json()["data"]["products"]
    assert [p["id"] for p in first] == [p["id"] for p in again] == [p.id for p in catalog.CATALOG]


def test_it_pages_by_page_or_offset(api):
    by_page = api.get("catalog/products", limit=3, page=2).json()["data"]
    by_offset = api.get("catalog/products", limit=3, offset=3).json()["data"]
    assert [p["name"] for p in by_page["products"]] == [p["name"] for p in by_offset["products"]]
    assert (by_page["page"], by_page["totalPages"], len(by_page["products"])) == (2, 3, 3)


def test_it_filters_by_category_and_search(api):
    wall = api.get("catalog/products", category="wall-art").json()["data"]
    assert sorted(p["name"] for p in wall["products"]) == ["Canvas", "Poster"]
    found = api.get("catalog/products", search="hoodie").json()["data"]
    assert [p["name"] for p in found["products"]] == ["Hoodie"]


def test_a_limit_over_100_is_a_validation_error(api):
    response = api.get("catalog/products", limit=101)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "VALIDATION_ERROR"


def test_it_needs_an_api_key(client, db):
    response = client.get("/sandbox/api/v1/catalog/products")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "MISSING_API_KEY"


def test_the_editors_five_products_come_from_the_catalog():
    assert [p.slug for p in catalog.PRODUCTS] == [
        "t-shirt",
        "hoodie",
        "mug",
        "poster",
        "home-decor",
    ]
    for product in catalog.PRODUCTS[:4]:
        source = catalog.BY_SLUG[product.slug]
        assert (product.price, product.colours, product.sizes) == (
            source.price,
            source.colours,
            source.sizes,
        )
    for slug, size in catalog.HOME_DECOR_SIZES.values():
        assert size in catalog.BY_SLUG[slug].sizes
