"""The dashboard's "last 24 h" webhook figure is shared through the cache for a few
seconds (like the order book's summary), and never breaks a page when the cache does."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from webhooks.models import Outcome, WebhookDelivery
from webhooks.selectors import HEALTH_MAX_AGE, delivery_health

pytestmark = pytest.mark.django_db


def test_a_figure_counted_moments_ago_is_reused_without_a_query():
    WebhookDelivery.objects.create(outcome=Outcome.FAILED)
    since = timezone.now() - dt.timedelta(hours=24)
    first = delivery_health(since)
    with CaptureQueriesContext(connection) as queries:
        again = delivery_health(since + dt.timedelta(seconds=1))
    assert (again.total, again.failures) == (first.total, first.failures) == (1, 1)
    assert len(queries) == 0


def test_a_figure_older_than_the_bound_is_counted_again():
    since = timezone.now() - dt.timedelta(hours=24)
    assert delivery_health(since).total == 0
    WebhookDelivery.objects.create(outcome=Outcome.APPLIED)
    later = since + HEALTH_MAX_AGE + dt.timedelta(milliseconds=1)
    assert delivery_health(later).total == 1


def test_an_unreachable_cache_still_gives_the_figure():
    WebhookDelivery.objects.create(outcome=Outcome.REJECTED)
    broken = mock.patch("webhooks.selectors.cache.get", side_effect=ConnectionError("down"))
    with broken, mock.patch("webhooks.selectors.cache.set", side_effect=ConnectionError):
        health = delivery_health(timezone.now() - dt.timedelta(hours=24))
    assert (health.total, health.failures) == (1, 1)
