"""manage.py seed_demo: the demo creators and merch, made through printora_client over
HTTP against the sandbox on live_server; idempotent; asks before touching a real account."""

from __future__ import annotations

import io

import pytest
import responses
from django.core.management import call_command

from dreamcanvas.printora import get_client
from gallery.models import Creator, Merch

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sandbox(sandbox_live):
    return sandbox_live


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_it_makes_the_demo_merch_at_the_sandbox_and_mirrors_it(sandbox):
    out = seed()
    assert "11 created" in out
    merch = list(Merch.objects.select_related("creator", "artwork"))
    assert len(merch) >= 10
    assert len({m.creator_id for m in merch}) >= 4
    assert len({m.artwork_id for m in merch if m.artwork_id}) >= 6
    assert len({m.product_name for m in merch}) >= 5
    limited_with_stock = [m for m in merch if m.stock_limit and not m.sold_out]
    assert len(limited_with_stock) >= 2
    assert [m.title for m in merch if m.sold_out] == ["Aurora over Still Water Poster"]
    # Each creator with merch is a Printora creator, and the mirror holds Printora's ids.
    creators = Creator.objects.filter(merch__isnull=False).distinct()
    assert all(c.printora_creator_id for c in creators)
    printora_id = creators[0].printora_creator_id
    assert printora_id
    listed = get_client().merch.list(printora_id)
    assert {m.id for m in listed} == set(
        creators[0].merch.values_list("printora_merch_id", flat=True)
    )


def test_a_second_run_creates_nothing(sandbox):
    seed()
    before = sorted(Merch.objects.values_list("printora_merch_id", flat=True))
    out = seed()
    assert "0 created, 11 already there, 0 creators registered, 1 sold out" in out
    assert sorted(Merch.objects.values_list("printora_merch_id", flat=True)) == before


def test_against_a_real_account_it_only_says_what_it_would_create(settings):
    settings.PRINTORA_SANDBOX = False
    settings.PRINTORA_API_URL = "https://api.printora.test"
    with responses.RequestsMock() as mock:  # any request would fail the test
        out = seed()
        assert len(mock.calls) == 0
    assert "Nothing was sent. Run again with --yes" in out
    assert "merch “Corona Hour Mug” for Aiko Tanaka, limited to 25" in out
    assert Merch.objects.count() == 0
