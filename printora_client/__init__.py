"""Plain-Python client for the Printora Partner API (no Django here, on purpose).

Usage::

    from printora_client import PrintoraClient

    with PrintoraClient(api_key, "https://api.printora.ai") as printora:
        session = printora.create_session(
            image_url="https://cdn.example/design.png",
            success_url="https://shop.example/callback/success/",
            failed_url="https://shop.example/callback/failed/",
        )
        redirect_to(session.redirect_url)
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
    CreateSessionRequest,
    CreatorRef,
    Customer,
    OrderData,
    OrderItem,
    OrderPage,
    PartnerOrder,
    PartnerSession,
    ShippingAddress,
    UserData,
    WebhookEvent,
    WebhookLog,
    WebhookLogPage,
)
from printora_client.rate_limit import RateLimit
from printora_client.signatures import sign, verify

__all__ = [
    "KNOWN_EVENTS",
    "APIConnectionError",
    "APITimeoutError",
    "AuthenticationError",
    "ConflictError",
    "CreateSessionRequest",
    "CreatorRef",
    "Customer",
    "InvalidRequestError",
    "NotFoundError",
    "OrderData",
    "OrderItem",
    "OrderPage",
    "PartnerOrder",
    "PartnerSession",
    "PermissionDeniedError",
    "PrintoraClient",
    "PrintoraError",
    "RateLimit",
    "RateLimitError",
    "ServerError",
    "ShippingAddress",
    "UnexpectedResponseError",
    "UserData",
    "WebhookEvent",
    "WebhookLog",
    "WebhookLogPage",
    "__version__",
    "error_from_response",
    "new_idempotency_key",
    "sign",
    "verify",
]
