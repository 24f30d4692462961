"""gallery.services: every merch write goes to Printora first; the mirror follows its answer."""

from __future__ import annotations

import io

import pytest
import responses
from django.core.management import CommandError, call_command

from gallery import services
from gallery.models import Creator, Merch

pytestmark = pytest.mark.django_db

API = "https://api.printora.test"
CID = "11111111-1111-4111-8111-111111111111"
MID = "22222222-2222-4222-8222-222222222222"


@pytest.fixture
def upstream(settings):
    settings.PRINTORA_API_URL = API
    settings.PRINTORA_API_KEY = "pk_test_gallery_0123456789"
    settings.PRINTORA_MAX_RETRIES = 0
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture
def creator() -> Creator:
    creator = Creator.objects.get(handle="aiko.dreams")
    creator.printora_creator_id = CID
    creator.save()
    return creator


def merch_json(**overrides) -> dict:
    body = {
        "id": MID,
        "title": "Corona Hour Mug",
        "designImageUrl": "https://shop.example/static/img/gallery/corona-hour.jpg",
        "status": "active",
        "stockLimit": 5,
        "stockSold": 1,
        "stockRemaining": 4,
        "product": {"id": "p1", "name": "Mug", "category": "drinkware"},
        "variants": [
            {"id": "v1", "color": "White", "colorCode": "#FFFFFF", "size": "11 oz", "endPrice": 16}
        ],
    }
    return {**body, **overrides}


def test_refresh_mirrors_what_printora_lists_and_links_the_artwork(upstream, creator):
    upstream.get(
        f"{API}/api/v1/creators/{CID}/merch",
        json={"success": True, "data": {"merch": [merch_json()]}},
    )
    [merch] = services.refresh_merch(creator=creator)
    assert merch.printora_merch_id == MID and merch.stock_label == "4/5 left"
    assert merch.artwork is not None and merch.artwork.slug == "corona-hour"
    assert merch.colours == [
        {
            "name": "White",
            "code": "#FFFFFF",
            "sizes": [{"size": "11 oz", "variant": "v1", "price": "16"}],
        }
    ]


def test_refresh_drops_items_printora_no_longer_has(upstream, creator):
    Merch.objects.create(printora_merch_id="gone", creator=creator, title="Old")
    upstream.get(
        f"{API}/api/v1/creators/{CID}/merch", json={"success": True, "data": {"merch": []}}
    )
    services.refresh_merch(creator=creator)
    assert not Merch.objects.filter(printora_merch_id="gone").exists()


def test_a_refused_update_leaves_the_mirror_as_it_was_and_says_why(upstream, creator):
    upstream.get(
        f"{API}/api/v1/creators/{CID}/merch",
        json={"success": True, "data": {"merch": [merch_json()]}},
    )
    [merch] = services.refresh_merch(creator=creator)
    upstream.put(
        f"{API}/api/v1/creators/{CID}/merch/{MID}",
        status=400,
        json={
            "success": False,
            "error": {
                "code": "VALIDATION_ERROR",
                "message": "Validation failed",
                "details": [
                    {"field": "stockLimit", "message": "stockLimit cannot be below stockSold"}
                ],
            },
        },
    )
    with pytest.raises(services.PrintoraWriteError) as error:
        services.update_merch(merch=merch, stock_limit=1)
    assert (
        str(error.value)
        == "Printora said: Validation failed: stockLimit cannot be below stockSold."
    )
    merch.refresh_from_db()
    assert merch.stock_limit == 5


def test_an_unreachable_printora_creates_nothing_locally(upstream, creator):
    upstream.post(f"{API}/api/v1/creators/{CID}/merch", status=503, json={})
    with pytest.raises(
        services.PrintoraWriteError, match=r"unavailable right now\. Nothing was changed"
    ):
        services.create_merch(
            creator=creator,
            title="Tee",
            product_id="p1",
            variant_ids=["v1"],
            design_image_url="https://shop.example/a.jpg",
        )
    assert Merch.objects.count() == 0


def test_a_creator_not_registered_at_printora_is_said_so(upstream):
    creator = Creator.objects.get(handle="nia.horizons")
    with pytest.raises(services.PrintoraWriteError, match="Nia Okafor is not registered"):
        services.refresh_merch(creator=creator)
    assert len(upstream.calls) == 0


def test_refresh_merch_reads_every_registered_creator_and_reports_failures(upstream, creator):
    other = Creator.objects.get(handle="nia.horizons")
    other.printora_creator_id = "33333333-3333-4333-8333-333333333333"
    other.save()
    upstream.get(
        f"{API}/api/v1/creators/{CID}/merch",
        json={"success": True, "data": {"merch": [merch_json(stockSold=5, stockRemaining=0)]}},
    )
    upstream.get(f"{API}/api/v1/creators/{other.printora_creator_id}/merch", status=503, json={})
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 creator"):
        call_command("refresh_merch", stdout=out, stderr=err)
    assert "Aiko Tanaka: 1 merch item(s)" in out.getvalue()
    assert "Nia Okafor: Printora is unavailable right now" in err.getvalue()
    assert Merch.objects.get(printora_merch_id=MID).sold_out
