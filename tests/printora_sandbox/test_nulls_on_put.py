"""PUT with an explicit null: it clears an optional field and is refused for a required one."""

from __future__ import annotations


def test_a_null_clears_a_creators_optional_fields(api, creator):
    api.put(f"creators/{creator['id']}", {"description": "Foxes", "logoUrl": "https://l.example/"})
    response = api.put(f"creators/{creator['id']}", {"email": None, "logoUrl": None})
    assert response.status_code == 200
    read = api.get(f"creators/{creator['id']}").json()["creator"]
    assert (read["email"], read["logoUrl"], read["description"]) == (None, None, "Foxes")


def test_a_null_name_or_slug_is_refused_and_changes_nothing(api, creator):
    for field in ("name", "slug"):
        response = api.put(f"creators/{creator['id']}", {field: None, "email": None})
        assert response.status_code == 400
        assert response.json()["error"]["message"] == f"{field} cannot be null"
    assert api.get(f"creators/{creator['id']}").json()["creator"]["email"] == "lena@example.com"


def test_a_null_clears_a_merch_description_and_is_refused_for_its_title(api, creator, merch):
    path = f"creators/{creator['id']}/merch/{merch['id']}"
    api.put(path, {"description": "Glows"})
    assert api.put(path, {"description": None}).json()["data"]["description"] is None
    refused = api.put(path, {"title": None})
    assert (refused.status_code, refused.json()["error"]["message"]) == (
        400,
        "title cannot be null",
    )
    assert api.get(path).json()["data"]["title"] == merch["title"]
