"""Flows B and C through client.create_session against the sandbox: replies and refusals."""

from __future__ import annotations

import uuid

import pytest
import requests

from printora_client import InvalidRequestError, NotFoundError, PermissionDeniedError

from .conftest import CALLBACKS, DESIGN


def test_flow_b_opens_the_creators_storefront(printora, creator, merch):
    session = printora.create_session(
        creator_id=creator.id, user_email="maya@example.com", user_name="Maya Chen", **CALLBACKS
    )
    assert (session.session_mode, session.creator_id, session.merch_id) == (
        "creator",
        creator.id,
        None,
    )
    page = requests.get(session.redirect_url, timeout=10)
    assert page.status_code == 200 and "Night Fox Tee" in page.text and "Lena Ortiz" in page.text
    assert printora.sessions.get(session.session_id).creator_id == creator.id


def test_flow_c_answers_the_merch_and_a_cart_item_per_variant(printora, creator, merch):
    session = printora.create_session(merch_id=merch.id, quantity=2, **CALLBACKS)
    assert (session.session_mode, session.merch_id, session.creator_id) == (
        "merch",
        merch.id,
        creator.id,
    )
    assert session.image_url == DESIGN
    assert (session.merch.id, session.merch.title, session.merch.design_image_url) == (
        merch.id,
        "Night Fox Tee",
        DESIGN,
    )
    assert session.merch.product_id == merch.product.id
    assert session.merch.variant_ids == [v.id for v in merch.variants]
    assert [c.variant_id for c in session.cart_items] == [v.id for v in merch.variants]
    for item, variant in zip(session.cart_items, merch.variants, strict=True):
        assert (item.color, item.color_code, item.size) == (
            variant.color,
            variant.color_code,
            variant.size,
        )
        assert (item.price, item.quantity) == (variant.end_price, 2)
        assert item.partner_session_id == session.session_id
    assert requests.get(session.redirect_url, timeout=10).status_code == 200


def test_a_variant_outside_the_merch_is_refused(printora, merch, tee):
    outside = tee.variants[-1]
    assert outside.id not in {v.id for v in merch.variants}
    with pytest.raises(InvalidRequestError) as caught:
        printora.create_session(merch_id=merch.id, variant_id=outside.id, **CALLBACKS)
    assert caught.value.message == "variantId does not belong to this merch item"


def test_asking_more_than_remain_names_what_is_left(printora, make_merch):
    edition = make_merch(stock_limit=2)
    with pytest.raises(InvalidRequestError) as caught:
        printora.create_session(merch_id=edition.id, quantity=3, **CALLBACKS)
    assert caught.value.message == "Only 2 units remaining for this merch item"
    assert printora.create_session(merch_id=edition.id, quantity=2, **CALLBACKS).session_id


def test_another_partners_creator_and_merch_are_forbidden(printora, second_printora, tee):
    theirs = second_printora.creators.create(name="Not ours")
    item = second_printora.merch.create(
        theirs.id,
        title="Theirs",
        product_id=tee.id,
        variant_ids=[tee.variants[0].id],
        design_image_url=DESIGN,
    )
    with pytest.raises(PermissionDeniedError) as creator_refused:
        printora.create_session(creator_id=theirs.id, **CALLBACKS)
    assert creator_refused.value.message == "Creator does not belong to this partner"
    with pytest.raises(PermissionDeniedError) as merch_refused:
        printora.create_session(merch_id=item.id, **CALLBACKS)
    assert merch_refused.value.message == "Merch does not belong to a creator of this partner"


def test_unknown_creator_and_merch_are_not_found(printora):
    with pytest.raises(NotFoundError) as no_creator:
        printora.create_session(creator_id=str(uuid.uuid4()), **CALLBACKS)
    assert no_creator.value.message == "Creator not found"
    with pytest.raises(NotFoundError) as no_merch:
        printora.create_session(merch_id=str(uuid.uuid4()), **CALLBACKS)
    assert no_merch.value.message == "Merch not found"


@pytest.mark.parametrize("status", ["inactive", "archived"])
def test_an_item_taken_off_sale_cannot_open_a_flow_c_session(printora, creator, merch, status):
    printora.merch.update(creator.id, merch.id, status=status)
    with pytest.raises(InvalidRequestError) as caught:
        printora.create_session(merch_id=merch.id, **CALLBACKS)
    assert (caught.value.status, caught.value.message) == (400, "Merch item is not active")


def test_a_suspended_creator_cannot_open_a_storefront(printora, creator):
    printora.creators.set_status(creator.id, "suspended")
    with pytest.raises(InvalidRequestError) as caught:
        printora.create_session(creator_id=creator.id, **CALLBACKS)
    assert caught.value.message == "Creator is not active"


def test_two_modes_at_once_are_refused_before_any_http(printora, creator, merch):
    with pytest.raises(InvalidRequestError) as caught:
        printora.create_session(creator_id=creator.id, merch_id=merch.id, **CALLBACKS)
    assert caught.value.status is None
