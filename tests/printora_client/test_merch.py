"""client.merch: create/list/get/update/delete/edit session, every reply shape and its errors."""

from __future__ import annotations

import json
import uuid
from decimal import Decimal

import pytest
import requests
import responses

from printora_client import (
    EditSession,
    InvalidRequestError,
    Merch,
    NotFoundError,
    PrintoraClient,
    UnexpectedResponseError,
)
from tests.printora_client.support import (
    CREATOR_ID,
    EDIT_SESSION,
    MERCH,
    MERCH_ID,
    MERCH_LIST_URL,
    MERCH_URL,
    PRODUCT_ID,
    VARIANT_ID,
    error_body,
    sent_query,
)

OTHER_VARIANT = "1e2d3c4b-5a69-4877-9665-544332211000"


def sent(mocked: responses.RequestsMock, index: int = 0) -> dict:
    return json.loads(mocked.calls[index].request.body or b"")


def create_kwargs(**overrides: object) -> dict:
    return {
        "title": "Nebula tee",
        "product_id": PRODUCT_ID,
        "variant_ids": [VARIANT_ID, uuid.UUID(OTHER_VARIANT)],
        "design_image_url": "https://cdn.example/nebula.png",
        **overrides,
    }


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            {"success": True, "data": {**MERCH, "editSession": EDIT_SESSION}}, id="inside"
        ),
        pytest.param({"success": True, "data": MERCH, "editSession": EDIT_SESSION}, id="beside"),
        pytest.param(
            {"success": True, "merch": MERCH, "editSession": EDIT_SESSION}, id="merch key"
        ),
        pytest.param(
            {"success": True, "merch": {**MERCH, "edit_session": EDIT_SESSION}}, id="snake"
        ),
    ],
)
def test_create_posts_the_body_and_reads_the_merch_with_its_edit_session(
    client: PrintoraClient, mocked: responses.RequestsMock, body: dict
) -> None:
    mocked.add(responses.POST, MERCH_LIST_URL, json=body, status=201)

    merch = client.merch.create(CREATOR_ID, **create_kwargs(stock_limit=50, description="Limited"))

    assert sent(mocked) == {
        "title": "Nebula tee",
        "description": "Limited",
        "productId": PRODUCT_ID,
        "variantIds": [VARIANT_ID, OTHER_VARIANT],
        "designImageUrl": "https://cdn.example/nebula.png",
        "stockLimit": 50,
    }
    assert isinstance(merch, Merch)
    assert merch.edit_session is not None
    assert merch.edit_session.token == "ab" * 32
    assert merch.edit_session.editor_url == EDIT_SESSION["editorUrl"]
    assert merch.edit_session.expires_at is not None


def test_create_without_stock_limit_leaves_it_out_so_the_item_is_unlimited(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    unlimited = {**MERCH, "stockLimit": None, "stockRemaining": None, "isLimitedEdition": False}
    mocked.add(
        responses.POST, MERCH_LIST_URL, json={"success": True, "data": unlimited}, status=201
    )

    merch = client.merch.create(CREATOR_ID, **create_kwargs())

    assert "stockLimit" not in sent(mocked)
    assert "description" not in sent(mocked)
    assert (merch.stock_limit, merch.stock_remaining, merch.edit_session) == (None, None, None)


def test_create_sends_one_idempotency_key_and_reuses_it_on_the_retry(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(responses.POST, MERCH_LIST_URL, body=requests.ConnectionError("reset"))
    mocked.add(responses.POST, MERCH_LIST_URL, json={"success": True, "data": MERCH}, status=201)

    client.merch.create(CREATOR_ID, **create_kwargs())

    keys = [call.request.headers["Idempotency-Key"] for call in mocked.calls]
    assert len(keys) == 2
    assert keys[0] == keys[1]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        pytest.param({"variant_ids": []}, "variant_ids", id="no variants"),
        pytest.param({"variant_ids": VARIANT_ID}, "variant_ids", id="variants as one string"),
        pytest.param({"variant_ids": [""]}, "variant_ids.0", id="empty variant id"),
        pytest.param({"title": " "}, "title", id="blank title"),
        pytest.param(
            {"design_image_url": "data:image/png;base64,xx"}, "design_image_url", id="url"
        ),
        pytest.param({"stock_limit": 0}, "stock_limit", id="stock limit 0"),
        pytest.param({"stock_limit": True}, "stock_limit", id="stock limit True"),
        pytest.param({"product_id": ""}, "product_id", id="empty product"),
    ],
)
def test_create_rejects_bad_arguments_before_any_http(
    client: PrintoraClient, mocked: responses.RequestsMock, overrides: dict, field: str
) -> None:
    with pytest.raises(InvalidRequestError) as raised:
        client.merch.create(CREATOR_ID, **create_kwargs(**overrides))

    assert raised.value.status is None
    assert field in [detail["field"] for detail in raised.value.details]
    assert len(mocked.calls) == 0


