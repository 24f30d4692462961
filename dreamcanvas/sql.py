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

from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper


def fetch_one(sql: str, params: Sequence[Any]) -> tuple[Any, ...] | None:
    """Run ``sql`` (``%s`` placeholders, and no other ``%``) and return its first row,
    or None (no row, or a statement that returns none)."""
    db = connections[DEFAULT_DB_ALIAS]  # once: each use of the proxy looks it up again
    if db.vendor != "postgresql":
        with db.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone() if cursor.description else None
    import psycopg  # only on PostgreSQL: a SQLite-only install needs no driver

    # Bypassing db.cursor() would lose its health check and error wrapping, so this
    # is what it does, with psycopg's server-binding cursor in place of Django's
    # client-binding one.
    db.close_if_health_check_failed()
    db.ensure_connection()
    db.validate_thread_sharing()
    with db.wrap_database_errors:
        # RawCursor sends the text as is: psycopg does not parse it for placeholders
        # on every call (it caches that only for short statements with few values).
        raw = psycopg.RawCursor(db.connection)
    logged = db.queries_logged
    with (CursorDebugWrapper if logged else CursorWrapper)(raw, db) as cursor:
        cursor.execute(_numbered(sql), params)
        row = cursor.fetchone() if cursor.description else None  # None: no RETURNING
    if logged and db.queries_log:
        # Django's query log cannot read a server-bound statement back (it logs
        # None): log it with its placeholders.
        entry = db.queries_log[-1]
        entry["sql"] = entry["sql"] or sql
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
        shape = _insert_shape(type(instance), tuple(sorted((computed or {}).items())))
        db = connections[instance._state.db or DEFAULT_DB_ALIAS]  # not the proxy: it is slow
        params = [
            field.get_db_prep_save(field.pre_save(instance, True), db) for field in shape.bound
        ]
        return cls(shape.table, shape.columns, shape.values, shape.pk, params)


@dataclass(frozen=True)
class _InsertShape:
    table: str
    columns: str
    values: str
    pk: str
    bound: list[models.Field]  # the fields sent as parameters, in order


@functools.lru_cache(maxsize=64)
def _insert_shape(model: type[models.Model], computed: tuple[tuple[str, str], ...]) -> _InsertShape:
    sql_of = dict(computed)
    fields = [(field, column_of(field)) for field in _insert_fields(model)]
    quote = connection.ops.quote_name
    meta = model._meta
    return _InsertShape(
        table=quote(meta.db_table),
        columns=", ".join(quote(column) for _, column in fields),
        values=", ".join(sql_of.get(column, "%s") for _, column in fields),
        pk=quote(column_of(meta.pk) if meta.pk else "id"),
        bound=[field for field, column in fields if column not in sql_of],
    )


def column_of(field: models.Field) -> str:
    """The field's column name (None only for fields without a column)."""
    return str(field.get_attname_column()[1])


@functools.cache
def _insert_fields(model: type[models.Model]) -> list[models.Field]:
    return [field for field in model._meta.concrete_fields if not field.primary_key]
