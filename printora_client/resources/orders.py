"""The partner's orders, as Printora lists them."""

from __future__ import annotations

from collections.abc import Iterator

from printora_client._arguments import require_int
from printora_client.models import OrderPage, PartnerOrder
from printora_client.resources._base import MAX_PAGE_SIZE, APIResource, paging_params, walk_pages


class OrdersResource(APIResource):
    """``client.orders``; ``client.list_orders`` / ``iter_orders`` call these."""

    def list(self, *, limit: int = 20, offset: int = 0, status: str | None = None) -> OrderPage:
        """One page of this partner's orders."""
        params = paging_params(limit=limit, offset=offset, status=status or None)
        response = self._transport.request("GET", "/api/v1/partners/orders", params=params)
        return self._transport.parse(response, OrderPage)

    def iter(
        self, *, status: str | None = None, page_size: int = MAX_PAGE_SIZE
    ) -> Iterator[PartnerOrder]:
        """Every order, page by page, until an empty page or ``total`` is reached."""
        page_size = require_int("page_size", page_size, 1, MAX_PAGE_SIZE)

        def fetch(offset: int) -> tuple[list[PartnerOrder], int | None]:
            page = self.list(limit=page_size, offset=offset, status=status)
            return page.orders, page.total

        return walk_pages(fetch, key=lambda order: order.order_id)
