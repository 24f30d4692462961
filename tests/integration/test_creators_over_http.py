"""client.creators against the sandbox, over real HTTP: every call, 403, 404 and slugs."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest

from printora_client import (
    NOT_GIVEN,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
)


def test_it_creates_a_creator_and_derives_the_slug_from_the_name(printora):
    made = printora.creators.create(
        name="Lena Ortiz",
        email="lena@example.com",
        description="Foxes at night",
        logo_url="https://cdn.example.com/lena.png",
    )
    assert uuid.UUID(made.id)
    assert (made.name, made.slug, made.status) == ("Lena Ortiz", "lena-ortiz", "active")
    assert (made.email, made.description) == ("lena@example.com", "Foxes at night")
    assert made.logo_url == "https://cdn.example.com/lena.png"
    assert made.created_at is not None
    assert printora.creators.get(made.id) == made


def test_a_second_creator_of_the_same_name_gets_a_free_slug(printora):
    printora.creators.create(name="Lena Ortiz")
    again = printora.creators.create(name="Lena Ortiz")
    assert again.slug == "lena-ortiz-2"


def test_a_slug_taken_by_another_creator_is_a_validation_error(printora):
    printora.creators.create(name="Lena Ortiz", slug="night-fox")
    with pytest.raises(InvalidRequestError) as caught:
        printora.creators.create(name="Someone Else", slug="night-fox")
    assert caught.value.status == 400 and caught.value.code == "VALIDATION_ERROR"
    assert caught.value.details[0]["field"] == "slug"


def test_the_same_slug_is_free_for_another_partner(printora, second_printora):
    printora.creators.create(name="Lena Ortiz", slug="night-fox")
    assert second_printora.creators.create(name="Lena", slug="night-fox").slug == "night-fox"


@pytest.mark.parametrize("slug", ["Night-Fox", "night_fox", "night--fox", "-night"])
def test_a_slug_outside_lowercase_hyphen_words_is_refused_before_any_http(printora, slug):
    with pytest.raises(InvalidRequestError) as caught:
        printora.creators.create(name="Lena Ortiz", slug=slug)
    assert caught.value.status is None and caught.value.details[0]["field"] == "slug"
    assert printora.creators.list().total == 0


def test_it_lists_pages_filters_and_iterates_the_partners_creators(printora, second_printora):
    names = [f"Creator {n}" for n in range(5)]
    made = [printora.creators.create(name=name) for name in names]
    second_printora.creators.create(name="Not ours")
    printora.creators.set_status(made[1].id, "inactive")
    everyone = printora.creators.list(limit=100)
    assert everyone.total == 5 and sorted(c.name for c in everyone.creators) == names
    first, second = printora.creators.list(limit=2), printora.creators.list(limit=2, page=2)
    assert len(first.creators) == len(second.creators) == 2
    assert {c.id for c in first.creators}.isdisjoint(c.id for c in second.creators)
    assert second.total_pages == 3
    assert [c.id for c in printora.creators.list(status="inactive").creators] == [made[1].id]
    walked = [c.id for c in printora.creators.iter(page_size=2)]
    assert sorted(walked) == sorted(c.id for c in made)


def test_update_changes_only_the_fields_given_and_none_clears_one(printora, creator):
    renamed = printora.creators.update(creator.id, name="Lena O.", slug="lena-o")
    assert (renamed.name, renamed.slug, renamed.email) == ("Lena O.", "lena-o", creator.email)
    printora.creators.update(
        creator.id, description="Foxes", logo_url="https://cdn.example.com/l.png"
    )
    cleared = printora.creators.update(creator.id, email=None, logo_url=None, description=NOT_GIVEN)
    assert (cleared.email, cleared.logo_url, cleared.description) == (None, None, "Foxes")
    assert printora.creators.get(creator.id) == cleared


@pytest.mark.parametrize("status", ["inactive", "suspended", "active"])
def test_set_status_moves_a_creator_between_its_three_statuses(printora, creator, status):
    assert printora.creators.set_status(creator.id, status).status == status
    assert printora.creators.get(creator.id).status == status


def test_delete_removes_the_creator_and_a_second_delete_is_not_found(printora, creator):
    printora.creators.delete(creator.id)
    with pytest.raises(NotFoundError) as caught:
        printora.creators.get(creator.id)
    assert caught.value.message == "Creator not found"
    # Only a retry of the same call takes a 404 as done; a new call is told.
    with pytest.raises(NotFoundError):
        printora.creators.delete(creator.id)


def test_a_new_creator_has_empty_stats_and_no_orders(printora, creator):
    stats = printora.creators.stats(creator.id)
    assert (stats.total_orders, stats.total_revenue) == (0, Decimal(0))
    assert stats.orders_by_status == {} and stats.top_merch == []
    orders = printora.creators.orders(creator.id, limit=10)
    assert orders.orders == [] and orders.total == 0


def test_another_partners_creator_is_forbidden_for_every_call(printora, second_printora):
    theirs = second_printora.creators.create(name="Not ours")
    calls = [
        lambda: printora.creators.get(theirs.id),
        lambda: printora.creators.update(theirs.id, name="Mine now"),
        lambda: printora.creators.set_status(theirs.id, "suspended"),
        lambda: printora.creators.stats(theirs.id),
        lambda: printora.creators.orders(theirs.id),
        lambda: printora.creators.delete(theirs.id),
        lambda: printora.merch.list(theirs.id),
    ]
    for call in calls:
        with pytest.raises(PermissionDeniedError) as caught:
            call()
        assert caught.value.status == 403 and caught.value.code == "FORBIDDEN"
        assert caught.value.message == "Creator does not belong to this partner"
    assert second_printora.creators.get(theirs.id).name == "Not ours"


def test_an_unknown_creator_is_not_found_for_every_call(printora):
    unknown = str(uuid.uuid4())
    calls = [
        lambda: printora.creators.get(unknown),
        lambda: printora.creators.update(unknown, name="Nobody"),
        lambda: printora.creators.set_status(unknown, "active"),
        lambda: printora.creators.stats(unknown),
        lambda: printora.creators.orders(unknown),
        lambda: printora.merch.list(unknown),
    ]
    for call in calls:
        with pytest.raises(NotFoundError) as caught:
            call()
        assert (caught.value.status, caught.value.code) == (404, "NOT_FOUND")


def test_a_retried_create_with_the_same_key_answers_the_same_creator(printora):
    first = printora.creators.create(name="Lena Ortiz", idempotency_key="retry-of-lena")
    again = printora.creators.create(name="Lena Ortiz", idempotency_key="retry-of-lena")
    assert again == first and printora.creators.list().total == 1
