"""create_session for flows B and C: mode, merch and cart in the reply, the user split, errors."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, TypedDict

import pytest
import responses

from printora_client import (
    CartItem,
    InvalidRequestError,
    NotFoundError,
    PartnerSession,
    PermissionDeniedError,
    PrintoraClient,
    SessionMerch,
    UserData,
)
from tests.printora_client.support import (
    CREATOR_ID,
    FAILED_URL,
    MERCH_ID,
    PRODUCT_ID,
    SESSION_URL,
    SUCCESS_URL,
    VARIANT_ID,
    error_body,
)


class Callbacks(TypedDict):
    """The two URLs every create_session call passes, typed so that **CALLBACKS checks."""

    success_url: str
    failed_url: str


CALLBACKS: Callbacks = {"success_url": SUCCESS_URL, "failed_url": FAILED_URL}

CREATOR_SESSION: dict[str, Any] = {
    "success": True,
    "data": {
        "sessionId": "a1b2c3d4-0000-4000-8000-000000000001",
        "redirectUrl": "https://printora.ai/en/creator/tok1",
        "sessionMode": "creator",
        "creatorId": CREATOR_ID,
        "createdAt": "2026-03-15T10:00:00.000Z",
    },
}

MERCH_SESSION: dict[str, Any] = {
    "success": True,
    "data": {
        "sessionId": "a1b2c3d4-0000-4000-8000-000000000002",
        "redirectUrl": "https://printora.ai/en/print/tok2",
        "sessionMode": "merch",
        "creatorId": CREATOR_ID,
        "merchId": MERCH_ID,
        "imageUrl": "https://cdn.example/nebula.png",
        "merch": {
            "id": MERCH_ID,
            "title": "Nebula tee",
            "description": None,
            "designImageUrl": "https://cdn.example/nebula.png",
            "productId": PRODUCT_ID,
            "variantIds": [VARIANT_ID],
        },
        "cartItems": [
            {
                "productId": PRODUCT_ID,
                "name": "Classic T-Shirt",
                "price": 24.99,
                "productType": "t-shirt",
                "size": "M",
                "color": "White",
                "colorCode": "ffffff",
                "variantId": VARIANT_ID,
                "partnerSessionId": "a1b2c3d4-0000-4000-8000-000000000002",
                "quantity": 2,
                "sku": "TEE-WHT-M",
                "image": "https://cdn.example/tee.png",
                "mockupPreviewUrl": "https://cdn.example/mockup.png",
                "designUrl": "https://cdn.example/nebula.png",
                "merchId": MERCH_ID,
            }
        ],
        "createdAt": "2026-03-15T10:00:00.000Z",
    },
}


def test_a_creator_session_reads_its_mode_and_creator(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(responses.POST, SESSION_URL, json=CREATOR_SESSION, status=201)

    session = client.create_session(creator_id=CREATOR_ID, **CALLBACKS)

    assert json.loads(mocked.calls[0].request.body or b"")["creatorId"] == CREATOR_ID
    assert (session.session_mode, session.creator_id) == ("creator", CREATOR_ID)
    assert session.merch is None
    assert session.cart_items == []


def test_a_merch_session_reads_the_merch_and_the_cart_as_models(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(responses.POST, SESSION_URL, json=MERCH_SESSION, status=201)

    session = client.create_session(
        merch_id=MERCH_ID, variant_id=VARIANT_ID, quantity=2, **CALLBACKS
    )

    assert json.loads(mocked.calls[0].request.body or b"") == {
        "merchId": MERCH_ID,
        "variantId": VARIANT_ID,
        "quantity": 2,
        **{"successUrl": SUCCESS_URL, "failedUrl": FAILED_URL},
    }
    assert (session.session_mode, session.merch_id) == ("merch", MERCH_ID)
    assert isinstance(session.merch, SessionMerch)
    assert (session.merch.title, session.merch.product_id) == ("Nebula tee", PRODUCT_ID)
    assert session.merch.variant_ids == [VARIANT_ID]
    [item] = session.cart_items
    assert isinstance(item, CartItem)
    assert item.price == Decimal("24.99")
    assert (item.color_code, item.size, item.quantity, item.sku) == ("#FFFFFF", "M", 2, "TEE-WHT-M")
    assert item.mockup_preview_url == "https://cdn.example/mockup.png"
    assert item.model_extra == {"merchId": MERCH_ID}


def test_an_unknown_session_mode_and_null_cart_are_accepted() -> None:
    body = {**MERCH_SESSION["data"], "sessionMode": "bundle", "cartItems": None, "merch": None}

    session = PartnerSession.model_validate(body)

    assert (session.session_mode, session.cart_items, session.merch) == ("bundle", [], None)


def test_the_snake_case_spelling_of_a_merch_session_parses_too() -> None:
    body = {
        "session_id": "s1",
        "redirect_url": "https://printora.ai/en/print/t",
        "session_mode": "merch",
        "merch": {"id": MERCH_ID, "variant_ids": [VARIANT_ID], "product_id": PRODUCT_ID},
        "cart_items": [{"variant_id": VARIANT_ID, "price": "19.50", "color_code": "#abc"}],
    }

    session = PartnerSession.model_validate(body)

    assert session.merch is not None and session.merch.variant_ids == [VARIANT_ID]
    assert session.cart_items[0].price == Decimal("19.50")
    assert session.cart_items[0].color_code == "#AABBCC"


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        pytest.param(
            {"user_name": "Ana Lima", "user_email": "ana@example.com"},
            {
                "email": "ana@example.com",
                "name": "Ana Lima",
                "firstName": "Ana",
                "lastName": "Lima",
            },
            id="two words",
        ),
        pytest.param(
            {"user_name": "  Maria   da Silva "},
            {"name": "Maria   da Silva", "firstName": "Maria", "lastName": "da Silva"},
            id="three words",
        ),
        pytest.param({"user_name": "Cher"}, {"name": "Cher", "firstName": "Cher"}, id="one word"),
        pytest.param(
            {"user_name": "Ana Lima", "user_first_name": "Ana", "user_last_name": "Lima Souza"},
            {"name": "Ana Lima", "firstName": "Ana", "lastName": "Lima Souza"},
            id="explicit first and last win",
        ),
        pytest.param(
            {"user_first_name": "Ana", "user_last_name": "Lima"},
            {"firstName": "Ana", "lastName": "Lima"},
            id="first and last without name",
        ),
    ],
)
def test_the_user_name_is_also_sent_split_into_first_and_last_name(
    client: PrintoraClient, mocked: responses.RequestsMock, kwargs: dict, expected: dict
) -> None:
    mocked.add(responses.POST, SESSION_URL, json=CREATOR_SESSION, status=201)

    client.create_session(creator_id=CREATOR_ID, **CALLBACKS, **kwargs)

    assert json.loads(mocked.calls[0].request.body or b"")["userData"] == expected


def test_user_data_accepts_its_camel_case_spelling() -> None:
    user = UserData.model_validate({"firstName": "Ana", "lastName": "Lima"})

    assert user.model_dump(by_alias=True, exclude_none=True) == {
        "firstName": "Ana",
        "lastName": "Lima",
    }


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param({"creator_id": CREATOR_ID, "merch_id": MERCH_ID}, id="creator and merch"),
        pytest.param({"merch_id": MERCH_ID, "quantity": 101}, id="quantity 101"),
        pytest.param({"creator_id": CREATOR_ID, "variant_id": VARIANT_ID}, id="variant no merch"),
        pytest.param({"merch_id": "not-a-uuid"}, id="merch id not a uuid"),
    ],
)
def test_flow_b_and_c_arguments_are_checked_before_any_http(
    client: PrintoraClient, mocked: responses.RequestsMock, kwargs: dict
) -> None:
    with pytest.raises(InvalidRequestError) as raised:
        client.create_session(**CALLBACKS, **kwargs)

    assert raised.value.status is None
    assert len(mocked.calls) == 0


@pytest.mark.parametrize(
    "message",
    [
        "Only 2 units remaining for this merch item",
        "Merch item is sold out",
        "variantId does not belong to this merch item",
    ],
)
def test_a_stock_or_variant_refusal_reaches_the_caller_intact(
    client: PrintoraClient, mocked: responses.RequestsMock, message: str
) -> None:
    mocked.add(
        responses.POST, SESSION_URL, json=error_body("VALIDATION_ERROR", message), status=400
    )

    with pytest.raises(InvalidRequestError) as raised:
        client.create_session(merch_id=MERCH_ID, quantity=3, **CALLBACKS)

    assert raised.value.message == message
    assert raised.value.code == "VALIDATION_ERROR"
    assert str(raised.value) == f"Printora rejected the request (400 VALIDATION_ERROR): {message}."
    assert len(mocked.calls) == 1


@pytest.mark.parametrize(
    ("status", "code", "message", "error_class"),
    [
        (
            403,
            "FORBIDDEN",
            "Merch does not belong to a creator of this partner",
            PermissionDeniedError,
        ),
        (403, "FORBIDDEN", "Creator does not belong to this partner", PermissionDeniedError),
        (404, "NOT_FOUND", "Merch not found", NotFoundError),
        (404, "NOT_FOUND", "Creator not found", NotFoundError),
    ],
)
def test_ownership_and_existence_errors_are_typed_with_their_message(
    client: PrintoraClient,
    mocked: responses.RequestsMock,
    status: int,
    code: str,
    message: str,
    error_class: type[Exception],
) -> None:
    mocked.add(responses.POST, SESSION_URL, json=error_body(code, message), status=status)

    with pytest.raises(error_class) as raised:
        client.create_session(merch_id=MERCH_ID, **CALLBACKS)

    assert message in str(raised.value)
    assert len(mocked.calls) == 1


def test_a_bad_first_name_is_reported_under_the_argument_the_caller_passed(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    with pytest.raises(InvalidRequestError) as raised:
        client.create_session(creator_id=CREATOR_ID, user_first_name="A" * 201, **CALLBACKS)

    assert [detail["field"] for detail in raised.value.details] == ["user_first_name"]
    assert len(mocked.calls) == 0
