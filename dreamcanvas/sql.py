"""Hot statements: bound and planned by PostgreSQL once per connection.

Django's PostgreSQL backend binds parameters on the client (values are quoted into
the SQL text), so the server parses and plans every statement again. For the few
statements on the webhook receiver's path, that was most of PostgreSQL's work per
delivery. ``fetch_one`` sends them with server-side binding instead; where
``DATABASE_PREPARED_STATEMENTS`` allows (the default), each is prepared on first
use and then only executed for as long as the connection lives (``CONN_MAX_AGE``).

Only statements sent through here are prepared: Django's own cursors never prepare
(psycopg's client-side cursor does not), whatever ``prepare_threshold`` says.
The statements still run through Django's cursor wrapper, so database errors are
Django's (``IntegrityError``…) and query counting (tests, benches) sees them.
On SQLite this is a plain ``cursor.execute``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, models
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper


def fetch_one(sql: str, params: Sequence[Any]) -> tuple[Any, ...] | None:
    """Run ``sql`` (``%s`` placeholders, and no other ``%``) and return its first row,
    or None."""
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()
    import psycopg  # only on PostgreSQL: a SQLite-only install needs no driver

    # Bypassing connection.cursor() would lose its health check and error wrapping,
    # so this is what it does, with psycopg's server-binding cursor in place of
    # Django's client-binding one.
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    with connection.wrap_database_errors:
        # RawCursor sends the text as is: psycopg does not parse it for placeholders
        # on every call (it caches that only for short statements with few values).
        raw = psycopg.RawCursor(connection.connection)
    wrapper = CursorDebugWrapper if connection.queries_logged else CursorWrapper
    wrapped = wrapper(raw, connection)
    with wrapped as cursor:
        cursor.execute(_numbered(sql), params)
        row = cursor.fetchone()
    if connection.queries_logged and connection.queries_log:
        # Django's query log cannot read a server-bound statement back (it logs
        # None): log it with its placeholders.
        logged = connection.queries_log[-1]
        logged["sql"] = logged["sql"] or sql
    return row


@functools.lru_cache(maxsize=256)
def _numbered(sql: str) -> str:
    """``sql`` with its ``%s`` placeholders numbered as PostgreSQL's ``$1, $2, …``."""
    parts = sql.split("%s")
    if any("%" in part for part in parts):
        raise ValueError("a statement for fetch_one has no % but its %s placeholders")
    return "".join(f"{part}${number}" for number, part in enumerate(parts[:-1], 1)) + parts[-1]


def insert(instance: models.Model, *, ignore_conflicts: bool = False) -> int | None:
    """Insert ``instance`` in one statement and return its new primary key.

    What ``Model.save()`` sends, without the ORM's per-call compilation, and sent
    through ``fetch_one`` (so prepared on PostgreSQL). With ``ignore_conflicts``
    it is ``INSERT … ON CONFLICT DO NOTHING`` (PostgreSQL, SQLite ≥ 3.35): None
    when a unique constraint already holds the row's key. Unlike ``create()`` a
    conflict does not abort the transaction, so no savepoint is needed; unlike
    ``bulk_create(ignore_conflicts=True)`` the key comes back. Sends no signals.
    """
    row = InsertParts.of(instance)
    conflict = " ON CONFLICT DO NOTHING" if ignore_conflicts else ""
    found = fetch_one(
        f"INSERT INTO {row.table} ({row.columns}) VALUES ({row.values}){conflict} "  # noqa: S608
        f"RETURNING {row.pk}",
        row.params,
    )
    if found is None:
        return None
    saved(instance, found[0])
    return found[0]


def update(instance: models.Model, fields: Sequence[str]) -> None:
    """``instance.save(update_fields=fields)`` in one prepared statement, without the
    ORM's per-call compilation (and without signals)."""
    model = type(instance)
    chosen = [model._meta.get_field(name) for name in fields]
    params = [
        field.get_db_prep_save(field.pre_save(instance, False), connection)  # type: ignore[union-attr]
        for field in chosen
    ]
    fetch_one(_update_sql(model, tuple(fields)), [*params, instance.pk])


@functools.lru_cache(maxsize=128)
def _update_sql(model: type[models.Model], fields: tuple[str, ...]) -> str:
    quote = connection.ops.quote_name
    meta = model._meta
    assignments = ", ".join(
        f"{quote(column_of(meta.get_field(name)))} = %s"  # type: ignore[arg-type]
        for name in fields
    )
    pk = quote(column_of(meta.pk)) if meta.pk else '"id"'
    return f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {pk} = %s"  # noqa: S608


def saved(instance: models.Model, pk: Any) -> None:
    """Mark ``instance`` as the stored row ``pk`` (what ``save()`` does after its INSERT)."""
    instance.pk = pk
    instance._state.adding = False
    instance._state.db = connection.alias


@dataclass(frozen=True)
class InsertParts:
    """An unsaved row as the pieces of an ``INSERT``, for statements that compose one
    (``INSERT INTO {table} ({columns}) SELECT {values} FROM …``). Only quoted names
    from the model's metadata are formatted in; values are parameters, except the
    columns given SQL of their own in ``computed`` (written by the caller)."""

    table: str
    columns: str
    values: str
    pk: str
    params: list[Any]

    @classmethod
    def of(cls, instance: models.Model, computed: Mapping[str, str] | None = None) -> InsertParts:
        computed = computed or {}
        fields = _insert_fields(type(instance))
        params = [
            field.get_db_prep_save(field.pre_save(instance, True), connection)
            for field in fields
            if column_of(field) not in computed
        ]
        quote = connection.ops.quote_name
        meta = instance._meta
        return cls(
            table=quote(meta.db_table),
            columns=", ".join(quote(column_of(field)) for field in fields),
            values=", ".join(computed.get(column_of(field), "%s") for field in fields),
            pk=quote(column_of(meta.pk) if meta.pk else "id"),
            params=params,
        )


def column_of(field: models.Field) -> str:
    """The field's column name (None only for fields without a column)."""
    return str(field.get_attname_column()[1])


@functools.cache
def _insert_fields(model: type[models.Model]) -> list[models.Field]:
    return [field for field in model._meta.concrete_fields if not field.primary_key]
