from __future__ import annotations

import json
from io import BytesIO

import pytest

from orders.models import Order
from tests.helpers import WEBHOOK_URL, fixture_bytes, make_event, post_webhook, signature_for
from webhooks.models import Outcome, WebhookDelivery
from webhooks.views import receive

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/api/webhooks/", "/api/webhooks"])
def test_it_answers_on_both_paths_without_redirecting(client, path):
    response = post_webhook(client, fixture_bytes("order.created.json"), path=path)
    assert response.status_code == 200
    assert Order.objects.count() == 1


@pytest.mark.parametrize("method", ["get", "put", "delete", "patch"])
def test_it_refuses_other_methods_with_an_allow_header(client, method):
    response = getattr(client, method)(WEBHOOK_URL)
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "error" in response.json()


def test_it_reports_a_duplicate_delivery(client):
    body = fixture_bytes("order.paid.json")
    first = post_webhook(client, body)
    second = post_webhook(client, body)
    assert first.json() == {"received": True, "duplicate": False}
    assert second.json() == {"received": True, "duplicate": True}
    assert Order.objects.get().events.count() == 1
    assert list(WebhookDelivery.objects.order_by("id").values_list("outcome", flat=True)) == [
        Outcome.APPLIED,
        Outcome.DUPLICATE,
    ]


def test_it_acknowledges_and_records_an_unknown_event_type(client):
    response = post_webhook(client, make_event("order.refunded"))
    assert response.status_code == 200
    assert response.json() == {"received": True, "ignored": True}
    delivery = WebhookDelivery.objects.get()
    assert (delivery.outcome, delivery.event_type) == (Outcome.IGNORED, "order.refunded")
    assert Order.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "body is not valid JSON"),
        (b"{oops", "body is not valid JSON"),
        (b"\xff\xfe", "body is not valid JSON"),
        (b"[]", "body must be a JSON object"),
        (b'"order.paid"', "body must be a JSON object"),
    ],
)
def test_it_rejects_a_body_that_is_not_a_json_object(client, body, message):
    response = post_webhook(client, body)
    assert response.status_code == 400
    assert response.json() == {"error": message}


@pytest.mark.parametrize("missing", ["sessionId", "event", "timestamp", "data"])
def test_it_names_a_missing_envelope_field(client, missing):
    envelope = make_event()
    del envelope[missing]
    response = post_webhook(client, envelope)
    assert response.status_code == 400
    assert missing in response.json()["error"]


@pytest.mark.parametrize(
    ("field", "value"),
    [("data", []), ("data", "x"), ("timestamp", "yesterday"), ("sessionId", ""), ("event", 5)],
)
def test_it_names_an_invalid_envelope_field(client, field, value):
    envelope = make_event()
    envelope[field] = value
    response = post_webhook(client, envelope)
    assert response.status_code == 400
    assert response.json()["error"].startswith(field)


def test_it_requires_an_order_id_for_a_known_event(client):
    envelope = make_event()
    del envelope["data"]["orderId"]
    response = post_webhook(client, envelope)
    assert response.status_code == 400
    assert response.json() == {"error": "data.orderId is required"}


def test_it_keeps_unicode_customer_names(client):
    envelope = make_event(customer={"firstName": "Zoë", "lastName": "Ångström-李"})
    body = json.dumps(envelope, ensure_ascii=False).encode()
    assert post_webhook(client, body).status_code == 200
    assert Order.objects.get().customer_name == "Zoë Ångström-李"


def test_it_refuses_a_body_over_the_limit_without_reading_it(client, settings):
    limit = settings.WEBHOOK_MAX_BODY_BYTES
    assert limit == 1024 * 1024
    body = b" " * (limit + 1)
    response = post_webhook(client, body)
    assert response.status_code == 413
    assert response.json() == {"error": "body too large"}
    delivery = WebhookDelivery.objects.get()
    assert bytes(delivery.body) == b"" and delivery.http_status == 413
    assert delivery.body_size == limit + 1


def test_it_accepts_a_body_of_exactly_the_limit(client, settings):
    settings.WEBHOOK_MAX_BODY_BYTES = 4096
    envelope = fixture_bytes("order.created.json")
    body = envelope + b" " * (4096 - len(envelope))
    assert post_webhook(client, body).status_code == 200
    assert post_webhook(client, body + b" ").status_code == 413


def test_every_error_reply_is_json_with_an_error_string(client):
    replies = [
        post_webhook(client, b"[]"),
        post_webhook(client, b"{}", signature=None),
        client.get(WEBHOOK_URL),
    ]
    for reply in replies:
        assert reply["Content-Type"] == "application/json"
        assert isinstance(reply.json()["error"], str)


def test_it_reads_a_chunked_body_from_a_terminated_input_stream(rf, settings):
    body = fixture_bytes("order.created.json")
    request = rf.post(
        WEBHOOK_URL,
        data=b"",
        content_type="application/json",
        headers={"X-Printora-Signature": signature_for(body)},
    )
    # What gunicorn hands over for Transfer-Encoding: chunked: no length, a
    # stream that ends where the body ends.
    request.META.pop("CONTENT_LENGTH", None)
    request.META["wsgi.input"] = BytesIO(body)
    request.META["wsgi.input_terminated"] = True
    response = receive(request)
    assert response.status_code == 200
    assert Order.objects.count() == 1

    settings.WEBHOOK_MAX_BODY_BYTES = 100
    request.META["wsgi.input"] = BytesIO(body)
    assert receive(request).status_code == 413
