"""client.merch against the sandbox, over real HTTP: every call, stock, 403, 404, variants."""

from __future__ import annotations

import re
import uuid

import pytest

from printora_client import (
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
)

from .conftest import DESIGN


def test_create_answers_the_merch_with_its_product_variants_and_an_edit_session(
    printora, creator, tee
):
    chosen = tee.variants[:3]
    made = printora.merch.create(
        creator.id,
        title="Night Fox Tee",
        description="Glows in the dark",
        product_id=tee.id,
        variant_ids=[v.id for v in chosen],
        design_image_url=DESIGN,
        stock_limit=2,
    )
    assert uuid.UUID(made.id) and made.title == "Night Fox Tee"
    assert (made.description, made.design_image_url) == ("Glows in the dark", DESIGN)
    assert (made.status, made.is_active, made.has_design) == ("active", True, False)
    assert (made.stock_limit, made.stock_sold, made.stock_remaining) == (2, 0, 2)
    assert made.is_limited_edition is True
    assert (made.product.id, made.product.name) == (tee.id, "T-Shirt")
    assert made.variants == chosen
    edit = made.edit_session
    assert re.fullmatch(r"[0-9a-f]{64}", edit.token)
    assert edit.editor_url.endswith(f"/sandbox/en/merch/{tee.id}/{edit.token}")
    assert edit.expires_at > made.created_at


def test_without_a_stock_limit_it_is_unlimited(make_merch):
    made = make_merch()
    assert (made.stock_limit, made.stock_remaining, made.is_limited_edition) == (None, None, False)


def test_it_lists_reads_and_filters_a_creators_merch(printora, creator, make_merch):
    first, second = make_merch(title="One"), make_merch(title="Two")
    printora.merch.update(creator.id, second.id, status="archived")
    assert sorted(m.title for m in printora.merch.list(creator.id)) == ["One", "Two"]
    assert [m.id for m in printora.merch.list(creator.id, status="archived")] == [second.id]
    read = printora.merch.get(creator.id, first.id)
    assert read.id == first.id and read.variants == first.variants
    assert read.edit_session is None  # only the create reply carries one


def test_update_changes_the_fields_given_and_none_makes_stock_unlimited(
    printora, creator, make_merch, mug
):
    made = make_merch(stock_limit=5, description="Glows")
    changed = printora.merch.update(creator.id, made.id, title="Fox Tee", stock_limit=2)
    assert (changed.title, changed.stock_limit, changed.description) == ("Fox Tee", 2, "Glows")
    unlimited = printora.merch.update(creator.id, made.id, stock_limit=None, description=None)
    assert (unlimited.stock_limit, unlimited.stock_remaining) == (None, None)
    assert unlimited.description is None and unlimited.title == "Fox Tee"
    moved = printora.merch.update(
        creator.id, made.id, product_id=mug.id, variant_ids=[mug.variants[0].id]
    )
    assert moved.product.name == "Mug" and moved.variants == [mug.variants[0]]


def test_status_and_is_active_switch_an_item_off_and_on(printora, creator, merch):
    off = printora.merch.update(creator.id, merch.id, is_active=False)
    assert (off.status, off.is_active) == ("inactive", False)
    on = printora.merch.update(creator.id, merch.id, status="active")
    assert (on.status, on.is_active) == ("active", True)
    archived = printora.merch.update(creator.id, merch.id, status="archived")
    assert printora.merch.get(creator.id, merch.id).status == archived.status == "archived"


def test_variants_of_another_product_are_invalid_variants(printora, creator, tee, mug):
    with pytest.raises(InvalidRequestError) as caught:
        printora.merch.create(
            creator.id,
            title="Mixed",
            product_id=tee.id,
            variant_ids=[tee.variants[0].id, mug.variants[0].id],
            design_image_url=DESIGN,
        )
    assert (caught.value.status, caught.value.code) == (400, "INVALID_VARIANTS")
    assert caught.value.details[0]["field"] == "variantIds"
    assert printora.merch.list(creator.id) == []


