"""client.catalog: products in both documented shapes, paging by offset or page, the iterator."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
import responses

from printora_client import (
    InvalidRequestError,
    PrintoraClient,
    ProductPage,
    UnexpectedResponseError,
    Variant,
)
from tests.printora_client.support import PRODUCT_ID, PRODUCTS_URL, VARIANT_ID, sent_query

CURRENT_PAGE = {
    "success": True,
    "data": {
        "products": [
            {
                "id": PRODUCT_ID,
                "name": "Classic T-Shirt",
                "category": "apparel",
                "description": "Soft cotton",
                "thumbnail": None,
                "images": [],
                "variants": [
                    {
                        "id": VARIANT_ID,
                        "color": "White",
                        "colorCode": "#FFFFFF",
                        "size": "M",
                        "endPrice": 24.0,
                    }
                ],
                "printArea": {"width": 12},
            }
        ],
        "total": 12,
        "page": 1,
        "limit": 20,
        "totalPages": 1,
    },
}

OLDER_PAGE = {
    "success": True,
    "products": [
        {
            "id": PRODUCT_ID,
            "name": "Classic T-Shirt",
            "category": "apparel",
            "variants": [
                {
                    "id": VARIANT_ID,
                    "color": "Navy",
                    "color_code": "1f2a44",
                    "size": "L",
                    "end_price": 26.99,
                }
            ],
        }
    ],
    "total": 12,
    "limit": 20,
    "offset": 0,
}


def products(start: int, count: int) -> list[dict]:
    return [
        {"id": f"p{n}", "name": f"Product {n}", "variants": []} for n in range(start, start + count)
    ]


def test_the_current_wrapped_page_parses_with_page_counts_and_decimal_prices(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(responses.GET, PRODUCTS_URL, json=CURRENT_PAGE)

    page = client.catalog.list_products(page=1, limit=20)

    assert isinstance(page, ProductPage)
    assert (page.total, page.page, page.limit, page.total_pages) == (12, 1, 20, 1)
    [product] = page.products
    assert (product.id, product.name, product.category) == (
        PRODUCT_ID,
        "Classic T-Shirt",
        "apparel",
    )
    [variant] = product.variants
    assert variant.end_price == Decimal("24.0")
    assert isinstance(variant.end_price, Decimal)
    assert (variant.color, variant.color_code, variant.size) == ("White", "#FFFFFF", "M")
    assert product.model_extra == {"printArea": {"width": 12}}


def test_the_older_unwrapped_snake_case_page_parses_too(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(responses.GET, PRODUCTS_URL, json=OLDER_PAGE)

    page = client.catalog.list_products()

    assert (page.total, page.limit, page.offset, page.page) == (12, 20, 0, None)
    variant = page.products[0].variants[0]
    assert variant.end_price == Decimal("26.99")
    assert variant.color_code == "#1F2A44"
    assert "success" not in (page.model_extra or {})


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("#FFFFFF", "#FFFFFF"),
        ("ffffff", "#FFFFFF"),
        ("#1f2a44", "#1F2A44"),
        (" 1F2A44 ", "#1F2A44"),
        ("#fff", "#FFFFFF"),
        ("abc", "#AABBCC"),
        ("white", None),
        ("#12345", None),
        ("", None),
        (None, None),
        (255, None),
    ],
)
def test_colour_codes_come_out_as_upper_case_hash_rrggbb_or_none(
    raw: object, expected: str | None
) -> None:
    variant = Variant.model_validate({"id": "v1", "colorCode": raw})

    assert variant.color_code == expected


def test_list_products_sends_offset_paging_and_filters(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(responses.GET, PRODUCTS_URL, json=OLDER_PAGE)

    client.catalog.list_products(limit=50, offset=100, category="apparel", search=" tee ")

    assert sent_query(mocked.calls[0].request) == {
        "limit": "50",
        "offset": "100",
        "category": "apparel",
        "search": "tee",
    }


def test_list_products_sends_page_paging_and_leaves_out_what_was_not_given(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(responses.GET, PRODUCTS_URL, json=CURRENT_PAGE)

    client.catalog.list_products(page=3, search="")

    assert sent_query(mocked.calls[0].request) == {"page": "3"}


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param({"offset": 0, "page": 1}, id="offset and page together"),
        pytest.param({"limit": 101}, id="limit above 100"),
        pytest.param({"limit": 0}, id="limit 0"),
        pytest.param({"page": 0}, id="page 0"),
        pytest.param({"offset": -1}, id="negative offset"),
        pytest.param({"category": 3}, id="category not a string"),
    ],
)
def test_list_products_rejects_bad_arguments_before_any_http(
    client: PrintoraClient, mocked: responses.RequestsMock, kwargs: dict
) -> None:
    with pytest.raises(InvalidRequestError) as raised:
        client.catalog.list_products(**kwargs)

    assert raised.value.status is None
    assert len(mocked.calls) == 0


def test_iter_products_walks_every_page_by_offset_and_stops_at_the_total(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    for offset, count in [(0, 2), (2, 2), (4, 1)]:
        mocked.add(
            responses.GET,
            PRODUCTS_URL,
            json={"success": True, "data": {"products": products(offset, count), "total": 5}},
        )

    walk = itertools.islice(client.catalog.iter_products(page_size=2, category="apparel"), 100)

    assert [product.id for product in walk] == ["p0", "p1", "p2", "p3", "p4"]
    assert [sent_query(call.request) for call in mocked.calls] == [
        {"limit": "2", "offset": str(offset), "category": "apparel"} for offset in (0, 2, 4)
    ]


def test_iter_products_stops_at_an_empty_page_without_a_total(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(responses.GET, PRODUCTS_URL, json={"products": products(0, 2)})
    mocked.add(responses.GET, PRODUCTS_URL, json={"products": []})

    assert len(list(itertools.islice(client.catalog.iter_products(page_size=2), 100))) == 2


def test_iter_products_reports_a_server_that_ignores_the_offset_instead_of_looping(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    same_page = {"success": True, "data": {"products": products(0, 2), "total": 10}}
    mocked.add(responses.GET, PRODUCTS_URL, json=same_page)
    mocked.add(responses.GET, PRODUCTS_URL, json=same_page)

    walk = itertools.islice(client.catalog.iter_products(page_size=2), 100)
    with pytest.raises(UnexpectedResponseError, match="same page again"):
        list(walk)


def test_iter_products_rejects_a_bad_page_size_when_called(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    with pytest.raises(InvalidRequestError):
        client.catalog.iter_products(page_size=0)
    assert len(mocked.calls) == 0
