"""Pydantic models for what the client sends to and reads from Printora, one module per resource.

``from printora_client.models import X`` works for every model, whichever module
defines it.
"""

from __future__ import annotations

from printora_client.models._base import Money, Page, PrintoraModel, Timestamp
from printora_client.models.catalog import Product, ProductPage, Variant
from printora_client.models.creators import (
    Creator,
    CreatorOrder,
    CreatorOrderCustomer,
    CreatorOrderPage,
    CreatorPage,
    CreatorStats,
    TopMerch,
)
from printora_client.models.merch import EditSession, Merch, MerchList, MerchProduct
from printora_client.models.orders import (
    CreatorRef,
    Customer,
    OrderData,
    OrderItem,
    OrderPage,
    PartnerOrder,
    ShippingAddress,
)
from printora_client.models.sessions import (
    CartItem,
    CreateSessionRequest,
    PartnerSession,
    SessionMerch,
    UserData,
)
from printora_client.models.webhooks import KNOWN_EVENTS, WebhookEvent, WebhookLog, WebhookLogPage

__all__ = [
    "KNOWN_EVENTS",
    "CartItem",
    "CreateSessionRequest",
    "Creator",
    "CreatorOrder",
    "CreatorOrderCustomer",
    "CreatorOrderPage",
    "CreatorPage",
    "CreatorRef",
    "CreatorStats",
    "Customer",
    "EditSession",
    "Merch",
    "MerchList",
    "MerchProduct",
    "Money",
    "OrderData",
    "OrderItem",
    "OrderPage",
    "Page",
    "PartnerOrder",
    "PartnerSession",
    "PrintoraModel",
    "Product",
    "ProductPage",
    "SessionMerch",
    "ShippingAddress",
    "Timestamp",
    "TopMerch",
    "UserData",
    "Variant",
    "WebhookEvent",
    "WebhookLog",
    "WebhookLogPage",
]
