"""``PrintoraClient``: the one entry point, with one attribute per group of endpoints.

The HTTP machinery lives in ``_transport``; each group of endpoints in
``resources/`` (as stripe-python and openai-python do)::

    client.catalog.list_products(category="apparel")
    client.creators.create(name="Ana Lima")
    client.merch.create(creator_id, title=..., product_id=..., variant_ids=[...], ...)

The flat methods (``create_session``, ``list_orders``, ...) stay as short
names for the calls every partner makes.

A client can be shared by the threads of one process. ``rate_limit`` is simply
the last value any of them saw.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any
from uuid import UUID

import requests

from printora_client._arguments import clean_api_key, clean_base_url
from printora_client._transport import RETRYABLE_STATUSES, Transport
from printora_client._version import __version__
from printora_client.models import OrderPage, PartnerOrder, PartnerSession, WebhookLogPage
from printora_client.rate_limit import RateLimit
from printora_client.resources import (
    MAX_PAGE_SIZE,
    CatalogResource,
    CreatorsResource,
    MerchResource,
    OrdersResource,
    SessionsResource,
    WebhooksResource,
)

DEFAULT_USER_AGENT = f"dreamcanvas-printora-client/{__version__} (+python-requests)"

__all__ = ["DEFAULT_USER_AGENT", "MAX_PAGE_SIZE", "RETRYABLE_STATUSES", "PrintoraClient"]


class PrintoraClient:
    """Synchronous client for ``https://api.printora.ai`` (or the sandbox standing in for it)."""

    def __init__(
        self,
        api_key: str,
        base_url: str,
        *,
        timeout: float | tuple[float, float] = (3.05, 10.0),
        max_retries: int = 2,
        max_retry_wait: float = 10.0,
        backoff_base: float = 0.5,
        backoff_max: float = 8.0,
        session: requests.Session | None = None,
        sleep: Callable[[float], object] = time.sleep,
        clock: Callable[[], float] = time.time,
        user_agent: str | None = None,
    ) -> None:
        if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
            raise ValueError("max_retries must be a whole number >= 0")
        if min(max_retry_wait, backoff_base, backoff_max) < 0:
            raise ValueError("max_retry_wait, backoff_base and backoff_max must be >= 0")
        self._transport = Transport(
            api_key=clean_api_key(api_key),
            base_url=clean_base_url(base_url),
            timeout=timeout,
            max_retries=max_retries,
            max_retry_wait=max_retry_wait,
            backoff_base=backoff_base,
            backoff_max=backoff_max,
            session=session,
            sleep=sleep,
            clock=clock,
            user_agent=user_agent or DEFAULT_USER_AGENT,
        )
        self.sessions = SessionsResource(self._transport)
        self.orders = OrdersResource(self._transport)
        self.webhooks = WebhooksResource(self._transport)
        self.catalog = CatalogResource(self._transport)
        self.creators = CreatorsResource(self._transport)
        self.merch = MerchResource(self._transport)

    def __repr__(self) -> str:
        masked = self._transport.masked_api_key
        return f"PrintoraClient(base_url={self.base_url!r}, api_key={masked!r})"

    __str__ = __repr__

    @property
    def base_url(self) -> str:
        return self._transport.base_url

    @property
    def rate_limit(self) -> RateLimit | None:
        """Rate-limit headers of the last response that had them; None before that."""
        return self._transport.rate_limit

    # Tests elsewhere swap the client's sleep for a recorder (tests/orders); the
    # transport that sleeps between retries is the one to change.
    @property
    def _sleep(self) -> Callable[[float], object]:
        return self._transport._sleep

    @_sleep.setter
    def _sleep(self, sleep: Callable[[float], object]) -> None:
        self._transport._sleep = sleep

    def close(self) -> None:
        """Close the connection pool, if this client created it."""
        self._transport.close()

    def __enter__(self) -> PrintoraClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- Flat names for the everyday calls --------------------------------------------

    def create_session(
        self,
        *,
        image_url: str | None = None,
        creator_id: str | UUID | None = None,
        merch_id: str | UUID | None = None,
        variant_id: str | UUID | None = None,
        quantity: int | None = None,
        user_email: str | None = None,
        user_name: str | None = None,
        user_first_name: str | None = None,
        user_last_name: str | None = None,
        success_url: str,
        failed_url: str,
        idempotency_key: str | None = None,
    ) -> PartnerSession:
        """Create a partner session for flow A, B or C: see ``SessionsResource.create``."""
        return self.sessions.create(
            image_url=image_url,
            creator_id=creator_id,
            merch_id=merch_id,
            variant_id=variant_id,
            quantity=quantity,
            user_email=user_email,
            user_name=user_name,
            user_first_name=user_first_name,
            user_last_name=user_last_name,
            success_url=success_url,
            failed_url=failed_url,
            idempotency_key=idempotency_key,
        )

    def get_session(self, session_id: str) -> PartnerSession:
        """Read a session back (with its order, once there is one)."""
        return self.sessions.get(session_id)

    def get_session_by_token(self, token: str) -> PartnerSession:
        """Read a session by its editor token (the last segment of the redirect URL)."""
        return self.sessions.get_by_token(token)

    def list_orders(
        self, *, limit: int = 20, offset: int = 0, status: str | None = None
    ) -> OrderPage:
        """One page of this partner's orders."""
        return self.orders.list(limit=limit, offset=offset, status=status)

    def iter_orders(
        self, *, status: str | None = None, page_size: int = MAX_PAGE_SIZE
    ) -> Iterator[PartnerOrder]:
        """Every order, page by page, until an empty page or ``total`` is reached."""
        return self.orders.iter(status=status, page_size=page_size)

    def list_webhook_logs(
        self,
        *,
        limit: int = 20,
        offset: int = 0,
        status: str | None = None,
        event_type: str | None = None,
    ) -> WebhookLogPage:
        """Printora's log of webhook deliveries to this partner."""
        return self.webhooks.list_logs(
            limit=limit, offset=offset, status=status, event_type=event_type
        )

    def retry_webhook_log(self, log_id: str) -> dict[str, Any]:
        """Ask Printora to deliver a logged webhook again; returns the (unwrapped) JSON reply."""
        return self.webhooks.retry_log(log_id)

    def resend_webhook(
        self, *, event_type: str, order_id: str | None = None, session_id: str | None = None
    ) -> dict[str, Any]:
        """Ask Printora to send an event again for one order or one session."""
        return self.webhooks.resend(event_type=event_type, order_id=order_id, session_id=session_id)
