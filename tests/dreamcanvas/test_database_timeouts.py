"""PostgreSQL lock and statement timeouts: a long table lock fails requests fast
instead of holding every worker thread, and /healthz keeps answering."""

from __future__ import annotations

import psycopg
import pytest
from django.db import OperationalError, connection

from dreamcanvas import config
from gallery.models import Artwork

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


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_table_lock_fails_a_query_fast_and_healthz_still_answers(client):
    with connection.cursor() as cursor:
        cursor.execute("SHOW lock_timeout")
        assert cursor.fetchone()[0] == "3s"
    params = connection.get_connection_params()
    params.pop("options", None)
    params.pop("cursor_factory", None)
    params.pop("context", None)
    params.pop("prepare_threshold", None)
    params.pop("server_side_binding", None)
    with psycopg.connect(**params) as locker:
        locker.execute("LOCK TABLE gallery_artwork IN ACCESS EXCLUSIVE MODE")
        with pytest.raises(OperationalError, match="lock timeout"):
            Artwork.objects.count()
        assert client.get("/healthz").status_code == 200
        locker.rollback()
