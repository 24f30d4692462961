"""The order page's "Ask Printora to resend" (staff, POST + CSRF): POST
partners/webhooks/resend through printora_client, the reply as a sentence.
Printora is faked with `responses`; test_resend_end_to_end.py uses the sandbox."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape

import pytest
import responses
from django.contrib.auth.models import User
from django.test import Client
from responses import matchers

from printora_client import events as registry
from tests.helpers import make_order, matched

pytestmark = pytest.mark.django_db

RESEND_URL = "/dashboard/webhooks/resend/"
API = "https://api.printora.test"
API_KEY = "pk_test_dashboard_0123456789"
PRINTORA_RESEND = f"{API}/api/v1/partners/webhooks/resend"
PAID, SHIPPED = registry.ORDER_PAID.name, registry.ORDER_SHIPPED.name


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


@pytest.fixture
def order():
    make_order("ord_r1", event=PAID, timestamp="2026-03-01T10:00:00.000Z")
    return make_order("ord_r1", event=SHIPPED, timestamp="2026-03-02T10:00:00.000Z")


def order_url(order_id: str = "ord_r1") -> str:
    return f"/dashboard/orders/{order_id}/"


def resend_form(html: str) -> str | None:
    found = re.search(
        rf'<form class="dash-resend" method="post" action="{RESEND_URL}">(.*?)</form>', html, re.S
    )
    return found.group(1) if found else None


def message(html: str) -> str:
    return unescape(matched(r'<li class="dash-message[^"]*"[^>]*>(.*?)</li>', html, 1))


def post_resend(client: Client, **fields: str):
    token = matched(r'name="csrfmiddlewaretoken" value="([^"]+)"', client.get(order_url()).text, 1)
    return client.post(RESEND_URL, {"csrfmiddlewaretoken": token, **fields})


def test_staff_see_a_csrf_protected_form_offering_the_orders_events_latest_first(
    staff_client, order
):
    form = resend_form(staff_client.get(order_url()).text)
    assert form is not None and "csrfmiddlewaretoken" in form
    assert 'name="order_id" value="ord_r1"' in form
    assert re.findall(r'<option value="([^"]+)">', form) == [SHIPPED, PAID]
    assert "Ask Printora to resend" in form


def test_visitors_of_a_public_dashboard_do_not_see_it(client, settings, order):
    settings.DASHBOARD_PUBLIC = True
    assert resend_form(client.get(order_url()).text) is None
    client.force_login(User.objects.create_user("shopper"))
    assert "Ask Printora to resend" not in client.get(order_url()).text


def test_resend_asks_printora_for_that_event_of_that_order_and_says_what_follows(
    staff_client, api, order
):
    api.post(
        PRINTORA_RESEND,
        status=202,
        json={"success": True, "data": {"id": 41, "eventType": SHIPPED, "status": "pending"}},
        match=[matchers.json_params_matcher({"eventType": SHIPPED, "orderId": "ord_r1"})],
    )

    response = post_resend(staff_client, order_id="ord_r1", event_type=SHIPPED)

    assert response.status_code == 303 and response["Location"] == order_url()
    assert len(api.calls) == 1 and api.calls[0].request.headers["Idempotency-Key"]
    text = message(staff_client.get(order_url()).text)
    assert text == (
        f"Printora will send {SHIPPED} again (its delivery 41). "
        "It shows under Webhook deliveries as a duplicate once it arrives."
    )


@pytest.mark.parametrize(
    ("status", "code", "expected"),
    [
        (404, "NOT_FOUND", "404"),
        (429, "RATE_LIMIT_EXCEEDED", "429"),
        (500, "INTERNAL_ERROR", "500"),
    ],
)
def test_a_printora_error_is_a_sentence_on_the_order_page_never_a_500(
    staff_client, api, order, status, code, expected
):
    api.post(
        PRINTORA_RESEND,
        status=status,
        json={"success": False, "error": {"code": code, "message": "Nope"}},
    )
    response = post_resend(staff_client, order_id="ord_r1", event_type=PAID)
    assert response.status_code == 303
    page = staff_client.get(order_url()).text
    text = message(page)
    assert text.startswith(f"Printora did not resend {PAID}:") and expected in text
    assert "\n" not in text and API_KEY not in page
    assert "dash-message--error" in page


def test_unreachable_printora_is_a_sentence_too(staff_client, order, settings):
    # tests/webhooks/conftest.py points PRINTORA_API_URL at a closed port.
    settings.PRINTORA_MAX_RETRIES = 0
    post_resend(staff_client, order_id="ord_r1", event_type=PAID)
    assert "Could not reach Printora" in message(staff_client.get(order_url()).text)


@pytest.mark.parametrize(
    ("fields", "reply"),
    [
        ({"order_id": "ord_r1", "event_type": "order.refunded"}, "event_type: Value error, must"),
        ({"event_type": PAID}, "order_id is required"),
    ],
)
def test_bad_input_is_a_one_line_400_and_nothing_is_sent(staff_client, api, order, fields, reply):
    response = post_resend(staff_client, **fields)
    assert response.status_code == 400
    assert response.text.startswith(reply) and "\n" not in response.text
    assert not api.calls


def test_an_order_not_in_the_book_is_a_404(staff_client, api, order):
    assert post_resend(staff_client, order_id="ord_nope", event_type=PAID).status_code == 404
    assert not api.calls


def test_resend_needs_staff_and_the_csrf_token(client, staff_client, settings, api, order):
    assert staff_client.post(
        RESEND_URL, {"order_id": "ord_r1", "event_type": PAID}
    ).status_code == (403)
    settings.DASHBOARD_PUBLIC = True
    assert client.post(RESEND_URL, {"order_id": "ord_r1", "event_type": PAID}).status_code == 403
    assert client.get(RESEND_URL).status_code == 405
    assert not api.calls


def test_no_usable_api_key_is_a_sentence_too(staff_client, order, settings):
    settings.PRINTORA_API_KEY = ""
    response = post_resend(staff_client, order_id="ord_r1", event_type=PAID)
    assert response.status_code == 303
    text = message(staff_client.get(order_url()).text)
    assert text == f"Printora did not resend {PAID}: api_key is empty: set PRINTORA_API_KEY."