def test_invalid_variants_reach_the_caller_with_printoras_message(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    body = error_body("INVALID_VARIANTS", "Some variants do not belong to this product")
    mocked.add(responses.POST, MERCH_LIST_URL, json=body, status=400)

    with pytest.raises(InvalidRequestError) as raised:
        client.merch.create(CREATOR_ID, **create_kwargs())

    assert raised.value.code == "INVALID_VARIANTS"
    assert raised.value.message == "Some variants do not belong to this product"
    assert "Some variants do not belong to this product" in str(raised.value)
    assert raised.value.idempotency_key == mocked.calls[0].request.headers["Idempotency-Key"]


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"success": True, "data": {"merch": [MERCH]}}, id="data.merch"),
        pytest.param({"success": True, "data": [MERCH]}, id="data as the list"),
        pytest.param({"success": True, "merch": [MERCH]}, id="merch"),
    ],
)
def test_list_reads_every_documented_shape_as_a_plain_list(
    client: PrintoraClient, mocked: responses.RequestsMock, body: dict
) -> None:
    mocked.add(responses.GET, MERCH_LIST_URL, json=body)

    items = client.merch.list(CREATOR_ID, status="active")

    assert isinstance(items, list)
    assert [item.id for item in items] == [MERCH_ID]
    assert sent_query(mocked.calls[0].request) == {"status": "active"}


def test_get_reads_every_documented_field(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(responses.GET, MERCH_URL, json={"success": True, "data": {**MERCH, "views": 9}})

    merch = client.merch.get(CREATOR_ID, MERCH_ID)

    assert (merch.title, merch.status, merch.design_image_url) == (
        "Nebula tee",
        "active",
        "https://cdn.example/nebula.png",
    )
    assert (merch.stock_limit, merch.stock_sold, merch.stock_remaining) == (50, 48, 2)
    assert (merch.is_limited_edition, merch.has_design) == (True, False)
    assert merch.product is not None
    assert (merch.product.id, merch.product.category) == (PRODUCT_ID, "apparel")
    [variant] = merch.variants
    assert (variant.color_code, variant.end_price) == ("#FFFFFF", Decimal("24.0"))
    assert merch.created_at is not None and merch.updated_at is not None
    assert merch.model_extra == {"views": 9}


def test_get_of_unknown_merch_raises_not_found_with_the_message(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(
        responses.GET, MERCH_URL, json=error_body("NOT_FOUND", "Merch not found"), status=404
    )

    with pytest.raises(NotFoundError) as raised:
        client.merch.get(CREATOR_ID, MERCH_ID)

    assert raised.value.message == "Merch not found"


def test_update_with_stock_limit_none_sends_null_for_unlimited(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(responses.PUT, MERCH_URL, json={"success": True, "data": MERCH})

    client.merch.update(CREATOR_ID, MERCH_ID, stock_limit=None)

    assert mocked.calls[0].request.body == b'{"stockLimit":null}'


def test_update_sends_only_the_fields_given_in_camel_case(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(responses.PUT, MERCH_URL, json={"success": True, "data": MERCH})

    client.merch.update(
        CREATOR_ID,
        MERCH_ID,
        title="Nebula tee II",
        variant_ids=[uuid.UUID(VARIANT_ID)],
        status="archived",
        is_active=False,
    )

    assert sent(mocked) == {
        "title": "Nebula tee II",
        "variantIds": [VARIANT_ID],
        "status": "archived",
        "isActive": False,
    }


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param({}, id="nothing to change"),
        pytest.param({"status": "deleted"}, id="undocumented status"),
        pytest.param({"status": None}, id="status cleared"),
        pytest.param({"title": None}, id="title cleared"),
        pytest.param({"variant_ids": []}, id="no variants"),
        pytest.param({"is_active": "yes"}, id="is_active not a bool"),
        pytest.param({"stock_limit": -3}, id="negative stock limit"),
    ],
)
def test_update_rejects_what_cannot_be_sent_before_any_http(
    client: PrintoraClient, mocked: responses.RequestsMock, kwargs: dict
) -> None:
    with pytest.raises(InvalidRequestError):
        client.merch.update(CREATOR_ID, MERCH_ID, **kwargs)
    assert len(mocked.calls) == 0


def test_delete_returns_none_and_counts_a_404_on_the_retry_as_done(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(responses.DELETE, MERCH_URL, status=504)
    mocked.add(
        responses.DELETE, MERCH_URL, json=error_body("NOT_FOUND", "Merch not found"), status=404
    )

    assert client.merch.delete(CREATOR_ID, MERCH_ID) is None  # type: ignore[func-returns-value]  # checked at run time too
    assert len(mocked.calls) == 2


def test_delete_reports_success_false_in_a_2xx(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    body = {"success": False, "error": {"code": "IN_USE", "message": "Merch has open orders"}}
    mocked.add(responses.DELETE, MERCH_URL, json=body, status=200)

    with pytest.raises(UnexpectedResponseError, match="Merch has open orders"):
        client.merch.delete(CREATOR_ID, MERCH_ID)


def test_new_edit_session_posts_with_a_key_and_keeps_the_token_out_of_repr(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(
        responses.POST, f"{MERCH_URL}/edit-session", json={"success": True, "data": EDIT_SESSION}
    )

    session = client.merch.new_edit_session(CREATOR_ID, MERCH_ID)

    assert isinstance(session, EditSession)
    assert session.session_id == EDIT_SESSION["sessionId"]
    assert session.token == "ab" * 32
    assert mocked.calls[0].request.headers["Idempotency-Key"]
    assert "ab" * 32 not in repr(session)
    assert "ab" * 32 not in repr(Merch.model_validate({**MERCH, "editSession": EDIT_SESSION}))


def test_an_edit_session_with_a_script_url_is_refused() -> None:
    with pytest.raises(ValueError, match="http"):
        EditSession.model_validate({**EDIT_SESSION, "editorUrl": "javascript:alert(1)"})
