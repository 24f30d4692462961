from __future__ import annotations

import json

import pytest

from tests.helpers import fixture_bytes, post_webhook, signature_for
from webhooks.models import Outcome, WebhookDelivery

pytestmark = pytest.mark.django_db

BODY = fixture_bytes("order.paid.json")


def test_it_accepts_a_correct_signature(client):
    response = post_webhook(client, BODY)
    assert response.status_code == 200
    assert response.json() == {"received": True, "duplicate": False}


def test_it_rejects_a_missing_signature(client):
    response = post_webhook(client, BODY, signature=None)
    assert response.status_code == 401
    assert response.json() == {"error": "missing signature"}


def test_it_rejects_a_bad_signature(client):
    response = post_webhook(client, BODY, signature="sha256=" + "0" * 64)
    assert response.status_code == 401
    assert response.json() == {"error": "invalid signature"}


def test_it_rejects_a_signature_made_with_another_secret(client):
    response = post_webhook(client, BODY, signature=signature_for(BODY, "whsec_other"))
    assert response.status_code == 401


def test_it_rejects_a_signature_over_re_serialised_json(client):
    reserialised = json.dumps(json.loads(BODY)).encode()
    assert reserialised != BODY
    response = post_webhook(client, BODY, signature=signature_for(reserialised))
    assert response.status_code == 401


def test_it_accepts_a_signature_without_the_prefix(client):
    bare = signature_for(BODY).removeprefix("sha256=")
    assert post_webhook(client, BODY, signature=bare).status_code == 200


def test_it_accepts_uppercase_hex(client):
    upper = "sha256=" + signature_for(BODY).removeprefix("sha256=").upper()
    assert post_webhook(client, BODY, signature=upper).status_code == 200


@pytest.mark.parametrize("header", ["", "sha256=", "garbage", "sha256=zz", "sha256=é" * 3])
def test_it_answers_401_not_500_to_a_malformed_header(client, header):
    assert post_webhook(client, BODY, signature=header).status_code == 401


def test_it_accepts_either_secret_during_a_rotation(client, settings):
    settings.PRINTORA_WEBHOOK_SECRETS = ["whsec_old", "whsec_new"]
    assert post_webhook(client, BODY, secret="whsec_old").status_code == 200
    other = fixture_bytes("order.shipped.json")
    assert post_webhook(client, other, secret="whsec_new").status_code == 200


def test_it_rejects_everything_when_no_secret_is_configured(client, settings):
    settings.PRINTORA_WEBHOOK_SECRETS = []
    response = post_webhook(client, BODY, signature=signature_for(BODY, ""))
    assert response.status_code == 401


def test_it_verifies_before_parsing(client):
    response = post_webhook(client, b"{not json", signature="sha256=" + "1" * 64)
    assert response.status_code == 401
    delivery = WebhookDelivery.objects.get()
    assert delivery.outcome == Outcome.REJECTED
    assert delivery.signature_valid is False
