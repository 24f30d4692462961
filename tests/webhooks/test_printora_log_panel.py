"""/dashboard/webhooks/: Printora's side of the log (GET partners/webhook-logs, fetched
live) beside ours, and Retry for a delivery Printora gave up on (staff, POST + CSRF).
Printora is faked with `responses`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape

import pytest
import responses
from django.contrib.auth.models import User
from django.test import Client
from responses import matchers

from tests.helpers import fixture_json, matched, post_webhook

pytestmark = pytest.mark.django_db

URL = "/dashboard/webhooks/"
RETRY_URL = "/dashboard/webhooks/printora/retry/"
API = "https://api.printora.test"
API_KEY = "pk_test_dashboard_0123456789"
LOGS_URL = f"{API}/api/v1/partners/webhook-logs"


def log(log_id: str, status: str, event: str = "order.paid", reply: int | None = 200) -> dict:
    return {
        "id": log_id,
        "eventType": event,
        "status": status,
        "attempts": 5 if status == "failed" else 1,
        "responseStatus": reply,
        "orderId": "ord_1",
        "createdAt": "2026-11-30T08:00:00Z",
    }


def logs_reply(*logs: dict, total: int | None = None) -> dict:
    return {"success": True, "data": {"logs": list(logs), "total": total or len(logs)}}


@pytest.fixture
def api(settings) -> Iterator[responses.RequestsMock]:
    settings.PRINTORA_API_URL = API
    settings.PRINTORA_API_KEY = API_KEY
    settings.PRINTORA_MAX_RETRIES = 0
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture
def staff_client() -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.create_user("ops", is_staff=True))
    return client


def printora_rows(html: str) -> dict[str, str]:
    return dict(re.findall(r'data-printora-log="([^"]+)">(.*?)</tr>', html, re.S))


def message(html: str) -> str:
    return unescape(matched(r'<li class="dash-message[^"]*"[^>]*>(.*?)</li>', html, 1))


def test_printoras_log_is_shown_beside_ours_with_its_statuses(client, settings, api):
    settings.DASHBOARD_PUBLIC = True
    assert post_webhook(Client(), fixture_json("order.paid.json")).status_code == 200
    api.get(
        LOGS_URL,
        json=logs_reply(log("wh_9", "failed", reply=500), log("wh_8", "sent"), total=12),
        match=[matchers.query_param_matcher({"limit": "20", "offset": "0"})],
    )

    page = client.get(URL).text

    assert "Printora's side" in page
    rows = printora_rows(page)
    assert list(rows) == ["wh_9", "wh_8"]
    assert "dash-printora-status--failed" in rows["wh_9"] and ">500<" in rows["wh_9"]
    assert "dash-printora-status--sent" in rows["wh_8"]
    assert "Showing 2 of 12" in page
    assert len(re.findall(r'href="/dashboard/webhooks/(\d+)/">#', page)) == 1  # ours too


def test_only_staff_get_retry_and_only_for_failed_deliveries(client, staff_client, settings, api):
    settings.DASHBOARD_PUBLIC = True
    api.get(LOGS_URL, json=logs_reply(log("wh_9", "failed"), log("wh_8", "sent")))

    rows = printora_rows(staff_client.get(URL).text)
    assert 'name="log_id" value="wh_9"' in rows["wh_9"] and "csrfmiddlewaretoken" in rows["wh_9"]
    assert "Retry" not in rows["wh_8"]

    public = client.get(URL).text
    assert RETRY_URL not in public
    assert "Staff can ask Printora to retry a failed delivery." in public


def test_the_status_chips_filter_printoras_log_and_keep_ours(staff_client, api):
    api.get(
        LOGS_URL,
        json=logs_reply(log("wh_9", "retrying")),
        match=[matchers.query_param_matcher({"limit": "20", "offset": "0", "status": "retrying"})],
    )
    page = staff_client.get(URL, {"printora": "retrying", "outcome": "failures"}).text
    assert list(printora_rows(page)) == ["wh_9"]
    assert 'href="?outcome=failures&amp;printora=failed"' in page
    assert 'href="?outcome=applied&amp;printora=retrying"' in page


def test_an_unknown_printora_status_is_ignored_with_a_note(staff_client, api):
    api.get(
        LOGS_URL,
        json=logs_reply(),
        match=[matchers.query_param_matcher({"limit": "20", "offset": "0"})],
    )
    page = staff_client.get(URL, {"printora": "bogus"}).text
    assert "Unknown Printora status “bogus” ignored." in unescape(page)
    assert "Printora's log has no deliveries." in page


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ({"status": 503, "json": {"success": False}}, "503"),
        ({"status": 401, "json": {"success": False, "error": {"code": "INVALID_API_KEY"}}}, "401"),
        ({"body": responses.ConnectionError("refused")}, "Could not reach Printora"),
    ],
)
def test_when_printora_cannot_answer_the_page_still_shows_ours_with_a_note(
    staff_client, api, reply, expected
):
    assert post_webhook(Client(), fixture_json("order.paid.json")).status_code == 200
    api.get(LOGS_URL, **reply)

    response = staff_client.get(URL)

    assert response.status_code == 200
    note = unescape(matched(r"<div[^>]*data-printora-unavailable>(.*?)</div>", response.text, 1))
    assert "Printora's log could not be fetched, so only ours is shown." in note
    assert expected in note
    assert API_KEY not in response.text
    assert len(re.findall(r'href="/dashboard/webhooks/(\d+)/">#', response.text)) == 1


def test_the_live_read_fails_fast_without_retrying(staff_client, api, settings):
    settings.PRINTORA_MAX_RETRIES = 3  # the page's read ignores it: one attempt
    api.get(LOGS_URL, status=503, json={"success": False})
    staff_client.get(URL)
    assert len(api.calls) == 1


def csrf_token(client: Client) -> str:
    return matched(r'name="csrfmiddlewaretoken" value="([^"]+)"', client.get(URL).text, 1)


def test_staff_retry_asks_printora_and_says_so(staff_client, api):
    api.get(LOGS_URL, json=logs_reply(log("wh_9", "failed")))
    api.post(
        f"{LOGS_URL}/wh_9/retry",
        status=202,
        json={"success": True, "data": {**log("wh_9", "pending")}},
    )

    response = staff_client.post(
        RETRY_URL, {"csrfmiddlewaretoken": csrf_token(staff_client), "log_id": "wh_9"}
    )

    assert response.status_code == 303 and response["Location"] == URL
    assert [c.request.method for c in api.calls].count("POST") == 1
    page = staff_client.get(URL).text
    assert "Printora is delivering order.paid again (its delivery wh_9)" in message(page)


def test_a_refused_retry_is_a_sentence_not_a_500(staff_client, api):
    api.get(LOGS_URL, json=logs_reply())
    api.post(
        f"{LOGS_URL}/wh_9/retry",
        status=409,
        json={"success": False, "error": {"code": "ALREADY_PENDING", "message": "Queued"}},
    )
    response = staff_client.post(
        RETRY_URL, {"csrfmiddlewaretoken": csrf_token(staff_client), "log_id": "wh_9"}, follow=True
    )
    assert response.status_code == 200
    text = message(response.text)
    assert text.startswith("Printora did not retry its delivery wh_9:")
    assert "409" in text and "ALREADY_PENDING" in text
    assert "dash-message--error" in response.text


def test_retry_needs_the_csrf_token_and_a_log_id(staff_client, api):
    assert staff_client.post(RETRY_URL, {"log_id": "wh_9"}).status_code == 403
    token = csrf_token(staff_client)
    response = staff_client.post(RETRY_URL, {"csrfmiddlewaretoken": token})
    assert response.status_code == 400 and response.text == "log_id is required"
    assert not [c for c in api.calls if c.request.method == "POST"]


def test_retry_is_for_staff_only_even_on_a_public_dashboard(client, settings, api):
    settings.DASHBOARD_PUBLIC = True
    assert client.post(RETRY_URL, {"log_id": "wh_9"}).status_code == 403
    client.force_login(User.objects.create_user("shopper"))
    assert client.post(RETRY_URL, {"log_id": "wh_9"}).status_code == 403
    assert client.get(RETRY_URL).status_code == 405
    assert not api.calls
