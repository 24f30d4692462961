"""Plain-Python client for the Printora Partner API (no Django here, on purpose).

Flow A, a shopper's own image::

    from printora_client import PrintoraClient

    with PrintoraClient(api_key, "https://api.printora.ai") as printora:
        session = printora.create_session(
            image_url="https://cdn.example/design.png",
            user_name="Ana Lima",  # also sent as firstName "Ana", lastName "Lima"
            success_url="https://shop.example/callback/success/",
            failed_url="https://shop.example/callback/failed/",
        )
        redirect_to(session.redirect_url)

Creators and merch (flows B and C): one attribute per group of endpoints::

    products = printora.catalog.list_products(category="apparel", limit=20)
    tee = products.products[0]
    creator = printora.creators.create(name="Ana Lima", email="ana@example.com")
    merch = printora.merch.create(
        creator.id,
        title="Nebula tee",
        product_id=tee.id,
        variant_ids=[variant.id for variant in tee.variants],
        design_image_url="https://cdn.example/nebula.png",
        stock_limit=50,  # None (the default) = unlimited
    )
    send_creator_to(merch.edit_session.editor_url)  # single use, 24 h
    printora.merch.update(creator.id, merch.id, stock_limit=None)  # now unlimited
    storefront = printora.create_session(creator_id=creator.id, success_url=..., failed_url=...)
    one_item = printora.create_session(
        merch_id=merch.id, variant_id=tee.variants[0].id, quantity=2,
        success_url=..., failed_url=...,
    )
    one_item.session_mode, one_item.merch, one_item.cart_items

Every call checks its arguments before any HTTP (``InvalidRequestError`` with
``status=None``); every POST carries an ``Idempotency-Key`` chosen once and
reused on retries; errors are typed (``NotFoundError``, ``PermissionDeniedError``,
``GoneError``, ...) and keep Printora's message, e.g. "Only 2 units remaining
for this merch item". Update calls send only the fields given (``NOT_GIVEN``
is the default; ``None`` clears a field). Money is ``Decimal``; colour codes are
``#RRGGBB``. The merch-editor endpoints are not wrapped: Printora's editor page
calls them in the creator's browser.
"""

from __future__ import annotations

from printora_client._arguments import new_idempotency_key
from printora_client._version import __version__
from printora_client.client import PrintoraClient
from printora_client.errors import (
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    ConflictError,
    GoneError,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
    PrintoraError,
    RateLimitError,
    ServerError,
    UnexpectedResponseError,
    error_from_response,
)
from printora_client.models import (
    KNOWN_EVENTS,
    CartItem,
    CreateSessionRequest,
    Creator,
    CreatorOrder,
    CreatorOrderPage,
    CreatorPage,
    CreatorRef,
    CreatorStats,
    Customer,
    EditSession,
    Merch,
    MerchProduct,
    OrderData,
    OrderItem,
    OrderPage,
    PartnerOrder,
    PartnerSession,
    Product,
    ProductPage,
    SessionMerch,
    ShippingAddress,
    TopMerch,
    UserData,
    Variant,
    WebhookEvent,
    WebhookLog,
    WebhookLogPage,
)
from printora_client.rate_limit import RateLimit
from printora_client.resources import NOT_GIVEN, NotGiven
from printora_client.signatures import sign, verify

__all__ = [
    "KNOWN_EVENTS",
    "NOT_GIVEN",
    "APIConnectionError",
    "APITimeoutError",
    "AuthenticationError",
    "CartItem",
    "ConflictError",
    "CreateSessionRequest",
    "Creator",
    "CreatorOrder",
    "CreatorOrderPage",
    "CreatorPage",
    "CreatorRef",
    "CreatorStats",
    "Customer",
    "EditSession",
    "GoneError",
    "InvalidRequestError",
    "Merch",
    "MerchProduct",
    "NotFoundError",
    "NotGiven",
    "OrderData",
    "OrderItem",
    "OrderPage",
    "PartnerOrder",
    "PartnerSession",
    "PermissionDeniedError",
    "PrintoraClient",
    "PrintoraError",
    "Product",
    "ProductPage",
    "RateLimit",
    "RateLimitError",
    "ServerError",
    "SessionMerch",
    "ShippingAddress",
    "TopMerch",
    "UnexpectedResponseError",
    "UserData",
    "Variant",
    "WebhookEvent",
    "WebhookLog",
    "WebhookLogPage",
    "__version__",
    "error_from_response",
    "new_idempotency_key",
    "sign",
    "verify",
]
