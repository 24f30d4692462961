"""/sandbox/api/v1/creators: create, list, read, update, status, delete, stats, orders."""

from __future__ import annotations

import uuid

import pytest


def test_it_creates_a_creator_with_a_slug_derived_from_the_name(api):
    response = api.post("creators", {"name": "Lena Ortiz", "email": "lena@example.com"})
    assert response.status_code == 201
    body = response.json()
    assert body["success"] is True
    creator = body["creator"]
    assert creator["slug"] == "lena-ortiz" and creator["status"] == "active"
    assert set(creator) >= {"id", "name", "slug", "email", "description", "logoUrl", "createdAt"}
    uuid.UUID(creator["id"])


def test_a_second_creator_of_the_same_name_gets_a_free_slug(api, creator):
    again = api.post("creators", {"name": "Lena Ortiz"}).json()["creator"]
    assert again["slug"] == "lena-ortiz-2"


@pytest.mark.parametrize("slug", ["Lena", "lena_ortiz", "-lena", "lena--ortiz", "léna"])
def test_a_slug_that_is_not_lowercase_hyphen_is_refused(api, slug):
    response = api.post("creators", {"name": "Lena", "slug": slug})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "VALIDATION_ERROR" and error["details"][0]["field"] == "slug"


def test_a_slug_taken_by_the_same_partner_is_refused_but_another_partner_may_use_it(
    api, second_api, creator
):
    taken = api.post("creators", {"name": "Other", "slug": "lena-ortiz"})
    assert taken.status_code == 400 and "taken" in taken.json()["error"]["message"]
    assert second_api.post("creators", {"name": "Other", "slug": "lena-ortiz"}).status_code == 201


def test_a_creator_without_a_name_is_refused(api):
    response = api.post("creators", {"email": "x@example.com"})
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "name is required"


def test_it_lists_only_the_partners_own_creators(api, second_api, creator):
    second_api.post("creators", {"name": "Someone Else"})
    body = api.get("creators").json()
    assert body["success"] is True
    assert [c["id"] for c in body["data"]["creators"]] == [creator["id"]]
    assert body["data"]["total"] == 1


def test_it_reads_updates_and_deletes_a_creator(api, creator):
    path = f"creators/{creator['id']}"
    assert api.get(path).json()["creator"]["name"] == "Lena Ortiz"
    updated = api.put(path, {"description": "Foxes at night", "slug": "lena"}).json()["creator"]
    assert (updated["description"], updated["slug"]) == ("Foxes at night", "lena")
    assert api.delete(path).json() == {"success": True}
    assert api.get(path).status_code == 404


def test_it_sets_the_status_and_refuses_an_unknown_one(api, creator):
    path = f"creators/{creator['id']}/status"
    assert api.put(path, {"status": "suspended"}).json()["creator"]["status"] == "suspended"
    response = api.put(path, {"status": "gone"})
    assert response.status_code == 400


def test_a_creator_of_another_partner_is_403_and_an_unknown_one_404(api, second_api, creator):
    for call in (
        lambda: second_api.get(f"creators/{creator['id']}"),
        lambda: second_api.put(f"creators/{creator['id']}", {"name": "Mine"}),
        lambda: second_api.delete(f"creators/{creator['id']}"),
        lambda: second_api.get(f"creators/{creator['id']}/merch"),
    ):
        response = call()
        assert response.status_code == 403
        assert response.json()["error"] == {
            "code": "FORBIDDEN",
            "message": "Creator does not belong to this partner",
        }
    unknown = api.get(f"creators/{uuid.uuid4()}")
    assert unknown.status_code == 404
    assert unknown.json()["error"]["message"] == "Creator not found"
    assert api.get("creators/not-a-uuid").status_code == 404


def test_stats_and_orders_start_empty(api, creator):
    stats = api.get(f"creators/{creator['id']}/stats").json()
    assert stats == {
        "success": True,
        "stats": {"totalOrders": 0, "totalRevenue": 0.0, "ordersByStatus": {}, "topMerch": []},
    }
    orders = api.get(f"creators/{creator['id']}/orders").json()
    assert orders == {"success": True, "orders": [], "total": 0}
