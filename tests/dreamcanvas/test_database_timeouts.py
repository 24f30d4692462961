"""PostgreSQL lock and statement timeouts: a long table lock fails requests fast
instead of holding every worker thread, and /healthz keeps answering."""

from __future__ import annotations

import psycopg
import pytest
from django.db import OperationalError, connection

from dreamcanvas import config
from gallery.models import Artwork
from tests.helpers import make_event, post_webhook

POSTGRES = connection.vendor == "postgresql"
needs_postgres = pytest.mark.skipif(
    not POSTGRES, reason="lock_timeout is a PostgreSQL setting; run with a postgres DATABASE_URL"
)


def test_postgres_connections_get_lock_and_statement_timeouts():
    database = config.database("postgres://u:p@db.internal:5432/shop")
    config.postgres_timeouts(database, lock_seconds=3, statement_seconds=30)
    assert database["OPTIONS"]["options"] == "-c lock_timeout=3000 -c statement_timeout=30000"


def test_options_given_in_the_database_url_win():
    database = config.database(
        "postgres://u:p@db.internal:5432/shop?options=-c%20statement_timeout%3D5000"
    )
    config.postgres_timeouts(database, lock_seconds=3, statement_seconds=30)
    assert database["OPTIONS"]["options"] == "-c statement_timeout=5000"


def test_sqlite_is_left_alone():
    database = config.database("sqlite:///db.sqlite3")
    config.postgres_timeouts(database, lock_seconds=3, statement_seconds=30)
    assert "options" not in database["OPTIONS"]


def another_connection() -> psycopg.Connection:
    """A second session, as a migration or an operator's psql would be."""
    params = connection.get_connection_params()
    for django_only in ("options", "cursor_factory", "context", "prepare_threshold"):
        params.pop(django_only, None)
    params.pop("server_side_binding", None)
    return psycopg.connect(**params)


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_table_lock_fails_a_query_fast_and_healthz_still_answers(client):
    with connection.cursor() as cursor:
        cursor.execute("SHOW lock_timeout")
        assert cursor.fetchone()[0] == "3s"
    with another_connection() as locker:
        locker.execute("LOCK TABLE gallery_artwork IN ACCESS EXCLUSIVE MODE")
        with pytest.raises(OperationalError, match="lock timeout"):
            Artwork.objects.count()
        assert client.get("/healthz").status_code == 200
        locker.rollback()


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_webhook_meeting_a_locked_order_book_answers_5xx_so_printora_retries(client):
    with another_connection() as locker:
        locker.execute("LOCK TABLE orders_order IN ACCESS EXCLUSIVE MODE")
        response = post_webhook(client, make_event("order.paid"))
        locker.rollback()
    assert response.status_code >= 500
    # Once the lock is gone, Printora's retry is applied.
    assert post_webhook(client, make_event("order.paid")).status_code == 200
