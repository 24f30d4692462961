"""`manage.py printora creators list|create|get` against a faked Printora (responses)."""

from __future__ import annotations

import json

from responses import matchers

from tests.cli.conftest import UPSTREAM, error_reply, printora

CREATORS_URL = f"{UPSTREAM}/api/v1/creators"
LENA = {
    "id": "9b2f6c1e-0000-4000-8000-000000000001",
    "name": "Lena Ortiz",
    "slug": "lena-ortiz",
    "email": "lena@example.com",
    "status": "active",
    "createdAt": "2026-11-30T08:00:00Z",
}


def test_creators_list_prints_a_table_filtered_by_status(upstream):
    upstream.get(
        CREATORS_URL,
        json={"success": True, "data": {"creators": [LENA], "total": 1}},
        match=[matchers.query_param_matcher({"limit": "20", "offset": "0", "status": "active"})],
    )
    code, out, err = printora("creators", "list", "--status", "active")
    assert code == 0, err
    header, row = out.splitlines()
    assert header.split() == ["CREATOR", "NAME", "SLUG", "STATUS", "EMAIL", "CREATED"]
    assert row.split()[:6] == [LENA["id"], "Lena", "Ortiz", "lena-ortiz", "active", LENA["email"]]


def test_an_empty_list_says_so(upstream):
    upstream.get(CREATORS_URL, json={"success": True, "data": {"creators": [], "total": 0}})
    assert printora("creators", "list") == (0, "No creators.\n", "")


def test_creators_create_posts_the_fields_given_with_an_idempotency_key(upstream):
    upstream.post(
        CREATORS_URL,
        status=201,
        json={"success": True, "creator": LENA},
        match=[
            matchers.json_params_matcher(
                {"name": "Lena Ortiz", "slug": "lena-ortiz", "email": "lena@example.com"}
            ),
            matchers.header_matcher({"Idempotency-Key": "create-lena-1"}),
        ],
    )
    code, out, err = printora(
        "creators",
        "create",
        "--name",
        "Lena Ortiz",
        "--slug",
        "lena-ortiz",
        "--email",
        "lena@example.com",
        "--idempotency-key",
        "create-lena-1",
    )
    assert code == 0, err
    assert f"Creator:     {LENA['id']}" in out
    assert "Slug:        lena-ortiz" in out


def test_a_bad_slug_is_refused_before_anything_is_sent_exit_2(upstream):
    code, out, err = printora("creators", "create", "--name", "Lena", "--slug", "Not A Slug")
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1 and "slug" in err
    assert len(upstream.calls) == 0


def test_the_apis_validation_error_is_one_line_with_its_code_exit_1(upstream):
    upstream.post(
        CREATORS_URL,
        status=400,
        json=error_reply("VALIDATION_ERROR", "slug is already taken by another creator"),
    )
    code, out, err = printora("creators", "create", "--name", "Lena Ortiz")
    assert (code, out) == (1, "")
    assert len(err.splitlines()) == 1
    assert "400 VALIDATION_ERROR" in err and "slug is already taken" in err


def test_creators_get_json_is_the_api_object(upstream):
    upstream.get(f"{CREATORS_URL}/{LENA['id']}", json={"success": True, "creator": LENA})
    code, out, _ = printora("creators", "get", LENA["id"], "--json")
    assert code == 0
    assert json.loads(out)["slug"] == "lena-ortiz"


def test_another_partners_creator_exits_4(upstream):
    upstream.get(
        f"{CREATORS_URL}/{LENA['id']}",
        status=403,
        json=error_reply("FORBIDDEN", "Creator does not belong to this partner"),
    )
    code, _, err = printora("creators", "get", LENA["id"])
    assert code == 4 and "FORBIDDEN" in err
