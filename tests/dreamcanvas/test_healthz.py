from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_it_reports_a_working_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_it_answers_with_a_trailing_slash_too(client):
    assert client.get("/healthz/").status_code == 200


def test_it_returns_503_when_the_database_is_down(client):
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute",
        side_effect=OperationalError("could not connect to server at db.internal"),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}
    assert b"db.internal" not in response.content


def test_it_rejects_post(client):
    assert client.post("/healthz").status_code == 405


def test_it_answers_head_for_load_balancers(client):
    assert client.head("/healthz").status_code == 200


@pytest.fixture
def fresh_migration_check(monkeypatch):
    from dreamcanvas import views

    monkeypatch.setattr(views, "_migrations_applied", False)


def test_it_returns_503_when_migrations_are_not_applied(client, fresh_migration_check):
    from django.db.migrations.recorder import MigrationRecorder

    # As after a release that skipped `migrate`: the newest migration is not recorded.
    newest = MigrationRecorder.Migration.objects.filter(app="sessions_app").order_by("-id")[0]
    newest.delete()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "migrations": "pending"}


def test_it_is_healthy_once_every_migration_is_applied(client, fresh_migration_check):
    assert client.get("/healthz").status_code == 200
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok"}
