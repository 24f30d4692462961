"""POST /api/sessions/ for flows B ("Visit <creator>'s shop") and C (the merch panel's
Order): what is sent to Printora, and Printora's refusals as sentences."""

from __future__ import annotations

import json
import uuid

import pytest
import responses
from django.utils import timezone

from dreamcanvas import ratelimit
from gallery.models import Creator, Merch
from sessions_app.models import PartnerSession
from tests.helpers import make_order
from tests.sessions_app.conftest import (
    CREATE_URL,
    UPSTREAM,
    created_reply,
    sent_body,
    started_here,
)

pytestmark = pytest.mark.django_db

URL = "/api/sessions/"
CID = "11111111-1111-4111-8111-111111111111"
MID = "22222222-2222-4222-8222-222222222222"
MERCH_URL = f"{UPSTREAM}/api/v1/creators/{CID}/merch/{MID}"


@pytest.fixture
def merch(db) -> Merch:
    creator = Creator.objects.get(handle="aiko.dreams")
    creator.printora_creator_id = CID
    creator.save()
    return Merch.objects.create(
        printora_merch_id=MID,
        creator=creator,
        artwork=creator.artworks.first(),
        title="Corona Hour Mug",
        stock_limit=5,
        stock_sold=1,
        variants=[
            {
                "id": "33333333-3333-4333-8333-333333333311",
                "color": "White",
                "colorCode": "#FFFFFF",
                "size": "11 oz",
                "price": "16.00",
            },
            {
                "id": "33333333-3333-4333-8333-333333333315",
                "color": "White",
                "colorCode": "#FFFFFF",
                "size": "15 oz",
                "price": "18.00",
            },
        ],
    )


def post_json(client, body: dict):
    return client.post(URL, data=json.dumps(body), content_type="application/json")


def refusal(message: str, status: int = 400, code: str = "VALIDATION_ERROR") -> dict:
    return {"success": False, "error": {"code": code, "message": message}}


def test_visit_the_shop_sends_the_creator_id_and_nothing_else(client, printora_ok, merch):
    response = post_json(client, {"creator": merch.creator.slug})
    assert response.status_code == 201
    body = sent_body(printora_ok)
    assert body["creatorId"] == CID
    assert "imageUrl" not in body and "merchId" not in body
    row = PartnerSession.objects.get()
    assert row.mode == "creator" and row.creator == merch.creator


def test_order_sends_the_merch_the_chosen_variant_and_the_quantity(client, printora_ok, merch):
    response = post_json(client, {"merch": MID, "colour": "White", "size": "15 oz", "quantity": 2})
    assert response.status_code == 201
    assert response.json()["redirectUrl"].startswith("https://printora.ai/")
    body = sent_body(printora_ok)
    assert (body["merchId"], body["variantId"], body["quantity"]) == (
        MID,
        "33333333-3333-4333-8333-333333333315",
        2,
    )
    assert "creatorId" not in body and "imageUrl" not in body
    row = PartnerSession.objects.get()
    assert (row.mode, row.merch, row.quantity, row.artwork) == ("merch", merch, 2, merch.artwork)


def test_without_javascript_the_order_form_redirects_to_printora(client, printora_ok, merch):
    response = client.post(
        URL, {"merch": MID, "variant": "33333333-3333-4333-8333-333333333311", "quantity": "1"}
    )
    assert response.status_code == 303
    assert response["Location"] == "https://printora.ai/en/print/abc123token"
    assert sent_body(printora_ok)["variantId"] == "33333333-3333-4333-8333-333333333311"


def test_a_size_the_item_is_not_made_in_is_refused_before_asking_printora(client, upstream, merch):
    response = post_json(client, {"merch": MID, "colour": "Black", "size": "11 oz"})
    assert response.status_code == 400
    assert response.json()["error"] == "This item is not made in Black, size 11 oz."
    assert len(upstream.calls) == 0


