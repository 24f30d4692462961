"""/sandbox/api/v1/creators/{cid}/merch: merch with variants, stock and an edit session."""

from __future__ import annotations

import re
import uuid

import pytest

from printora_sandbox import catalog

from .conftest import DESIGN, variant_ids


def test_it_creates_merch_with_its_variants_and_an_edit_session(api, creator, merch):
    assert merch["title"] == "Night Fox Tee" and merch["status"] == "active"
    assert merch["product"] == {
        "id": catalog.BY_SLUG["t-shirt"].id,
        "name": "T-Shirt",
        "category": "apparel",
    }
    assert [v["id"] for v in merch["variants"]] == variant_ids("t-shirt", 4)
    assert (merch["stockLimit"], merch["stockSold"], merch["stockRemaining"]) == (None, 0, None)
    assert merch["isLimitedEdition"] is False and merch["hasDesign"] is False
    edit = merch["editSession"]
    assert re.fullmatch(r"[0-9a-f]{64}", edit["token"])
    product_id = catalog.BY_SLUG["t-shirt"].id
    assert edit["editorUrl"].endswith(f"/sandbox/en/merch/{product_id}/{edit['token']}")
    assert set(edit) == {"sessionId", "token", "editorUrl", "expiresAt"}


def test_a_limited_edition_reports_its_stock(make_merch):
    merch = make_merch(stockLimit=3)
    assert (merch["stockLimit"], merch["stockRemaining"], merch["isLimitedEdition"]) == (3, 3, True)


def test_variants_of_another_product_are_invalid_variants(api, creator):
    body = {
        "title": "Mug",
        "productId": catalog.BY_SLUG["mug"].id,
        "variantIds": [*variant_ids("mug", 1), variant_ids("t-shirt", 1)[0]],
        "designImageUrl": DESIGN,
    }
    response = api.post(f"creators/{creator['id']}/merch", body)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "INVALID_VARIANTS"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"stockLimit": 0}, "stockLimit"),
        ({"stockLimit": "5"}, "stockLimit"),
        ({"variantIds": []}, "variantIds"),
        ({"productId": str(uuid.uuid4())}, "productId"),
        ({"designImageUrl": "not a url"}, "designImageUrl"),
        ({"title": ""}, "title"),
    ],
)
def test_a_bad_field_is_a_one_line_validation_error(api, creator, change, field):
    body = {
        "title": "Tee",
        "productId": catalog.BY_SLUG["t-shirt"].id,
        "variantIds": variant_ids("t-shirt", 1),
        "designImageUrl": DESIGN,
        **change,
    }
    response = api.post(f"creators/{creator['id']}/merch", body)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "VALIDATION_ERROR" and error["details"][0]["field"] == field
    assert "\n" not in error["message"]


def test_it_lists_reads_updates_and_deletes_merch(api, creator, merch):
    base = f"creators/{creator['id']}/merch"
    listed = api.get(base).json()
    assert listed["success"] is True and [m["id"] for m in listed["data"]["merch"]] == [merch["id"]]
    assert api.get(f"{base}/{merch['id']}").json()["data"]["title"] == "Night Fox Tee"
    updated = api.put(f"{base}/{merch['id']}", {"stockLimit": 10, "isActive": False}).json()
    assert (updated["data"]["stockLimit"], updated["data"]["status"]) == (10, "inactive")
    assert api.get(base, status="active").json()["data"]["merch"] == []
    assert api.delete(f"{base}/{merch['id']}").json() == {"success": True}
    assert api.get(f"{base}/{merch['id']}").status_code == 404


def test_changing_the_product_without_its_variants_is_invalid_variants(api, creator, merch):
    response = api.put(
        f"creators/{creator['id']}/merch/{merch['id']}", {"productId": catalog.BY_SLUG["mug"].id}
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "INVALID_VARIANTS"


def test_a_new_edit_session_can_be_asked_for(api, creator, merch):
    response = api.post(f"creators/{creator['id']}/merch/{merch['id']}/edit-session")
    assert response.status_code == 200
    edit = response.json()["data"]
    assert edit["token"] != merch["editSession"]["token"]


def test_merch_of_another_partners_creator_is_403(api, second_api, creator, merch):
    own = second_api.post("creators", {"name": "Other"}).json()["creator"]
    response = second_api.get(f"creators/{own['id']}/merch/{merch['id']}")
    assert response.status_code == 403
    assert response.json()["error"]["message"] == (
        "Merch does not belong to a creator of this partner"
    )
    unknown = api.get(f"creators/{creator['id']}/merch/{uuid.uuid4()}")
    assert unknown.status_code == 404 and unknown.json()["error"]["message"] == "Merch not found"
