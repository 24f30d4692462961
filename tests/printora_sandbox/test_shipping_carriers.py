"""A shipped sandbox order's carrier, tracking number and tracking page agree."""

from __future__ import annotations

import re

import pytest

from printora_sandbox import catalog, services
from printora_sandbox.models import SandboxOrder

FORMATS = {
    "UPS": (r"1Z[0-9A-F]{6}03\d{8}", "https://www.ups.com/"),
    "USPS": (r"9400\d{18}", "https://tools.usps.com/"),
    "FedEx": (r"\d{12}", "https://www.fedex.com/"),
}

MUG = next(p for p in catalog.PRODUCTS if p.slug == "mug")


@pytest.mark.parametrize("carrier", sorted(FORMATS))
def test_each_carrier_gets_a_number_in_its_own_format(carrier, sandbox_session, monkeypatch):
    sandbox_session.status = "active"
    sandbox_session.opened_at = sandbox_session.created_at
    sandbox_session.save()
    order = services.checkout(
        session=sandbox_session,
        product=MUG,
        colour="Black",
        size="15 oz",
        quantity=1,
        first_name="Maya",
        last_name="Chen",
        email="maya@example.com",
        address={"street": "1 Main St", "city": "Town", "zipCode": "1", "country": "US"},
    )
    monkeypatch.setattr(services.random, "choice", lambda options: carrier)
    services.ship_order(SandboxOrder.objects.get(pk=order.pk))
    shipped = SandboxOrder.objects.get(pk=order.pk)
    pattern, page = FORMATS[carrier]
    assert shipped.carrier == carrier
    assert re.fullmatch(pattern, shipped.tracking_number), shipped.tracking_number
    assert shipped.tracking_url.startswith(page) and shipped.tracking_number in shipped.tracking_url


def test_a_usps_parcel_never_carries_a_ups_number():
    _page, number = services.CARRIERS["USPS"]
    assert not any(number().startswith("1Z") for _ in range(50))