def test_an_update_to_variants_of_another_product_is_invalid_variants(
    printora, creator, merch, mug
):
    with pytest.raises(InvalidRequestError) as caught:
        printora.merch.update(creator.id, merch.id, variant_ids=[mug.variants[0].id])
    assert caught.value.code == "INVALID_VARIANTS"
    assert printora.merch.get(creator.id, merch.id).variants == merch.variants


def test_delete_removes_the_item(printora, creator, merch):
    printora.merch.delete(creator.id, merch.id)
    with pytest.raises(NotFoundError) as caught:
        printora.merch.get(creator.id, merch.id)
    assert caught.value.message == "Merch not found"
    assert printora.merch.list(creator.id) == []


def test_a_new_edit_session_is_a_fresh_token_for_the_same_editor(printora, creator, merch):
    fresh = printora.merch.new_edit_session(creator.id, merch.id)
    assert fresh.token != merch.edit_session.token
    assert fresh.session_id != merch.edit_session.session_id
    assert fresh.editor_url.endswith(f"/en/merch/{merch.product.id}/{fresh.token}")


def test_another_partners_merch_is_forbidden_for_every_call(printora, second_printora, tee):
    theirs = second_printora.creators.create(name="Not ours")
    item = second_printora.merch.create(
        theirs.id,
        title="Theirs",
        product_id=tee.id,
        variant_ids=[tee.variants[0].id],
        design_image_url=DESIGN,
    )
    calls = [
        lambda: printora.merch.get(theirs.id, item.id),
        lambda: printora.merch.update(theirs.id, item.id, title="Mine"),
        lambda: printora.merch.delete(theirs.id, item.id),
        lambda: printora.merch.new_edit_session(theirs.id, item.id),
        lambda: printora.merch.create(
            theirs.id,
            title="Mine",
            product_id=tee.id,
            variant_ids=[tee.variants[0].id],
            design_image_url=DESIGN,
        ),
    ]
    for call in calls:
        with pytest.raises(PermissionDeniedError) as caught:
            call()
        assert (caught.value.status, caught.value.code) == (403, "FORBIDDEN")
    assert second_printora.merch.get(theirs.id, item.id).title == "Theirs"


def test_their_merch_under_our_creator_is_forbidden_too(printora, second_printora, creator, tee):
    theirs = second_printora.creators.create(name="Not ours")
    item = second_printora.merch.create(
        theirs.id,
        title="Theirs",
        product_id=tee.id,
        variant_ids=[tee.variants[0].id],
        design_image_url=DESIGN,
    )
    with pytest.raises(PermissionDeniedError) as caught:
        printora.merch.get(creator.id, item.id)
    assert caught.value.message == "Merch does not belong to a creator of this partner"


def test_unknown_merch_is_not_found_for_every_call(printora, creator):
    unknown = str(uuid.uuid4())
    calls = [
        lambda: printora.merch.get(creator.id, unknown),
        lambda: printora.merch.update(creator.id, unknown, title="Nothing"),
        lambda: printora.merch.delete(creator.id, unknown),
        lambda: printora.merch.new_edit_session(creator.id, unknown),
    ]
    for call in calls:
        with pytest.raises(NotFoundError) as caught:
            call()
        assert (caught.value.status, caught.value.message) == (404, "Merch not found")


def test_a_retried_create_with_the_same_key_answers_the_same_item(printora, creator, tee):
    arguments = {
        "title": "Night Fox Tee",
        "product_id": tee.id,
        "variant_ids": [tee.variants[0].id],
        "design_image_url": DESIGN,
        "idempotency_key": "retry-of-fox",
    }
    first = printora.merch.create(creator.id, **arguments)
    again = printora.merch.create(creator.id, **arguments)
    assert again.id == first.id and again.edit_session == first.edit_session
    assert len(printora.merch.list(creator.id)) == 1
