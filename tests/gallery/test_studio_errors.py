"""The studio tells the truth about Printora's errors: a sentence, and nothing saved locally."""

from __future__ import annotations

import pytest
import responses
from django.contrib.auth.models import User

from tests.gallery.merch_rows import CID, make_merch

pytestmark = pytest.mark.django_db

API = "https://api.printora.test"


@pytest.fixture
def upstream(settings):
    settings.PRINTORA_API_URL = API
    settings.PRINTORA_API_KEY = "pk_test_studio_0123456789"
    settings.PRINTORA_MAX_RETRIES = 0
    settings.DASHBOARD_PUBLIC = True
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def test_a_refused_edit_shows_printoras_words_and_keeps_the_mirror(client, upstream):
    merch = make_merch(stock_limit=5, stock_sold=3)
    upstream.put(
        f"{API}/api/v1/creators/{CID}/merch/{merch.printora_merch_id}",
        status=400,
        json={
            "success": False,
            "error": {
                "code": "VALIDATION_ERROR",
                "message": "stockLimit cannot be below the 3 units already sold",
                "details": [
                    {
                        "field": "stockLimit",
                        "message": "stockLimit cannot be below the 3 units already sold",
                    }
                ],
            },
        },
    )
    response = client.post(
        f"/studio/aiko-dreams/merch/{merch.printora_merch_id}/edit/",
        {"title": "Cheaper", "stock_limit": "2"},
    )
    assert response.status_code == 400
    assert (
        "Nothing was changed. Printora said: stockLimit cannot be below the 3 units already sold."
        in response.content.decode()
    )
    merch.refresh_from_db()
    assert (merch.title, merch.stock_limit) == ("Corona Hour Tee", 5)


def test_an_unreachable_printora_is_said_and_the_last_known_merch_shown(client, upstream):
    make_merch()
    upstream.get(f"{API}/api/v1/creators/{CID}/merch", status=503, json={})
    html = client.get("/studio/aiko-dreams/").content.decode()
    assert "Printora is unavailable right now. Nothing was changed." in html
    assert "as Printora last told us" in html
    assert "Corona Hour Tee" in html


def test_a_failed_status_change_says_so(client, upstream):
    merch = make_merch()
    upstream.put(
        f"{API}/api/v1/creators/{CID}/merch/{merch.printora_merch_id}",
        status=404,
        json={"success": False, "error": {"code": "NOT_FOUND", "message": "Merch not found"}},
    )
    upstream.get(
        f"{API}/api/v1/creators/{CID}/merch", json={"success": True, "data": {"merch": []}}
    )
    upstream.get(f"{API}/api/v1/creators/{CID}/stats", json={"success": True, "stats": {}})
    response = client.post(
        f"/studio/aiko-dreams/merch/{merch.printora_merch_id}/status/",
        {"status": "inactive"},
        follow=True,
    )
    assert (
        "“Corona Hour Tee” was not changed. Printora said: Merch not found."
        in response.content.decode()
    )


def test_a_private_studio_is_for_staff_only(client, settings):
    settings.DASHBOARD_PUBLIC = False
    User.objects.create_user("shopper", password="pw-123456789")
    client.login(username="shopper", password="pw-123456789")
    assert client.get("/studio/").status_code == 403
    staff = User.objects.create_user("staff", password="pw-123456789", is_staff=True)
    client.force_login(staff)
    html = client.get("/studio/").content.decode()
    assert "Creator studio" in html and "Public studio" not in html