@pytest.mark.parametrize(
    ("message", "sentence"),
    [
        (
            "Only 2 units remaining for this merch item",
            "Only 2 units left of this limited edition: choose 2 or fewer.",
        ),
        ("Merch item is sold out", "Sorry, this limited edition is sold out."),
        (
            "variantId does not belong to this merch item",
            "That colour and size is not available for this item.",
        ),
    ],
)
def test_printoras_stock_refusals_become_sentences_and_the_mirror_is_read_back(
    client, upstream, merch, message, sentence
):
    upstream.add(responses.POST, CREATE_URL, json=refusal(message), status=400)
    upstream.add(
        responses.GET,
        MERCH_URL,
        json={
            "success": True,
            "data": {
                "id": MID,
                "title": "Corona Hour Mug",
                "stockLimit": 5,
                "stockSold": 3,
                "variants": [
                    {"id": v["id"], "color": v["color"], "size": v["size"], "endPrice": v["price"]}
                    for v in merch.variants
                ],
            },
        },
    )
    response = post_json(
        client, {"merch": MID, "variant": "33333333-3333-4333-8333-333333333311", "quantity": 3}
    )
    assert response.status_code == 400
    assert response.json()["error"] == sentence
    merch.refresh_from_db()
    assert merch.stock_sold == 3  # what Printora said, not what we guessed
    assert merch.stock_label == "2/5 left" and len(merch.variants) == 2
    assert PartnerSession.objects.get().status == "failed"


def test_a_merch_item_gone_at_printora_is_said_plainly(client, upstream, merch):
    upstream.add(
        responses.POST, CREATE_URL, json=refusal("Merch not found", code="NOT_FOUND"), status=404
    )
    upstream.add(
        responses.GET, MERCH_URL, json=refusal("Merch not found", code="NOT_FOUND"), status=404
    )
    response = post_json(client, {"merch": MID})
    assert response.status_code == 400
    assert response.json()["error"] == "This is no longer available at Printora."


def test_a_creator_not_registered_at_printora_gets_no_session(client, upstream):
    creator = Creator.objects.get(handle="nia.horizons")
    response = post_json(client, {"creator": creator.slug})
    assert response.status_code == 400
    assert response.json()["error"] == "This is no longer available at Printora."
    assert len(upstream.calls) == 0


def test_flow_a_is_unchanged(client, printora_ok, artwork):
    assert post_json(client, {"artwork": artwork.slug}).status_code == 201
    body = sent_body(printora_ok)
    assert body["imageUrl"].endswith(artwork.image_url)
    assert not {"creatorId", "merchId", "quantity"} & body.keys()


def test_created_reply_fixture_is_the_documented_shape():
    assert created_reply()["data"]["redirectUrl"].startswith("https://")


def test_the_shoppers_return_after_paying_reads_the_items_stock_back_once(client, upstream, merch):
    row = PartnerSession.objects.create(
        idempotency_key="k",
        session_id="3726a462-e994-4a94-a483-34dd9de8ee90",
        status="open",
        mode="merch",
        creator=merch.creator,
        merch=merch,
        created=timezone.now(),
    )
    upstream.add(
        responses.GET,
        MERCH_URL,
        json={
            "success": True,
            "data": {"id": MID, "title": "Corona Hour Mug", "stockLimit": 5, "stockSold": 5},
        },
    )
    started_here(client)
    assert client.get(f"/callback/success/?sessionId={row.session_id}").status_code == 200
    assert len(upstream.calls) == 0  # no order yet: nothing was sold
    make_order("ord-1", session_id=row.session_id)  # order.paid arrived
    for _ in range(2):
        assert client.get(f"/callback/success/?sessionId={row.session_id}").status_code == 200
    merch.refresh_from_db()
    assert merch.sold_out
    assert len(upstream.calls) == 1  # polled twice, read back once


def test_shop_sessions_share_print_on_products_rate_limit(client, upstream, merch, artwork):
    def fresh_session(request):
        return 201, {}, json.dumps(created_reply(str(uuid.uuid4())))

    upstream.add_callback(responses.POST, CREATE_URL, callback=fresh_session)
    ratelimit.reset()
    bodies = [{"creator": merch.creator.slug}, {"merch": MID}, {"artwork": artwork.slug}] * 4
    replies = [post_json(client, body) for body in bodies[:11]]
    assert [r.status_code for r in replies] == [201] * 10 + [429]
    assert "try again in" in replies[-1].json()["error"]
