"""One module per group of Printora endpoints, each reached as an attribute of the client.

``client.sessions``, ``client.orders``, ``client.webhooks``, ``client.catalog``,
``client.creators`` and ``client.merch`` share the client's transport (its
connection pool, retries, rate-limit reading and secret handling).
"""

from __future__ import annotations

from printora_client.resources._base import MAX_PAGE_SIZE, NOT_GIVEN, APIResource, NotGiven
from printora_client.resources.catalog import CatalogResource
from printora_client.resources.creators import CreatorsResource
from printora_client.resources.merch import MerchResource
from printora_client.resources.orders import OrdersResource
from printora_client.resources.sessions import SessionsResource
from printora_client.resources.webhooks import WebhooksResource

__all__ = [
    "MAX_PAGE_SIZE",
    "NOT_GIVEN",
    "APIResource",
    "CatalogResource",
    "CreatorsResource",
    "MerchResource",
    "NotGiven",
    "OrdersResource",
    "SessionsResource",
    "WebhooksResource",
]
