"""client.catalog against the sandbox's catalog, over real HTTP."""

from __future__ import annotations

from decimal import Decimal

import pytest

from printora_client import InvalidRequestError
from printora_sandbox import catalog


def test_it_lists_every_priced_product_with_its_variants(printora):
    page = printora.catalog.list_products(limit=100)
    assert page.total == len(catalog.CATALOG) == len(page.products)
    tee = next(p for p in page.products if p.name == "T-Shirt")
    expected = catalog.by_slug("t-shirt")
    assert expected is not None
    assert tee.id == expected.id and tee.category == expected.category
    assert [v.id for v in tee.variants] == [v.id for v in expected.variants]
    first = tee.variants[0]
    assert first.color_code.startswith("#") and len(first.color_code) == 7
    assert isinstance(first.end_price, Decimal) and first.end_price > 0


def test_it_pages_by_offset_and_by_page_number_alike(printora):
    by_offset = printora.catalog.list_products(limit=3, offset=3)
    by_page = printora.catalog.list_products(limit=3, page=2)
    assert [p.id for p in by_offset.products] == [p.id for p in by_page.products]
    assert len(by_page.products) == 3
    assert (by_page.page, by_page.limit, by_page.total_pages) == (2, 3, 3)
    every = [p.id for p in printora.catalog.list_products(limit=100).products]
    assert [p.id for p in by_offset.products] == every[3:6]


def test_it_iterates_the_whole_catalog_in_small_pages(printora):
    walked = [p.id for p in printora.catalog.iter_products(page_size=3)]
    assert walked == [p.id for p in printora.catalog.list_products(limit=100).products]
    assert len(walked) == len(set(walked)) == len(catalog.CATALOG)


def test_it_filters_by_category_and_search(printora):
    apparel = printora.catalog.list_products(category="apparel")
    assert apparel.products and {p.category for p in apparel.products} == {"apparel"}
    assert apparel.total == len([p for p in catalog.CATALOG if p.category == "apparel"])
    mugs = printora.catalog.list_products(search="mug")
    assert [p.name for p in mugs.products] == ["Mug"]
    assert printora.catalog.list_products(search="no such thing").products == []


def test_a_page_size_over_100_is_refused_before_any_http(printora):
    with pytest.raises(InvalidRequestError) as caught:
        printora.catalog.list_products(limit=101)
    assert caught.value.status is None
