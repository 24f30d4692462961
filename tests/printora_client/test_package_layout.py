"""One module per resource behind the one client; every old import keeps working."""

from __future__ import annotations

from pathlib import Path

import pytest
import responses

import printora_client
from printora_client import PrintoraClient
from printora_client.events import EVENT_NAMES
from printora_client.resources import (
    CatalogResource,
    CreatorsResource,
    MerchResource,
    OrdersResource,
    SessionsResource,
    WebhooksResource,
)
from tests.printora_client.support import API_KEY, CREATORS_URL, ORDERS_URL, PRODUCTS_URL

PACKAGE = Path(printora_client.__file__).resolve().parent

# Every name models.py offered before it became a package.
OLD_MODEL_NAMES = [
    "KNOWN_EVENTS",
    "CreateSessionRequest",
    "CreatorRef",
    "Customer",
    "OrderData",
    "OrderItem",
    "OrderPage",
    "PartnerOrder",
    "PartnerSession",
    "ShippingAddress",
    "UserData",
    "WebhookEvent",
    "WebhookLog",
    "WebhookLogPage",
    "Money",
    "Timestamp",
    "PrintoraModel",
]


@pytest.mark.parametrize(
    ("attribute", "resource_class"),
    [
        ("sessions", SessionsResource),
        ("orders", OrdersResource),
        ("webhooks", WebhooksResource),
        ("catalog", CatalogResource),
        ("creators", CreatorsResource),
        ("merch", MerchResource),
    ],
)
def test_each_resource_is_an_attribute_of_the_client(
    client: PrintoraClient, attribute: str, resource_class: type
) -> None:
    resource = getattr(client, attribute)

    assert isinstance(resource, resource_class)
    assert API_KEY not in repr(resource)


def test_the_resources_share_the_clients_rate_limit_reading(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(
        responses.GET, ORDERS_URL, json={"orders": []}, headers={"X-RateLimit-Remaining": "9"}
    )
    mocked.add(
        responses.GET, PRODUCTS_URL, json={"products": []}, headers={"X-RateLimit-Remaining": "8"}
    )
    mocked.add(responses.GET, CREATORS_URL, json={"creators": []})

    client.list_orders()
    assert client.rate_limit is not None and client.rate_limit.remaining == 9
    client.catalog.list_products()
    assert client.rate_limit is not None and client.rate_limit.remaining == 8
    client.creators.list()
    # A response without the headers keeps the last known value.
    assert client.rate_limit is not None and client.rate_limit.remaining == 8


@pytest.mark.parametrize("name", OLD_MODEL_NAMES)
def test_every_old_model_name_still_imports_from_printora_client_models(name: str) -> None:
    module = __import__("printora_client.models", fromlist=[name])

    assert getattr(module, name) is not None


def test_known_events_read_the_event_registry() -> None:
    assert printora_client.KNOWN_EVENTS == EVENT_NAMES


def test_the_client_exports_the_new_models_and_errors() -> None:
    for name in [
        "Product",
        "Variant",
        "Creator",
        "CreatorStats",
        "Merch",
        "EditSession",
        "CartItem",
        "SessionMerch",
        "GoneError",
        "NOT_GIVEN",
    ]:
        assert name in printora_client.__all__


def test_every_module_of_the_package_stays_within_400_lines() -> None:
    sizes = {
        str(path.relative_to(PACKAGE)): len(path.read_text().splitlines())
        for path in PACKAGE.rglob("*.py")
    }

    assert len(sizes) > 20
    assert {name: size for name, size in sizes.items() if size > 400} == {}


def test_swapping_the_clients_sleep_reaches_the_retries(
    client: PrintoraClient, mocked: responses.RequestsMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # tests/orders swaps it this way; the retries live in the transport now.
    waits: list[float] = []
    monkeypatch.setattr(client, "_sleep", waits.append)
    mocked.add(responses.GET, ORDERS_URL, status=503, headers={"Retry-After": "1"})
    mocked.add(responses.GET, ORDERS_URL, json={"orders": []})

    client.list_orders()

    assert waits == [1.0]


def test_nothing_the_client_holds_shows_the_key_in_its_repr(client: PrintoraClient) -> None:
    shown = repr(vars(client)) + "".join(repr(value) for value in vars(client).values())

    assert API_KEY not in shown
    assert "pk_test_…" in shown
