"""The creator platform's POSTs replay by Idempotency-Key: a retry creates nothing twice."""

from __future__ import annotations

from printora_sandbox import catalog
from printora_sandbox.models import SandboxCreator, SandboxMerch, SandboxMerchEditSession

from .conftest import DESIGN, variant_ids

LENA = {"name": "Lena Ortiz", "email": "lena@example.com"}


def test_the_same_key_and_body_answers_the_same_creator_once(api):
    first = api.post("creators", LENA, **{"Idempotency-Key": "key-1"})
    again = api.post("creators", LENA, **{"Idempotency-Key": "key-1"})
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert SandboxCreator.objects.count() == 1


def test_the_same_key_with_another_body_is_a_conflict_and_creates_nothing(api):
    api.post("creators", LENA, **{"Idempotency-Key": "key-1"})
    other = api.post("creators", {"name": "Someone Else"}, **{"Idempotency-Key": "key-1"})
    assert other.status_code == 409
    assert other.json()["error"]["code"] == "IDEMPOTENCY_KEY_REUSED"
    assert list(SandboxCreator.objects.values_list("name", flat=True)) == ["Lena Ortiz"]


def test_keys_are_per_partner(api, second_api):
    mine = api.post("creators", LENA, **{"Idempotency-Key": "key-1"})
    theirs = second_api.post("creators", LENA, **{"Idempotency-Key": "key-1"})
    assert theirs.status_code == 201
    assert theirs.json()["creator"]["id"] != mine.json()["creator"]["id"]


def test_an_error_is_not_kept_so_a_fixed_retry_with_the_key_works(api):
    refused = api.post("creators", {"name": ""}, **{"Idempotency-Key": "key-1"})
    assert refused.status_code == 400
    assert api.post("creators", {"name": ""}, **{"Idempotency-Key": "key-1"}).status_code == 400
    assert SandboxCreator.objects.count() == 0


def test_without_a_key_each_post_creates(api):
    for _ in range(2):
        assert api.call("post", "creators", LENA).status_code == 201
    assert SandboxCreator.objects.count() == 2


def test_merch_and_edit_sessions_replay_too(api, creator):
    body = {
        "title": "Night Fox Tee",
        "productId": catalog.BY_SLUG["t-shirt"].id,
        "variantIds": variant_ids("t-shirt", 2),
        "designImageUrl": DESIGN,
    }
    path = f"creators/{creator['id']}/merch"
    first = api.post(path, body, **{"Idempotency-Key": "merch-1"})
    again = api.post(path, body, **{"Idempotency-Key": "merch-1"})
    assert first.status_code == again.status_code == 201 and again.json() == first.json()
    merch_id = first.json()["data"]["id"]
    edit = f"{path}/{merch_id}/edit-session"
    one = api.post(edit, **{"Idempotency-Key": "edit-1"})
    two = api.post(edit, **{"Idempotency-Key": "edit-1"})
    assert one.json() == two.json() and one.status_code == 200
    assert SandboxMerch.objects.count() == 1
    assert SandboxMerchEditSession.objects.count() == 2  # the create's own, and one more
