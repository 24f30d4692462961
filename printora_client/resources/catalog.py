"""Printora's product catalog: what merch can be made on.

The contract lists the products only (no single-product call), so neither
does this client: a product is found by listing, or by ``search``.
"""

from __future__ import annotations

from collections.abc import Iterator

from printora_client._arguments import require_int
from printora_client.models import Product, ProductPage
from printora_client.resources._base import MAX_PAGE_SIZE, APIResource, paging_params, walk_pages


class CatalogResource(APIResource):
    """``client.catalog``."""

    def list_products(
        self,
        *,
        limit: int | None = None,
        offset: int | None = None,
        page: int | None = None,
        category: str | None = None,
        search: str | None = None,
    ) -> ProductPage:
        """One page of products with priced variants; page by ``offset`` or by ``page``."""
        params = paging_params(
            limit=limit, offset=offset, page=page, category=category, search=search
        )
        response = self._transport.request("GET", "/api/v1/catalog/products", params=params)
        return self._transport.parse(response, ProductPage)

    def iter_products(
        self,
        *,
        category: str | None = None,
        search: str | None = None,
        page_size: int = MAX_PAGE_SIZE,
    ) -> Iterator[Product]:
        """Every product, page by page (by offset), until an empty page or ``total``."""
        page_size = require_int("page_size", page_size, 1, MAX_PAGE_SIZE)
        # Checked now, not at the first next(): a bad filter is the caller's bug.
        paging_params(limit=page_size, offset=0, category=category, search=search)

        def fetch(offset: int) -> tuple[list[Product], int | None]:
            page = self.list_products(
                limit=page_size, offset=offset, category=category, search=search
            )
            return page.products, page.total

        return walk_pages(fetch, key=lambda product: product.id)
