"""dreamcanvas.sql: the webhook path's statements are bound and planned by PostgreSQL
once per connection; Django's own queries are never prepared."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from dreamcanvas import config, sql
from gallery.models import Creator

POSTGRES = connection.vendor == "postgresql"
needs_postgres = pytest.mark.skipif(
    not POSTGRES, reason="prepared statements are PostgreSQL's; CI runs this on PostgreSQL"
)


def test_postgres_connections_may_prepare_by_default():
    database = config.database("postgres://u:p@db.internal:5432/shop")
    config.postgres_prepared_statements(database, enabled=True)
    assert database["OPTIONS"]["prepare_threshold"] == 0


def test_they_never_prepare_when_turned_off_for_a_transaction_pooler():
    database = config.database("postgres://u:p@db.internal:5432/shop")
    config.postgres_prepared_statements(database, enabled=False)
    assert database["OPTIONS"]["prepare_threshold"] is None


def test_a_threshold_given_in_the_database_url_wins():
    database = config.database("postgres://u:p@db.internal:5432/shop?prepare_threshold=5")
    config.postgres_prepared_statements(database, enabled=True)
    assert database["OPTIONS"]["prepare_threshold"] == 5


def test_sqlite_gets_no_threshold():
    database = config.database("sqlite:///db.sqlite3")
    config.postgres_prepared_statements(database, enabled=True)
    assert "prepare_threshold" not in database.get("OPTIONS", {})


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


@needs_postgres
@pytest.mark.django_db
def test_a_statement_sent_through_fetch_one_is_prepared_once_and_reused():
    statement = "SELECT %s::int + 41 AS prepared_probe"
    assert sql.fetch_one(statement, [1]) == (42,)
    assert sql.fetch_one(statement, [2]) == (43,)
    probes = [s for s in prepared_statements() if "prepared_probe" in s]
    assert len(probes) == 1


@needs_postgres
@pytest.mark.django_db
def test_django_queries_are_not_prepared():
    for _ in range(10):
        list(Creator.objects.filter(handle="nobody-prepared"))
    prepared = prepared_statements()
    assert not [s for s in prepared if "nobody-prepared" in s or "gallery_creator" in s]


@pytest.mark.django_db
def test_insert_returns_the_new_key_and_marks_the_instance_saved():
    creator = Creator(handle="ada", slug="ada", name="Ada")
    pk = sql.insert(creator)
    assert pk is not None and creator.pk == pk and not creator._state.adding
    assert Creator.objects.get(pk=pk).name == "Ada"


@pytest.mark.django_db
def test_insert_ignoring_conflicts_returns_none_and_leaves_the_transaction_usable():
    sql.insert(Creator(handle="ada", slug="ada", name="Ada"))
    again = Creator(handle="ada", slug="ada2", name="Other")
    assert sql.insert(again, ignore_conflicts=True) is None
    assert Creator.objects.get(handle="ada").name == "Ada"
    with pytest.raises(IntegrityError):
        sql.insert(Creator(handle="ada", slug="ada2", name="Other"))


@pytest.mark.django_db
def test_statements_appear_in_the_query_log_with_their_text():
    with CaptureQueriesContext(connection) as queries:
        sql.fetch_one("SELECT %s AS logged_probe", ["x"])
    assert "logged_probe" in queries[-1]["sql"]


@pytest.mark.django_db
def test_update_writes_the_named_fields_only():
    creator = Creator(handle="ada", slug="ada", name="Ada", bio="old")
    sql.insert(creator)
    creator.name, creator.bio = "Ada L.", "changed in memory only"
    sql.update(creator, ["name"])
    stored = Creator.objects.get(pk=creator.pk)
    assert (stored.name, stored.bio) == ("Ada L.", "old")
