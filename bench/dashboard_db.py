"""The dashboard bench's database: production-like settings, COPY streams, the fill
and its consistency check against the application's own projection."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import secrets
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: bench/ is on the path, not the project
    sys.path.insert(0, str(ROOT))

from bench.common import PG_HOST, PG_PORT  # noqa: E402
from bench.dashboard_book import (  # noqa: E402
    COPY_TABLES,
    ORDER_COLUMNS,
    OrderBook,
)

# Overridable, for a machine shared with others (each their own database, Redis index).
BENCH_DATABASE = os.environ.get("BENCH_DASHBOARD_DATABASE", "dreamcanvas_bench_dashboard")
# Production runs Redis (CACHE_URL): the bench uses this index for its cache.
CACHE_URL = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/9")
DATABASE_URL = f"postgres://postgres@{PG_HOST}:{PG_PORT}/{BENCH_DATABASE}"
SERVER_NAME = "testserver"


def configure_environment() -> None:
    """Production-like settings, before Django reads them."""
    dropped = ("PRINTORA_", "DJANGO_", "NEXT_PUBLIC_", "SECURE_", "SANDBOX_")
    for name in list(os.environ):
        if name.startswith(dropped) or name in (
            "DATABASE_URL",
            "DEBUG",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "APP_URL",
            "LOG_LEVEL",
            "DASHBOARD_PUBLIC",
            "CONN_MAX_AGE",
            "CACHE_URL",
            "DATABASE_STATEMENT_TIMEOUT",
        ):
            del os.environ[name]
    os.environ.update(
        DJANGO_SETTINGS_MODULE="dreamcanvas.settings",
        DJANGO_READ_DOT_ENV_FILE="false",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(64),
        # Production-like: a partner with real credentials runs without the sandbox.
        PRINTORA_SANDBOX="false",
        # Never called by the bench, but production without the sandbox needs a key.
        PRINTORA_API_KEY="pk_test_bench_unused",
        PRINTORA_WEBHOOK_SECRET="whsec_bench_" + secrets.token_hex(16),
        DATABASE_URL=DATABASE_URL,
        ALLOWED_HOSTS=SERVER_NAME,
        APP_URL=f"https://{SERVER_NAME}",
        LOG_LEVEL="WARNING",
        DASHBOARD_PUBLIC="true",
        # One database connection for the whole timing phase (production: 60 s, so a
        # worker thread reconnects about once a minute); keeps reconnects out of p95.
        CONN_MAX_AGE="600",
        CACHE_URL=CACHE_URL,
        # The fill's VACUUM (ANALYZE) of 1,000,000 orders runs longer than production's
        # 30 s statement timeout (it stopped the first 1M run); pages take milliseconds.
        DATABASE_STATEMENT_TIMEOUT="0",
    )


class CopyStream:
    """``COPY table FROM STDIN`` on a connection of its own, fed in ~256 kB chunks.

    The four tables are copied at the same time: PostgreSQL parses and indexes rows
    (in four backends) while Python generates the next ones, and a queued writer
    (a thread per stream) keeps a slow backend from stalling the generator.
    """

    def __init__(self, table: str, columns: Sequence[str]) -> None:
        import psycopg
        from psycopg.copy import QueuedLibpqWriter

        self.stack = contextlib.ExitStack()
        connection = self.stack.enter_context(psycopg.connect(DATABASE_URL, autocommit=True))
        cursor = self.stack.enter_context(connection.cursor())
        self.copy = self.stack.enter_context(
            cursor.copy(
                f"COPY {table} ({', '.join(columns)}) FROM STDIN",
                writer=QueuedLibpqWriter(cursor),
            )
        )
        self.parts: list[str] = []
        self.size = 0

    def write(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)
        if self.size >= 1 << 18:
            self.copy.write("".join(self.parts))
            self.parts.clear()
            self.size = 0

    def finish(self) -> None:
        """Send the rest and end the COPY (its transaction commits)."""
        if self.parts:
            self.copy.write("".join(self.parts))
            self.parts.clear()
        self.stack.close()


def fill(orders: int, seed: int) -> tuple[OrderBook, float]:
    from django.db import connection

    from gallery.models import Artwork
    from orders.models import Order

    ORDER_COLUMNS[:] = [str(field.column) for field in Order._meta.concrete_fields]
    started = time.perf_counter()
    now = OrderBook._ms(dt.datetime.now(dt.UTC))
    book = OrderBook(
        orders=orders,
        seed=seed,
        now=now,
        artwork_ids=list(Artwork.objects.values_list("pk", flat=True)),
    )
    columns = {"orders_order": ORDER_COLUMNS, **COPY_TABLES}
    # Finished in this order: an event's foreign keys (its order, its delivery) are
    # checked when its COPY commits, so the events go last.
    tables = [
        "orders_order",
        "sessions_app_partnersession",
        "orders_orderevent",
        # Last: a delivery points at the event it produced.
        "webhooks_webhookdelivery",
    ]
    streams: dict[str, CopyStream] = {}
    try:
        for table in tables:
            streams[table] = CopyStream(table, columns[table])
        book.generate(
            streams["orders_order"],
            streams["orders_orderevent"],
            streams["webhooks_webhookdelivery"],
            streams["sessions_app_partnersession"],
        )
        generated = time.perf_counter()
        for table in tables:
            streams.pop(table).finish()
    finally:
        for stream in streams.values():  # after an error: close what is left
            with contextlib.suppress(Exception):
                stream.stack.close()
    copied = time.perf_counter()
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(
                # Table names are this file's constants, not input.
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
            )
        # A year-old table has been through autovacuum many times; a freshly copied
        # one has not: no visibility map (so no index-only scans) and no hint bits
        # (so the first queries write). VACUUM (ANALYZE) brings it to that steady state.
        cursor.execute("VACUUM (ANALYZE)")
    analyzed = time.perf_counter()
    print(
        f"  generated {generated - started:.1f} s (COPY streaming meanwhile), "
        f"COPY finished {copied - generated:.1f} s later; VACUUM (ANALYZE) "
        f"{analyzed - copied:.1f} s"
    )
    return book, copied - started


def check_consistency(sample: int, seed: int) -> tuple[int, int, list[str]]:
    """Rebuild ``sample`` random orders from their stored events with the app's own
    projection and compare: (checked, matching, first differences)."""
    from orders.models import Order
    from orders.services import PROJECTED_FIELDS, _project
    from printora_client.models import WebhookEvent

    rng = random.Random(seed)
    ids = list(Order.objects.values_list("pk", flat=True))
    chosen = rng.sample(ids, min(sample, len(ids)))
    differences: list[str] = []
    matching = 0
    for order in Order.objects.filter(pk__in=chosen).prefetch_related("events"):
        stored = {name: getattr(order, name) for name in PROJECTED_FIELDS}
        rebuilt = Order(printora_order_id=order.printora_order_id)
        events = [WebhookEvent.model_validate(e.payload) for e in order.events.all()]
        _project(rebuilt, events)
        different = [name for name in PROJECTED_FIELDS if getattr(rebuilt, name) != stored[name]]
        if different:
            if len(differences) < 5:
                name = different[0]
                differences.append(
                    f"order {order.pk} {different}: {name} stored {stored[name]!r} "
                    f"projected {getattr(rebuilt, name)!r}"
                )
        else:
            matching += 1
    return len(chosen), matching, differences
