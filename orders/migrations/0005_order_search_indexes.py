"""Indexes for the dashboard at a million orders (issue 11).

Everywhere: ``order_email_upper`` (the search's exact try on an e-mail),
``order_created_status`` and ``order_creator_*_status`` (chip counts of a date range
or a creator, index-only).

PostgreSQL only (SQLite keeps a plain scan): the ``pg_trgm`` extension, one GIN
trigram index per searched column on ``UPPER(col)``, the expression Django's
``icontains`` compiles to, and ``order_book_summary``, a covering index that turns the
summary's aggregate into an index-only scan. Built ``CONCURRENTLY`` (so the migration
is not atomic): webhooks keep writing while a large book is indexed. ``pg_trgm`` is a
trusted extension (PostgreSQL 13+): the database's owner may create it.
"""

import django.db.models.functions.text
from django.db import migrations, models

SEARCH_COLUMNS = {
    "order_orderid_trgm": "printora_order_id",
    "order_number_trgm": "order_number",
    "order_session_trgm": "session_id",
    "order_email_trgm": "customer_email",
    "order_name_trgm": "customer_name",
}
POSTGRESQL_INDEXES = {
    **{
        name: f'USING gin (UPPER("{column}") gin_trgm_ops)'
        for name, column in SEARCH_COLUMNS.items()
    },
    "order_book_summary": '("status", "currency") INCLUDE ("total_amount", "updated", "id")',
}


def create_postgresql_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, definition in POSTGRESQL_INDEXES.items():
        schema_editor.execute(
            f'CREATE INDEX CONCURRENTLY IF NOT EXISTS "{name}" ON "orders_order" {definition}'
        )


def drop_postgresql_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in POSTGRESQL_INDEXES:
        schema_editor.execute(f'DROP INDEX CONCURRENTLY IF EXISTS "{name}"')


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction

    dependencies = [
        ("orders", "0004_order_creator_columns"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="order",
            index=models.Index(
                django.db.models.functions.text.Upper("customer_email"), name="order_email_upper"
            ),
        ),
        migrations.AddIndex(
            model_name="order",
            index=models.Index(fields=["created", "status"], name="order_created_status"),
        ),
        migrations.AddIndex(
            model_name="order",
            index=models.Index(fields=["creator_slug", "status"], name="order_creator_slug_status"),
        ),
        migrations.AddIndex(
            model_name="order",
            index=models.Index(fields=["creator_id", "status"], name="order_creator_id_status"),
        ),
        migrations.RunPython(create_postgresql_indexes, drop_postgresql_indexes, atomic=False),
    ]
