"""POST /sandbox/api/v1/partner-session for flows B (creatorId) and C (merchId)."""

from __future__ import annotations

import uuid

import pytest

from printora_sandbox.models import SandboxMerch, SandboxSession

from .conftest import CALLBACKS


def test_a_creator_session_answers_creator_mode_and_its_creator(open_session, creator):
    data = open_session(creatorId=creator["id"])
    assert data["sessionMode"] == "creator" and data["creatorId"] == creator["id"]
    assert "/sandbox/en/print/" in data["redirectUrl"]


def test_a_merch_session_carries_the_merch_and_its_cart_items(open_session, creator, merch):
    data = open_session(merchId=merch["id"], quantity=2)
    assert data["sessionMode"] == "merch"
    assert (data["creatorId"], data["merchId"]) == (creator["id"], merch["id"])
    assert data["imageUrl"] == merch["designImageUrl"]
    assert data["merch"] == {
        "id": merch["id"],
        "title": merch["title"],
        "description": merch["description"],
        "designImageUrl": merch["designImageUrl"],
        "productId": merch["productId"],
        "variantIds": merch["variantIds"],
    }
    assert [item["variantId"] for item in data["cartItems"]] == merch["variantIds"]
    item = data["cartItems"][0]
    assert item["quantity"] == 2 and item["partnerSessionId"] == data["sessionId"]
    assert item["colorCode"].startswith("#") and item["price"] == 24.0


def test_with_a_variant_the_cart_holds_only_that_variant(open_session, merch):
    chosen = merch["variantIds"][2]
    data = open_session(merchId=merch["id"], variantId=chosen)
    assert [item["variantId"] for item in data["cartItems"]] == [chosen]


def refused(api, **body):
    response = api.post("partner-session", {**body, **CALLBACKS})
    return response.status_code, response.json()["error"]


def test_a_variant_not_of_the_merch_is_refused(api, merch):
    other = str(uuid.uuid4())
    status, error = refused(api, merchId=merch["id"], variantId=other)
    assert status == 400
    assert error["message"] == "variantId does not belong to this merch item"


def test_a_sold_out_item_and_too_many_units_are_refused(api, make_merch):
    merch = make_merch(stockLimit=3)
    status, error = refused(api, merchId=merch["id"], quantity=4)
    assert (status, error["message"]) == (400, "Only 3 units remaining for this merch item")
    SandboxMerch.objects.filter(pk=merch["id"]).update(stock_sold=3)
    status, error = refused(api, merchId=merch["id"])
    assert (status, error["code"], error["message"]) == (
        400,
        "VALIDATION_ERROR",
        "Merch item is sold out",
    )


def test_another_partners_creator_or_merch_is_403(second_api, creator, merch):
    status, error = refused(second_api, creatorId=creator["id"])
    assert (status, error["message"]) == (403, "Creator does not belong to this partner")
    status, error = refused(second_api, merchId=merch["id"])
    assert (status, error["message"]) == (
        403,
        "Merch does not belong to a creator of this partner",
    )


def test_an_unknown_creator_or_merch_is_404(api):
    status, error = refused(api, creatorId=str(uuid.uuid4()))
    assert (status, error["code"], error["message"]) == (404, "NOT_FOUND", "Creator not found")
    status, error = refused(api, merchId=str(uuid.uuid4()))
    assert (status, error["message"]) == (404, "Merch not found")


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"imageUrl": "https://cdn.example.com/a.png", "creatorId": str(uuid.uuid4())},
        {"creatorId": str(uuid.uuid4()), "merchId": str(uuid.uuid4())},
    ],
)
def test_none_or_several_modes_are_a_validation_error(api, body):
    status, error = refused(api, **body)
    assert status == 400 and error["code"] == "VALIDATION_ERROR"


def test_an_inactive_merch_item_cannot_be_sold(api, creator, merch):
    api.put(f"creators/{creator['id']}/merch/{merch['id']}", {"status": "inactive"})
    status, error = refused(api, merchId=merch["id"])
    assert (status, error["message"]) == (400, "Merch item is not active")


def test_a_replay_answers_as_the_first_request_even_after_a_sell_out(api, make_merch):
    merch = make_merch(stockLimit=1)
    key = str(uuid.uuid4())
    body = {"merchId": merch["id"], **CALLBACKS}
    first = api.post("partner-session", body, **{"Idempotency-Key": key})
    SandboxMerch.objects.filter(pk=merch["id"]).update(stock_sold=1)
    again = api.post("partner-session", body, **{"Idempotency-Key": key})
    assert (first.status_code, again.status_code) == (201, 201)
    assert first.json()["data"]["sessionId"] == again.json()["data"]["sessionId"]


def test_user_data_may_carry_first_and_last_name_split(api, creator):
    user = {"email": "maya@example.com", "firstName": "Maya", "lastName": "Chen"}
    response = api.post(
        "partner-session", {"creatorId": creator["id"], "userData": user, **CALLBACKS}
    )
    assert response.status_code == 201
    assert SandboxSession.objects.get().user_name == "Maya Chen"
    bad = api.post(
        "partner-session", {"creatorId": creator["id"], "userData": {"firstName": 3}, **CALLBACKS}
    )
    assert bad.status_code == 400
    assert bad.json()["error"]["details"][0]["field"] == "userData.firstName"
