"""Server time of the orders dashboard on a large, realistic order book (PostgreSQL).

    .venv/bin/python bench/dashboard.py [--orders 100000] [--runs 30] [--warmup 5]
        [--captured 5] [--status shipped] [--slow-ms 10] [--no-what-if] [--profile]
        [--keep] [--seed N] [--sample 300]

1. Drops and recreates the PostgreSQL database ``dreamcanvas_bench_dashboard`` on
   127.0.0.1:5432 (user postgres), migrates it, and fills it with ``--orders``
   orders (default 100,000) placed over the last year, the webhook events that built
   each of them, the webhook deliveries of the last 30 days (90 for failures) and the
   partner sessions they came from: four PostgreSQL ``COPY`` streams (psycopg 3) fed
   while the rows are generated, then ``VACUUM (ANALYZE)``. A sample of orders is
   checked against ``orders.services._project`` (each order is what the
   application's own projection makes of its stored events).
2. With production-like settings (``DEBUG=false``, a random ``SECRET_KEY``, no
   sandbox, ``DASHBOARD_PUBLIC=true``, HTTPS redirect on, hashed static files from a
   private ``collectstatic``) it times in-process, with Django's test ``Client``
   over HTTPS, the list page (unfiltered, filtered by ``--status``, searched by a
   returning customer's email), the richest recent order's page and the live
   endpoint (cursor ~10 changes back; and unchanged, answered 304): ``--runs`` timed
   requests after ``--warmup`` ones, median and p95 wall time, then ``--captured``
   requests with their queries captured (``CaptureQueriesContext``): count and time.
   Target: a median ≤ 30 ms for each page.
3. Every query slower than ``--slow-ms`` (median) is printed with the top of its
   ``EXPLAIN (ANALYZE, BUFFERS)`` plan and notes on what it reads.
4. What-if (unless ``--no-what-if``): creates the indexes this bench suggests in the
   throwaway database (through Django's schema editor, from the ``models.Index``
   definitions it prints) and times every page again. No model, migration or view
   of the project is touched.
5. Drops the database (unless ``--keep``).

A measurement, not a test: a missed target is printed, not turned into an exit
status (1 only when the bench could not run). Bounded and local: one database on
127.0.0.1, nothing leaves the machine. See bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import os
import platform
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: bench/ is on the path, not the project
    sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    BenchError,
    code_version,
    drop_database,
    machine_busy_seconds,
    postgres_admin,
    process_cpu_seconds,
)
from bench.dashboard_book import (  # noqa: E402
    OrderBook,
)
from bench.dashboard_data import (  # noqa: E402
    DELIVERY_DAYS,
)
from bench.dashboard_db import (  # noqa: E402
    BENCH_DATABASE,
    DATABASE_URL,
    SERVER_NAME,
    check_consistency,
    configure_environment,
    fill,
)
from bench.dashboard_timing import (  # noqa: E402
    Measurement,
    QueryTiming,
    Scenario,
    explain,
    measure_pages,
)

TARGET_MEDIAN_MS = 30.0  # from the issue, for PostgreSQL


CODE_FILES = (
    "orders/views/book.py",
    "orders/views/detail.py",
    "orders/selectors.py",
    "orders/models.py",
)


# --------------------------------------------------------------------------- main


@dataclasses.dataclass
class Options:
    orders: int
    runs: int
    warmup: int
    captured: int
    status: str
    slow_ms: float
    keep: bool
    seed: int
    sample: int
    what_if: bool
    profile: bool


def parse_args(argv: Sequence[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--orders", type=int, default=100_000, help="orders (default 100000)")
    parser.add_argument("--runs", type=int, default=30, help="timed requests per page (30)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests first (5)")
    parser.add_argument(
        "--captured", type=int, default=5, help="extra requests with queries captured (5)"
    )
    parser.add_argument(
        "--status", default="shipped", help="status of the filtered list (default shipped)"
    )
    parser.add_argument(
        "--slow-ms", type=float, default=10.0, help="explain queries slower than this (10)"
    )
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    parser.add_argument("--seed", type=int, default=20261127)
    parser.add_argument(
        "--sample", type=int, default=300, help="orders checked against their events (300)"
    )
    parser.add_argument(
        "--no-what-if",
        dest="what_if",
        action="store_false",
        help="skip timing the pages again with the suggested indexes",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also print a cProfile summary (Python side) of each page",
    )
    args = parser.parse_args(argv)
    if min(args.orders, args.runs, args.captured) < 1 or args.warmup < 0:
        parser.error("--orders, --runs, --captured must be >= 1 and --warmup >= 0")
    return Options(
        orders=args.orders,
        runs=args.runs,
        warmup=args.warmup,
        captured=args.captured,
        status=args.status,
        slow_ms=args.slow_ms,
        keep=args.keep,
        seed=args.seed,
        sample=args.sample,
        what_if=args.what_if,
        profile=args.profile,
    )


def pick_targets(book: OrderBook) -> dict[str, str]:
    """The email, order and cursors the scenarios use, chosen in the data."""
    from django.db.models import Count

    from orders.models import Order

    repeat = max(book.customers, key=lambda c: c.orders)
    recent = book.now - dt.timedelta(days=DELIVERY_DAYS)
    # The richest recent order: most events, then a duplicate delivery or two.
    detail = (
        Order.objects.filter(created__gte=recent)
        .annotate(n=Count("events"))
        .order_by("-n", "-created")
        .values_list("printora_order_id", flat=True)
        .first()
    )
    updates = list(Order.objects.order_by("-updated").values_list("updated", flat=True)[:12])
    shown = Order.objects.filter(printora_order_id=detail).first() if detail else None
    detail_note = ""
    if shown is not None:
        from webhooks.models import WebhookDelivery

        deliveries = WebhookDelivery.objects.filter(order_id=detail).count()
        detail_note = (
            f"{shown.order_number}: {shown.status}, {shown.events.count()} events, "
            f"{deliveries} webhook deliveries, {len(shown.items)} items"
        )
    return {
        "detail_note": detail_note,
        "email": repeat.email,
        "email_orders": str(repeat.orders),
        "detail": detail or "",
        # The 11th newest change: about ten changed orders after it (plus the
        # endpoint's 5 s overlap).
        "since": updates[min(10, len(updates) - 1)].isoformat() if updates else "",
        "latest": updates[0].isoformat() if updates else "",
    }


def build_scenarios(
    client: Any, targets: dict[str, str], status: str
) -> tuple[list[Scenario], list[str]]:
    from urllib.parse import urlencode

    from django.urls import NoReverseMatch, reverse

    missing: list[str] = []
    scenarios: list[Scenario] = []

    def url(name: str, *args: str) -> str | None:
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            missing.append(name)
            return None

    listing = url("orders:dashboard")
    if listing:
        scenarios += [
            Scenario("list, unfiltered", listing),
            Scenario(f"list, status={status}", f"{listing}?{urlencode({'status': status})}"),
            Scenario(
                "list, search by email",
                f"{listing}?{urlencode({'q': targets['email']})}",
                note=f"{targets['email']} ({targets['email_orders']} orders)",
            ),
        ]
    detail = url("orders:order", targets["detail"]) if targets["detail"] else None
    if detail:
        scenarios.append(Scenario("order detail", detail, note=targets["detail_note"]))
    live = url("orders:live")
    if live and targets["since"]:
        scenarios.append(
            Scenario(
                "live, recent cursor",
                f"{live}?{urlencode({'since': targets['since']})}",
                note="~10 orders changed since",
            )
        )
        unchanged = f"{live}?{urlencode({'since': targets['latest']})}"
        first = client.get(unchanged, secure=True)
        etag = first.headers.get("ETag")
        if etag:
            scenarios.append(
                Scenario(
                    "live, unchanged (304)",
                    unchanged,
                    headers={"If-None-Match": etag},
                    expect=304,
                    note="If-None-Match",
                )
            )
    return scenarios, missing


def run(options: Options) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="dreamcanvas-bench-dashboard-"))
    created = False
    try:
        print(f"bench/dashboard.py {' '.join(sys.argv[1:])}".rstrip())
        started = time.perf_counter()
        sum(range(10**6))
        calibration = (time.perf_counter() - started) * 1000
        print(
            f"machine: {os.cpu_count()} CPUs, Python {platform.python_version()} "
            f"(sum(range(10**6)) in {calibration:.0f} ms), {platform.system()} "
            f"{platform.release()}; code: {code_version(CODE_FILES)}"
        )
        postgres_admin(
            [
                f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)',
                f'CREATE DATABASE "{BENCH_DATABASE}"',
            ]
        )
        created = True
        configure_environment()
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        # Static files: the production storage needs a manifest; build one in a
        # private directory rather than touching the project's staticfiles/.
        settings.STATIC_ROOT = str(workdir / "static")
        step = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        print(f"migrate + collectstatic (private STATIC_ROOT): {time.perf_counter() - step:.1f} s")
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            server_version = cursor.fetchone()[0]
        print(f"database: fresh PostgreSQL {server_version} database {BENCH_DATABASE}")

        print(f"filling {options.orders:,} orders ...", flush=True)
        book, fill_seconds = fill(options.orders, options.seed)
        counts = book.counts
        print(
            f"fill: {counts.orders:,} orders, {counts.events:,} events "
            f"({counts.events / max(1, counts.orders):.2f} per order), "
            f"{counts.deliveries:,} webhook deliveries, {counts.sessions:,} partner sessions "
            f"in {fill_seconds:.1f} s (COPY)"
        )
        print(f"  orders by status: {dict(counts.by_status.most_common())}")
        print(f"  orders by currency: {dict(counts.by_currency.most_common())}")
        print(f"  deliveries by outcome: {dict(counts.deliveries_by_outcome.most_common())}")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT relname, pg_size_pretty(pg_total_relation_size(oid)) FROM pg_class "
                "WHERE relname IN ('orders_order', 'orders_orderevent', "
                "'webhooks_webhookdelivery', 'sessions_app_partnersession') ORDER BY relname"
            )
            print("  sizes (with indexes): " + ", ".join(f"{n} {s}" for n, s in cursor.fetchall()))
            cursor.execute(
                "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE tablename IN "
                "('orders_order', 'orders_orderevent') ORDER BY tablename, indexname"
            )
            indexes = cursor.fetchall()
        print("  indexes:")
        for _, _, definition in indexes:
            print(f"    {re.sub(r' USING btree', '', definition.replace('public.', ''))}")
        checked, matching, differences = check_consistency(options.sample, options.seed)
        print(
            f"  consistency: {matching}/{checked} sampled orders equal the projection "
            "(orders.services._project) of their stored events"
        )
        for line in differences:
            print(f"    {line}")

        targets = pick_targets(book)
        # A failing page is reported with its status (500), as a browser would see it.
        client = Client(SERVER_NAME=SERVER_NAME, raise_request_exception=False)
        scenarios, missing = build_scenarios(client, targets, options.status)
        if missing:
            print(f"NOT MEASURED (URL names missing from orders/urls.py): {', '.join(missing)}")
        print(
            f"\ntiming {len(scenarios)} pages in-process (django.test.Client, HTTPS, "
            f"DEBUG=false): {options.warmup} warm-up + {options.runs} timed requests each, "
            f"then {options.captured} with queries captured ...",
            flush=True,
        )
        results, queries = time_pages(client, scenarios, options)
        report(options, results, queries)
        if options.profile:
            for scenario in scenarios:
                profile_page(client, scenario)

        if options.what_if:
            print(
                "\nWHAT-IF: the same pages with the suggested indexes, created in this "
                "throwaway database only (no model or migration changes):"
            )
            for definition in add_candidate_indexes():
                print(f"  {definition}")
            with connection.cursor() as cursor:
                cursor.execute("VACUUM (ANALYZE) orders_order")
            results, queries = time_pages(client, scenarios, options)
            report(options, results, queries)

            restore = simulate_cached_summary(SUMMARY_TTL)
            if restore is not None:
                print(
                    f"\nWHAT-IF 2: the indexes, and the book summary (status counts, "
                    f"revenue) cached for {SUMMARY_TTL:g} s, the cursor still read fresh "
                    "(simulated in this process by wrapping orders.selectors.book_summary; "
                    "no file is changed):"
                )
                try:
                    results, queries = time_pages(client, scenarios, options)
                    report(options, results, queries)
                finally:
                    restore()
        return 0
    except BenchError as exc:
        print(f"bench failed: {exc}", file=sys.stderr)
        return 1
    finally:
        with contextlib.suppress(Exception):
            from django.db import connections

            connections.close_all()
        if created and not options.keep:
            drop_database(BENCH_DATABASE)
            print(f"dropped database {BENCH_DATABASE}")
        elif created:
            print(f"kept database {BENCH_DATABASE} ({DATABASE_URL})")
        import shutil

        shutil.rmtree(workdir, ignore_errors=True)


def time_pages(
    client: Any, scenarios: Sequence[Scenario], options: Options
) -> tuple[list[Measurement], dict[str, QueryTiming]]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    before = background_load()
    queries: dict[str, QueryTiming] = {}
    machine_before = machine_busy_seconds()
    ours_before = time.process_time() + process_cpu_seconds([backend])
    wall_before = time.perf_counter()
    results = measure_pages(
        client,
        scenarios,
        runs=options.runs,
        warmup=options.warmup,
        captured=options.captured,
        queries=queries,
    )
    wall = time.perf_counter() - wall_before
    machine_after = machine_busy_seconds()
    ours = time.process_time() + process_cpu_seconds([backend]) - ours_before
    after = background_load()
    if machine_before is not None and machine_after is not None:
        machine = machine_after - machine_before
        print(
            f"machine while timing ({wall:.0f} s): {machine / wall:.2f} of {os.cpu_count()} "
            f"cores busy; this process + its PostgreSQL backend {ours / wall:.2f}; the rest "
            f"{max(0.0, machine - ours) / wall:.2f} (other engineers' processes, and the "
            f"parallel workers of our own queries); other processes alone, bench idle 3 s "
            f"before and after: {before:.2f} and {after:.2f}"
        )
    return results, queries


def profile_page(client: Any, scenario: Scenario, requests: int = 10) -> None:
    """Where the Python side of a page spends its time (cProfile, CPU clock)."""
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile(time.thread_time)
    profiler.enable()
    for _ in range(requests):
        client.get(scenario.path, headers=scenario.headers, secure=True)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    # Cumulative: the project's own functions (views, selectors, template tags).
    project = re.escape(str(ROOT)) + r"/(?!\.venv)"
    stats.sort_stats("cumulative").print_stats(project, 12)
    stats.sort_stats("tottime").print_stats(15)
    print(f"\nprofile of {scenario.name} ({requests} requests, CPU seconds):")
    for line in out.getvalue().splitlines():
        if line.strip() and not line.startswith(("   Ordered by", "   List reduced")):
            print(f"  {line.replace(str(ROOT) + '/', '')[:170]}")


SUMMARY_TTL = 5.0  # seconds; the live endpoint polls every 4 s


def simulate_cached_summary(ttl: float) -> Callable[[], None] | None:
    """Replace ``orders.selectors.book_summary`` (in this process only) by a version
    that recomputes the full-table aggregate at most every ``ttl`` seconds and reads
    only the newest ``updated`` (an index lookup) on every call, as suggested.
    Returns the function that puts the original back, or None when the selectors
    have no such function (the code changed since this bench was written)."""
    from orders import selectors

    original = getattr(selectors, "book_summary", None)
    latest_update = getattr(selectors, "latest_update", None)
    if original is None or latest_update is None:
        print("WHAT-IF 2 skipped: orders.selectors has no book_summary/latest_update")
        return None
    kept: list[tuple[float, Any]] = []

    def cached() -> Any:
        if not kept or time.monotonic() - kept[0][0] > ttl:
            kept[:] = [(time.monotonic(), original())]
        summary = kept[0][1]
        counts = dataclasses.replace(summary.counts, latest_update=latest_update())
        return dataclasses.replace(summary, counts=counts)

    selectors.book_summary = cached

    def restore() -> None:
        selectors.book_summary = original

    return restore


def background_load(seconds: float = 3.0) -> float:
    """Cores kept busy by everything else while this process sleeps."""
    start = machine_busy_seconds()
    time.sleep(seconds)
    end = machine_busy_seconds()
    return (end - start) / seconds if start is not None and end is not None else float("nan")


def candidate_indexes() -> list[tuple[str, Any]]:
    """The indexes this bench suggests, as the Django definitions to add to
    ``Order.Meta.indexes`` (the GIN ones need ``TrigramExtension()`` in a migration)."""
    from django.contrib.postgres.indexes import GinIndex, OpClass
    from django.db.models import Index
    from django.db.models.functions import Upper

    indexes: list[tuple[str, Any]] = [
        (
            'models.Index(fields=["updated", "id"], name="order_updated_id")',
            Index(fields=["updated", "id"], name="order_updated_id"),
        ),
        (
            'models.Index(fields=["status", "currency"], '
            'include=["total_amount", "updated", "id"], name="order_book_summary")',
            Index(
                fields=["status", "currency"],
                include=["total_amount", "updated", "id"],
                name="order_book_summary",
            ),
        ),
    ]
    for column, short in SEARCH_COLUMNS:
        name = f"order_{short}_trgm"
        indexes.append(
            (
                f'GinIndex(OpClass(Upper("{column}"), name="gin_trgm_ops"), name="{name}")',
                GinIndex(OpClass(Upper(column), name="gin_trgm_ops"), name=name),
            )
        )
    return indexes


# The columns the dashboard's free-text search reads (orders.selectors.OrderFilters).
SEARCH_COLUMNS = [
    ("printora_order_id", "orderid"),
    ("order_number", "number"),
    ("session_id", "session"),
    ("customer_email", "email"),
    ("customer_name", "name"),
]


def add_candidate_indexes() -> list[str]:
    from django.contrib.postgres.indexes import OpClass
    from django.db import connection
    from django.db.models import OrderBy
    from django.db.models.functions import Collate
    from django.db.models.indexes import IndexExpression

    from orders.models import Order

    # What "django.contrib.postgres" in INSTALLED_APPS does at start-up: without
    # it, OpClass() inside an index expression is rendered with parentheses that
    # PostgreSQL rejects. The suggestion includes adding that app.
    IndexExpression.register_wrappers(OrderBy, OpClass, Collate)
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        existing = connection.introspection.get_constraints(cursor, Order._meta.db_table)
    leading = {
        tuple(info["columns"][:1]): name
        for name, info in existing.items()
        if info["index"] and info["columns"] and info["columns"][0]
    }
    done = []
    for definition, index in candidate_indexes():
        fields = [field.lstrip("-") for field in index.fields]
        # A btree whose first column already leads an index of the project's own
        # (it added one meanwhile) adds little: leave it out.
        if fields and not index.include and tuple(fields[:1]) in leading:
            done.append(f"{definition}  (skipped: {leading[tuple(fields[:1])]} exists)")
            continue
        if index.name in existing:
            done.append(f"{definition}  (skipped: already in the schema)")
            continue
        started = time.perf_counter()
        with connection.schema_editor() as editor:
            editor.add_index(Order, index)
        done.append(f"{definition}  ({time.perf_counter() - started:.1f} s to build)")
    return done


def verdict(median: float) -> str:
    if median <= TARGET_MEDIAN_MS:
        return "MET"
    return f"MISSED (+{median - TARGET_MEDIAN_MS:.1f} ms, {median / TARGET_MEDIAN_MS:.1f}x)"


def label(sql: str) -> str:
    """A short name for a query: what it selects and from where."""
    text = re.sub(r"\s+", " ", sql)
    # The FROM of the outer query: blank out parenthesised subqueries first.
    outer = text
    while True:
        shorter = re.sub(r"\([^()]*\)", "", outer)
        if shorter == outer:
            break
        outer = shorter
    table = re.search(r'FROM "(\w+)"', outer)
    what = "COUNT(*)" if "COUNT(*)" in text[:60] else ""
    if not what:
        if "GROUP BY" in text:
            what = "GROUP BY " + text.split("GROUP BY", 1)[1].split()[0]
        elif text.startswith("SELECT"):
            what = "SELECT"
        else:
            what = text.split()[0]
    where = " WHERE …" if " WHERE " in outer else ""
    return f"[{what} {table.group(1) if table else '?'}{where}]"


def shorten(sql: str, limit: int = 2000) -> str:
    return sql if len(sql) <= limit else sql[:limit] + f" … ({len(sql)} chars)"


def report(options: Options, results: list[Measurement], queries: dict[str, QueryTiming]) -> None:
    print()
    header = (
        f"{'page':<24}{'HTTP':>5}{'median ms':>11}{'p95 ms':>9}{'CPU ms':>8}"
        f"{'queries':>9}{'SQL ms':>8}{'kB':>7}  target ≤ {TARGET_MEDIAN_MS:.0f} ms median"
    )
    print(header)
    print("-" * len(header))
    for result in results:
        counts = result.query_counts
        query_text = str(result.queries) if len(counts) == 1 else f"{min(counts)}-{max(counts)}"
        status = result.status
        flag = "" if status == result.scenario.expect else f" (expected {result.scenario.expect})"
        print(
            f"{result.scenario.name:<24}{status:>5}{result.median_ms:>11.1f}{result.p95_ms:>9.1f}"
            f"{statistics.median(result.cpu_ms):>8.1f}{query_text:>9}{result.sql_ms:>8.1f}"
            f"{result.response_bytes / 1024:>7.1f}  {verdict(result.median_ms)}{flag}"
        )
    print(
        "\nmedian/p95: wall time of the whole request in-process (middleware, view, "
        "template, SQL round trips); CPU ms: this process's CPU (Python side); "
        "SQL ms: sum of the captured queries' times (median run); queries: "
        "CaptureQueriesContext (CONN_HEALTH_CHECKS' SELECT 1 is not captured)."
    )
    for result in results:
        print(f"  {result.scenario.name}: {result.scenario.path[:140]}")
        if result.error:
            print(f"    ERROR {result.error}")
        if result.scenario.note:
            print(f"    {result.scenario.note}")
        slowest = ", ".join(f"{ms:.1f} ms {label(sql)}" for ms, sql in result.slowest)
        print(f"    slowest queries: {slowest}")

    slow = sorted(
        (q for q in queries.values() if q.median_ms > options.slow_ms),
        key=lambda q: q.median_ms,
        reverse=True,
    )
    print(
        f"\nqueries slower than {options.slow_ms:g} ms (median of the captured runs): {len(slow)}"
    )
    for number, query in enumerate(slow, 1):
        print(
            f"\n[{number}] {query.median_ms:.1f} ms median, in: "
            f"{', '.join(sorted(query.scenarios))}"
        )
        print(f"    {shorten(query.sql)}")
        if not query.sql.lstrip().upper().startswith("SELECT"):
            continue
        try:
            plan, notes = explain(query.sql)
        except Exception as exc:
            print(f"    (EXPLAIN failed: {exc})")
            continue
        print("    plan (top lines):")
        for line in plan[:18]:
            print(f"      {line}")
        if len(plan) > 18:
            print(f"      … {len(plan) - 18} more lines")
        print("    notes:")
        for note in notes:
            print(f"      - {note}")


def main(argv: Sequence[str] | None = None) -> int:
    return run(parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
