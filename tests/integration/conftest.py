"""The client against the sandbox over real HTTP: shared fixtures.

Nothing here fakes either side: ``printora`` is the project's own
``PrintoraClient`` (``dreamcanvas.printora.get_client``) pointed at the
sandbox on a live server, and the sandbox answers as Printora would.
"""

from __future__ import annotations

import pytest

from dreamcanvas.printora import get_client
from printora_client import Creator, Merch, PrintoraClient, Product
from printora_sandbox import partners

DESIGN = "https://cdn.example.com/art/fox.png"
CALLBACKS = {
    "success_url": "https://shop.example.com/callback/success/",
    "failed_url": "https://shop.example.com/callback/failed/",
}

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def printora(sandbox_live, transactional_db) -> PrintoraClient:
    """This site's client, as the rest of the project gets it, speaking to the sandbox."""
    return get_client()


@pytest.fixture
def second_printora(sandbox_live):
    """A client holding the sandbox's second partner key (for the 403 paths)."""
    with PrintoraClient(
        partners.second_key(), sandbox_live.url + "/sandbox", max_retries=0
    ) as client:
        yield client


@pytest.fixture
def tee(printora) -> Product:
    return printora.catalog.list_products(search="t-shirt").products[0]


@pytest.fixture
def mug(printora) -> Product:
    return printora.catalog.list_products(search="mug").products[0]


@pytest.fixture
def creator(printora) -> Creator:
    return printora.creators.create(name="Lena Ortiz", email="lena@example.com")


@pytest.fixture
def make_merch(printora, creator, tee):
    def make(**fields) -> Merch:
        arguments = {
            "title": "Night Fox Tee",
            "product_id": tee.id,
            "variant_ids": [variant.id for variant in tee.variants[:4]],
            "design_image_url": DESIGN,
            **fields,
        }
        return printora.merch.create(creator.id, **arguments)

    return make


@pytest.fixture
def merch(make_merch) -> Merch:
    return make_merch()
