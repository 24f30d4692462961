from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from webhooks.models import Outcome, WebhookDelivery

pytestmark = pytest.mark.django_db


def make(outcome: str, age_days: int) -> WebhookDelivery:
    delivery = WebhookDelivery.objects.create(outcome=outcome)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        received_at=timezone.now() - timedelta(days=age_days)
    )
    return delivery


def test_it_deletes_old_deliveries_but_keeps_failures_longer(capsys):
    recent = make(Outcome.APPLIED, 1)
    make(Outcome.APPLIED, 40)
    failure = make(Outcome.FAILED, 40)
    make(Outcome.REJECTED, 100)
    call_command("prune_webhook_deliveries")
    assert set(WebhookDelivery.objects.values_list("pk", flat=True)) == {recent.pk, failure.pk}
    assert "deleted 1 deliveries" in capsys.readouterr().out


def test_a_dry_run_deletes_nothing(capsys):
    make(Outcome.APPLIED, 40)
    call_command("prune_webhook_deliveries", "--dry-run")
    assert WebhookDelivery.objects.count() == 1
    assert "would delete 1" in capsys.readouterr().out
