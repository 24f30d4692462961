from __future__ import annotations

from datetime import timedelta

import pytest
import requests
import responses
from django.utils import timezone

from printora_client.signatures import verify
from printora_sandbox import dispatcher
from printora_sandbox.dispatcher import RETRY_DELAYS, Dispatcher
from printora_sandbox.models import SandboxWebhookLog
from tests.helpers import WEBHOOK_SECRET

pytestmark = pytest.mark.django_db

URL = "https://partner.example.com/api/webhooks/"


@pytest.fixture
def log(settings):
    settings.SANDBOX_WEBHOOK_URL = URL
    return dispatcher.queue(
        event_type="order.paid", session_id="s1", body='{"event": "order.paid", "n": "ü"}'
    )


@responses.activate
def test_a_receiver_failing_twice_then_succeeding_gets_three_logged_attempts(log):
    for status in (500, 500, 200):
        responses.add(responses.POST, URL, status=status, body=f"reply {status}")
    sender = Dispatcher()
    while sender.run_due():
        pass
    log.refresh_from_db()
    assert log.status == SandboxWebhookLog.Status.SENT
    assert [a["status"] for a in log.attempts] == [500, 500, 200]
    assert [a["response"] for a in log.attempts] == ["reply 500", "reply 500", "reply 200"]
    assert all(a["ms"] >= 0 for a in log.attempts)


@responses.activate
def test_each_attempt_is_signed_over_the_exact_body(log):
    responses.add(responses.POST, URL, status=200)
    Dispatcher().run_due()
    request = responses.calls[0].request
    assert request.body == log.body.encode()
    assert request.headers["User-Agent"] == "Printora-Webhook/1.0"
    assert request.headers["Content-Type"] == "application/json"
    assert isinstance(request.body, bytes)
    assert verify(request.body, request.headers["x-printora-signature"], WEBHOOK_SECRET)


@responses.activate
def test_retries_follow_printoras_schedule_and_survive_a_new_dispatcher(log, settings):
    settings.SANDBOX_RETRY_SCALE = 1.0
    responses.add(responses.POST, URL, status=503)
    before = timezone.now()
    assert Dispatcher().run_due() == 1
    log.refresh_from_db()
    assert log.status == SandboxWebhookLog.Status.RETRYING
    wait = log.next_attempt_at - before
    assert timedelta(seconds=59) < wait < timedelta(seconds=62)

    # Nothing is due yet, whoever looks.
    assert Dispatcher().run_due() == 0
    # A minute later a brand-new dispatcher (as after a restart) picks it up.
    SandboxWebhookLog.objects.filter(pk=log.pk).update(next_attempt_at=timezone.now())
    assert Dispatcher().run_due() == 1
    log.refresh_from_db()
    assert len(log.attempts) == 2
    assert log.next_attempt_at - timezone.now() > timedelta(seconds=RETRY_DELAYS[2] - 5)


@responses.activate
def test_after_five_failed_attempts_the_delivery_is_failed(log):
    responses.add(responses.POST, URL, status=500)
    sender = Dispatcher()
    while sender.run_due():
        pass
    log.refresh_from_db()
    assert log.status == SandboxWebhookLog.Status.FAILED
    assert len(log.attempts) == 5
    assert log.next_attempt_at is None


@responses.activate
def test_a_connection_error_counts_as_a_failed_attempt(log):
    responses.add(responses.POST, URL, body=requests.ConnectionError("refused"))
    Dispatcher().run_due()
    log.refresh_from_db()
    assert log.attempts[0]["status"] is None
    assert log.attempts[0]["error"] == "ConnectionError"


@responses.activate
def test_a_manual_retry_starts_a_new_round_and_keeps_the_history(log):
    responses.add(responses.POST, URL, status=500)
    sender = Dispatcher()
    while sender.run_due():
        pass
    responses.replace(responses.POST, URL, status=200)
    log.refresh_from_db()
    dispatcher.retry_now(log)
    sender.run_due()
    log.refresh_from_db()
    assert log.status == SandboxWebhookLog.Status.SENT
    assert len(log.attempts) == 7  # five failures, the retry marker, the success


def test_a_claimed_delivery_is_not_sent_twice(log):
    first, second = Dispatcher(), Dispatcher()
    due = SandboxWebhookLog.objects.get(pk=log.pk)
    assert first._claim(due, timezone.now())
    assert not second._claim(due, timezone.now())
