"""/dashboard/webhooks/: every delivery, its verdict and outcome, its detail, and replay."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from orders.models import OrderEvent
from tests.helpers import fixture_json, matched, post_webhook
from webhooks.models import Outcome, WebhookDelivery

pytestmark = pytest.mark.django_db

URL = "/dashboard/webhooks/"


def delivery_ids(response) -> list[int]:
    return [int(pk) for pk in re.findall(r'href="/dashboard/webhooks/(\d+)/">#', response.text)]


@pytest.fixture
def client() -> Client:
    # A visitor of the dashboard: Django's usual test client, not the receiver's
    # CSRF-enforcing one from conftest.py (staff_client below enforces it).
    return Client()


@pytest.fixture
def applied(client) -> WebhookDelivery:
    assert post_webhook(client, fixture_json("order.paid.json")).status_code == 200
    return WebhookDelivery.objects.get(outcome=Outcome.APPLIED)


@pytest.fixture
def rejected(client) -> WebhookDelivery:
    response = post_webhook(client, fixture_json("order.paid.json"), signature="sha256=00")
    assert response.status_code == 401
    return WebhookDelivery.objects.get(outcome=Outcome.REJECTED)


@pytest.fixture
def staff_client() -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.create_user("ops", is_staff=True))
    return client


@pytest.fixture
def shopper_client() -> Client:
    client = Client()
    client.force_login(User.objects.create_user("shopper"))
    return client


def test_every_delivery_is_listed_with_its_signature_verdict_and_outcome(client, applied, rejected):
    response = client.get(URL)

    assert response.status_code == 200
    assert delivery_ids(response) == [rejected.pk, applied.pk]
    rows = re.findall(r"<tr class=\"dash-row.*?</tr>", response.text, re.S)
    assert "✓ valid" in rows[1] and "Applied" in rows[1] and "order.paid" in rows[1]
    assert "✗ invalid" in rows[0] and "Rejected" in rows[0] and "401" in rows[0]
    assert "invalid signature" in rows[0]
    assert 'href="/dashboard/orders/847f160f-324e-4e24-9a7c-f9215754b870/"' in rows[1]


def test_deliveries_filter_by_outcome_and_by_failures(client, applied, rejected):
    WebhookDelivery.objects.create(outcome=Outcome.FAILED, detail="boom")

    assert delivery_ids(client.get(URL, {"outcome": "applied"})) == [applied.pk]
    assert delivery_ids(client.get(URL, {"outcome": "rejected"})) == [rejected.pk]
    failures = client.get(URL, {"outcome": "failures"})
    assert len(delivery_ids(failures)) == 2 and applied.pk not in delivery_ids(failures)
    assert re.search(r'Failures <span class="dash-chip__count">2<', failures.text)


def test_an_unknown_outcome_is_ignored_with_a_note(client, applied):
    response = client.get(URL, {"outcome": "<b>weird</b>", "page": "x"})

    assert response.status_code == 200
    assert delivery_ids(response) == [applied.pk]
    assert "Unknown outcome" in unescape(response.text)
    assert "<b>weird</b>" not in response.text


def test_deliveries_are_paginated_and_links_keep_the_filter(client):
    WebhookDelivery.objects.bulk_create(
        [WebhookDelivery(outcome=Outcome.APPLIED) for _ in range(60)]
        + [WebhookDelivery(outcome=Outcome.IGNORED)]
    )

    first = client.get(URL, {"outcome": "applied"})
    assert len(delivery_ids(first)) == 50
    assert 'href="?outcome=applied&amp;page=2"' in first.text
    assert len(delivery_ids(client.get(URL, {"outcome": "applied", "page": 2}))) == 10


def test_the_list_runs_the_same_queries_for_5_and_50_deliveries(client):
    def measure(count: int) -> int:
        WebhookDelivery.objects.bulk_create(
            [WebhookDelivery(outcome=Outcome.APPLIED, order_id=f"o{i}") for i in range(count)]
        )
        with CaptureQueriesContext(connection) as queries:
            client.get(URL)
        return len(queries)

    assert measure(5) == measure(45)


def test_an_empty_log_says_where_printora_posts(client, settings):
    settings.APP_URL = "https://shop.example"

    response = client.get(URL)

    assert "No webhook deliveries yet" in response.text
    assert "https://shop.example/api/webhooks/" in response.text


def test_the_detail_page_shows_headers_and_the_body(client, applied):
    response = client.get(f"{URL}{applied.pk}/")

    assert response.status_code == 200
    text = unescape(response.text)
    assert "x-printora-signature" in text and "Printora-Webhook/1.0" in text
    assert '"orderNumber": "ORD-2026-001234"' in text  # pretty-printed body


def test_the_detail_of_a_rejected_request_shows_why(client, rejected):
    response = client.get(f"{URL}{rejected.pk}/")

    assert "invalid signature" in response.text
    assert "✗ signature invalid" in response.text


def test_an_unknown_delivery_is_a_404(client):
    assert client.get(f"{URL}999/").status_code == 404


def test_public_visitors_see_no_replay_button(client, applied):
    response = client.get(f"{URL}{applied.pk}/")

    assert f'action="/dashboard/webhooks/{applied.pk}/replay/"' not in response.text
    assert "Staff can replay this delivery." in response.text


def test_staff_see_a_replay_button_only_on_replayable_deliveries(staff_client, applied, rejected):
    form = staff_client.get(f"{URL}{applied.pk}/").text
    assert re.search(
        rf'<form method="post" action="/dashboard/webhooks/{applied.pk}/replay/">\s*'
        r'<input type="hidden" name="csrfmiddlewaretoken"',
        form,
    )
    assert "/replay/" not in staff_client.get(f"{URL}{rejected.pk}/").text


def test_staff_replay_runs_the_delivery_again_and_reports_the_outcome(staff_client, applied):
    page = staff_client.get(f"{URL}{applied.pk}/").text
    token = matched(r'name="csrfmiddlewaretoken" value="([^"]+)"', page, 1)

    response = staff_client.post(
        f"{URL}{applied.pk}/replay/", {"csrfmiddlewaretoken": token}, follow=True
    )

    replay = WebhookDelivery.objects.get(replay_of=applied)
    assert replay.outcome == Outcome.DUPLICATE  # already applied: recorded once
    assert OrderEvent.objects.count() == 1
    assert response.redirect_chain == [(f"{URL}{replay.pk}/", 302)]
    assert f"Replayed delivery #{applied.pk} as #{replay.pk}: duplicate (HTTP 200)." in (
        response.text
    )
    assert "dash-message--success" in response.text


def test_replay_needs_the_csrf_token(staff_client, applied):
    response = staff_client.post(f"{URL}{applied.pk}/replay/")

    assert response.status_code == 403
    assert not WebhookDelivery.objects.filter(replay_of=applied).exists()


def test_replay_is_for_staff_only_even_on_a_public_dashboard(
    client, shopper_client, settings, applied
):
    settings.DASHBOARD_PUBLIC = True

    assert client.post(f"{URL}{applied.pk}/replay/").status_code == 403
    assert shopper_client.post(f"{URL}{applied.pk}/replay/").status_code == 403
    assert not WebhookDelivery.objects.filter(replay_of=applied).exists()


def test_replay_on_a_private_dashboard_sends_anonymous_visitors_to_sign_in(
    client, settings, applied
):
    settings.DASHBOARD_PUBLIC = False

    response = client.post(f"{URL}{applied.pk}/replay/")

    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not WebhookDelivery.objects.filter(replay_of=applied).exists()


def test_replay_answers_only_post(staff_client, applied):
    assert staff_client.get(f"{URL}{applied.pk}/replay/").status_code == 405


def test_an_unverified_delivery_cannot_be_replayed(settings, rejected):
    staff = Client()
    staff.force_login(User.objects.create_user("ops2", is_staff=True))

    response = staff.post(f"{URL}{rejected.pk}/replay/", follow=True)

    assert "Only verified, complete deliveries can be replayed." in response.text
    assert not WebhookDelivery.objects.filter(replay_of=rejected).exists()
