"""Throughput of the webhook receiver against a trivial view, under gunicorn.

    .venv/bin/python bench/webhooks.py [--duration 10] [--connections 32]
        [--database-url URL] [--workers N] [--threads N]

Starts DreamCanvas under gunicorn with production settings (DEBUG=false) on a
free port of 127.0.0.1, then drives a bounded load (fixed duration, at most
``--connections`` keep-alive connections) of distinct, correctly signed
deliveries at ``POST /api/webhooks/`` and the same load at ``GET /healthz``, and
prints requests/s, p50/p99 latency and errors for both, their ratio, and a check
of the order book afterwards. The load comes from ``wrk`` (with
``bench/wrk_webhooks.lua``) when it is on PATH, else from a Python client.

A measurement, not a test: a missed target is printed, not turned into an exit
status. The exit status is non-zero only when the bench could not run (server
did not start, load tool failed, webhooks not accepted at all).
See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import itertools
import json
import math
import os
import platform
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: bench/ is on the path, not the project
    sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    HEALTHZ_PATH,
    PG_HOST,
    PG_PORT,
    BenchError,
    children_cpu_seconds,
    code_version,
    drop_database,
    free_port,
    gunicorn,
    gunicorn_pids,
    machine_busy_seconds,
    manage,
    postgres_admin,
    postgres_answers,
    postgres_pids,
    process_cpu_seconds,
    server_env,
)
from bench.load_result import LoadResult  # noqa: E402
from bench.webhook_payloads import (  # noqa: E402
    Delivery,
    PayloadFactory,
    expected_statuses,
)
from bench.webhook_statements import count_statements, statements_line  # noqa: E402

# Files on the webhook path: their hashes go with the figures.
CODE_FILES = (
    "webhooks/views.py",
    "webhooks/services.py",
    "orders/services.py",
    "orders/postgres.py",
    "dreamcanvas/sql.py",
)
LUA_SCRIPT = Path(__file__).resolve().with_name("wrk_webhooks.lua")
WEBHOOK_PATH = "/api/webhooks/"

BENCH_DATABASE = "dreamcanvas_bench"

# Targets from the issue (defined for PostgreSQL).
TARGET_RATIO = 1 / 3
TARGET_P99_MS = 50.0  # at TARGET_CONNECTIONS
TARGET_CONNECTIONS = 8
STRETCH_RATIO = 1 / 2


# --------------------------------------------------------------------------- payloads


# --------------------------------------------------------------------------- load


def run_wrk(
    *,
    name: str,
    port: int,
    path: str,
    duration: int,
    connections: int,
    wrk_threads: int,
    bodies_prefix: Path | None,
) -> LoadResult:
    env = dict(os.environ, BENCH_MODE="webhook" if bodies_prefix else "get")
    if bodies_prefix:
        env["BENCH_BODIES"] = str(bodies_prefix)
    command = [
        "wrk",
        f"--threads={wrk_threads}",
        f"--connections={connections}",
        f"--duration={duration}s",
        "--timeout=10s",
        f"--script={LUA_SCRIPT}",
        f"http://127.0.0.1:{port}{path}",
    ]
    cpu_before = children_cpu_seconds()
    finished = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    client_cpu = children_cpu_seconds() - cpu_before
    line = next(
        (x for x in finished.stdout.splitlines() if x.startswith("BENCH_JSON ")),
        None,
    )
    if finished.returncode != 0 or line is None:
        raise BenchError(
            f"wrk failed (exit {finished.returncode}): {finished.stderr.strip()[-2000:]}"
            f"\n{finished.stdout.strip()[-2000:]}"
        )
    report = json.loads(line.removeprefix("BENCH_JSON "))
    return LoadResult(
        name=name,
        requests=report["requests"],
        seconds=report["duration_us"] / 1e6,
        p50_ms=report["p50_us"] / 1000,
        p90_ms=report["p90_us"] / 1000,
        p99_ms=report["p99_us"] / 1000,
        max_ms=report["max_us"] / 1000,
        # wrk counts an answer as a status error when its status is 400 or above.
        non_2xx=report["status_errors"],
        errors=sum(
            report[k] for k in ("connect_errors", "read_errors", "write_errors", "timeouts")
        ),
        sent_per_stream=list(report["sent_per_thread"]) if bodies_prefix else [],
        wrapped=report["wrapped"],
        client_cpu_s=client_cpu,
    )


def run_python_client(
    *,
    name: str,
    port: int,
    path: str,
    duration: int,
    connections: int,
    stream: Sequence[Delivery] | None,
) -> LoadResult:
    """Fallback when wrk is missing: one thread and one keep-alive connection each,
    all taking the next delivery of one shared stream."""
    latencies: list[list[float]] = [[] for _ in range(connections)]
    non_2xx = [0] * connections
    errors = [0] * connections
    taken = itertools.count()  # next() is atomic under the GIL
    sent = [0]
    barrier = threading.Barrier(connections + 1)
    deadline = [0.0]

    def worker(index: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        barrier.wait()
        while (started := time.perf_counter()) < deadline[0]:
            if stream is not None:
                position = next(taken)
                sent[0] = max(sent[0], position + 1)
                delivery = stream[position % len(stream)]
                method, body = "POST", delivery.body
                headers = {
                    "Content-Type": "application/json",
                    "User-Agent": "Printora-Webhooks/bench",
                    "X-Printora-Signature": delivery.signature,
                }
            else:
                method, body, headers = "GET", None, {}
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                errors[index] += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                continue
            latencies[index].append(time.perf_counter() - started)
            if not 200 <= response.status < 300:
                non_2xx[index] += 1
        connection.close()

    workers = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(connections)]
    for thread in workers:
        thread.start()
    cpu_before = time.process_time()
    begin = time.perf_counter()
    deadline[0] = begin + duration
    barrier.wait()
    for thread in workers:
        thread.join()
    elapsed = time.perf_counter() - begin
    every = sorted(x for per_thread in latencies for x in per_thread)

    def percentile(p: float) -> float:
        if not every:
            return 0.0
        return every[min(len(every) - 1, math.ceil(p / 100 * len(every)) - 1)] * 1000

    return LoadResult(
        name=name,
        requests=len(every),
        seconds=elapsed,
        p50_ms=percentile(50),
        p90_ms=percentile(90),
        p99_ms=percentile(99),
        max_ms=every[-1] * 1000 if every else 0.0,
        non_2xx=sum(non_2xx),
        errors=sum(errors),
        sent_per_stream=[sent[0]] if stream is not None else [],
        wrapped=sent[0] // len(stream) if stream else 0,
        client_cpu_s=time.process_time() - cpu_before,
    )


# --------------------------------------------------------------------------- processes


SNAPSHOT = """
import json, sqlite3
from django.db import connection
from django.db.models import Count
from orders.models import Order, OrderEvent
from webhooks.models import WebhookDelivery

def grouped(queryset, column):
    rows = queryset.values_list(column).annotate(n=Count("id")).order_by()
    return {str(key): n for key, n in rows}

if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
else:
    version = sqlite3.sqlite_version
print("BENCH_JSON " + json.dumps({
    "vendor": connection.vendor,
    "version": version,
    "orders": Order.objects.count(),
    "events": OrderEvent.objects.count(),
    "deliveries": WebhookDelivery.objects.count(),
    "outcomes": grouped(WebhookDelivery.objects, "outcome"),
    "http_status": grouped(WebhookDelivery.objects, "http_status"),
    "order_status": grouped(Order.objects, "status"),
}))
"""


def snapshot(env: dict) -> dict[str, Any]:
    output = manage(env, "shell", "--no-imports", "-c", SNAPSHOT)
    line = next(x for x in output.splitlines() if x.startswith("BENCH_JSON "))
    return json.loads(line.removeprefix("BENCH_JSON "))


def settled_snapshot(env: dict, timeout: float = 15) -> dict[str, Any]:
    """Wait until no delivery is still being processed (requests in flight when the
    load stopped), then return the counts."""
    deadline = time.monotonic() + timeout
    while True:
        state = snapshot(env)
        if not state["outcomes"].get("processing") or time.monotonic() > deadline:
            return state
        time.sleep(0.5)


def post_one(port: int, delivery: Delivery) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(
            "POST",
            WEBHOOK_PATH,
            body=delivery.body,
            headers={
                "Content-Type": "application/json",
                "X-Printora-Signature": delivery.signature,
            },
        )
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


# --------------------------------------------------------------------------- main


@dataclass
class Options:
    duration: int
    warmup: int
    connections: int
    database_url: str | None
    workers: int
    threads: int
    client: str
    wrk_threads: int
    max_rate: int
    keep_database: bool
    sqlite: bool
    seed: int
    rounds: int


def parse_args(argv: Sequence[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per path")
    parser.add_argument(
        "--rounds", type=int, default=5, help="alternating rounds the duration is cut into (5)"
    )
    parser.add_argument("--connections", type=int, default=8, help="concurrent connections")
    parser.add_argument(
        "--database-url",
        help="database to use as is (default: a fresh PostgreSQL database "
        f"{BENCH_DATABASE!r} on {PG_HOST}:{PG_PORT} if it answers, else a temporary SQLite file)",
    )
    cpus = os.cpu_count() or 1
    parser.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("WEB_CONCURRENCY") or min(4, cpus * 2)),
        help="gunicorn workers (default: gunicorn.conf.py's default)",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=int(os.environ.get("GUNICORN_THREADS") or 4),
        help="gunicorn threads per worker (default: gunicorn.conf.py's default)",
    )
    parser.add_argument(
        "--client",
        choices=("auto", "wrk", "python"),
        default="auto",
        help="load generator (auto: wrk when on PATH)",
    )
    parser.add_argument("--wrk-threads", type=int, default=1, help="wrk threads (default 1)")
    parser.add_argument(
        "--max-rate",
        type=int,
        default=6000,
        help="webhook requests/s the pre-generated deliveries must cover without repeating",
    )
    parser.add_argument(
        "--keep-database", action="store_true", help="do not drop the bench database"
    )
    parser.add_argument(
        "--sqlite",
        action="store_true",
        help="use a temporary SQLite file even if PostgreSQL answers",
    )
    parser.add_argument("--seed", type=int, default=20261127)
    args = parser.parse_args(argv)
    if args.sqlite and args.database_url:
        parser.error("--sqlite and --database-url exclude each other")
    if min(args.duration, args.connections, args.workers, args.threads, args.max_rate) < 1:
        parser.error("--duration, --connections, --workers, --threads, --max-rate must be >= 1")
    if args.warmup < 0:
        parser.error("--warmup must be >= 0")
    if not 1 <= args.rounds <= args.duration:
        parser.error("--rounds must be between 1 and --duration")
    client = args.client
    if client == "auto":
        client = "wrk" if shutil.which("wrk") else "python"
    elif client == "wrk" and not shutil.which("wrk"):
        parser.error("wrk is not on PATH (Debian: apt-get install wrk)")
    return Options(
        duration=args.duration,
        warmup=args.warmup,
        connections=args.connections,
        database_url=args.database_url,
        workers=args.workers,
        threads=args.threads,
        client=client,
        wrk_threads=max(1, min(args.wrk_threads, args.connections)),
        max_rate=args.max_rate,
        keep_database=args.keep_database,
        sqlite=args.sqlite,
        seed=args.seed,
        rounds=args.rounds,
    )


class Bench:
    def __init__(self, options: Options, workdir: Path) -> None:
        self.options = options
        self.workdir = workdir
        self.secret = "whsec_bench_" + secrets.token_hex(16)
        self.factory = PayloadFactory(self.secret, options.seed)
        self.streams_sent: list[tuple[list[list[Delivery]], list[int]]] = []
        self.on_postgres = False  # set once the database is known

    # The load generator's "streams": one per wrk thread, or one shared by the Python client.
    def stream_count(self) -> int:
        return self.options.wrk_threads if self.options.client == "wrk" else 1

    def make_streams(self, seconds: int, tag: str) -> tuple[list[list[Delivery]], Path | None]:
        count = self.stream_count()
        per_stream = math.ceil(self.options.max_rate * max(seconds, 1) / count)
        streams = [self.factory.stream(per_stream) for _ in range(count)]
        if self.options.client != "wrk":
            return streams, None
        prefix = self.workdir / f"bodies-{tag}"
        for index, stream in enumerate(streams):
            with Path(f"{prefix}.{index}").open("wb") as out:
                for delivery in stream:
                    out.write(delivery.signature.encode() + b"\t" + delivery.body + b"\n")
        return streams, prefix

    def load(
        self,
        name: str,
        port: int,
        seconds: int,
        server_pid: int,
        webhook: tuple[list[list[Delivery]], Path | None] | None,
    ) -> LoadResult:
        path = WEBHOOK_PATH if webhook else HEALTHZ_PATH
        server_before = process_cpu_seconds(gunicorn_pids(server_pid))
        pg = postgres_pids() if self.on_postgres else []
        pg_before = process_cpu_seconds(pg)
        machine_before = machine_busy_seconds()
        if self.options.client == "wrk":
            result = run_wrk(
                name=name,
                port=port,
                path=path,
                duration=seconds,
                connections=self.options.connections,
                wrk_threads=self.options.wrk_threads,
                bodies_prefix=webhook[1] if webhook else None,
            )
        else:
            result = run_python_client(
                name=name,
                port=port,
                path=path,
                duration=seconds,
                connections=self.options.connections,
                stream=webhook[0][0] if webhook else None,
            )
        result.server_cpu_s = process_cpu_seconds(gunicorn_pids(server_pid)) - server_before
        result.postgres_cpu_s = (process_cpu_seconds(pg) - pg_before) if pg else None
        machine_after = machine_busy_seconds()
        if machine_before is not None and machine_after is not None:
            result.machine_cpu_s = machine_after - machine_before
        if webhook:
            self.streams_sent.append((webhook[0], result.sent_per_stream))
        return result


def prepare_database(options: Options, workdir: Path) -> tuple[str, str, bool]:
    """(URL, description, whether the bench created it and must drop it)."""
    if options.database_url:
        return options.database_url, "given by --database-url", False
    if not options.sqlite and postgres_answers():
        postgres_admin(
            [
                f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)',
                f'CREATE DATABASE "{BENCH_DATABASE}"',
            ]
        )
        url = f"postgres://postgres@{PG_HOST}:{PG_PORT}/{BENCH_DATABASE}"
        return url, f"fresh PostgreSQL database {BENCH_DATABASE}", True
    path = workdir / "bench.sqlite3"
    return f"sqlite:///{path}", f"temporary SQLite file {path}", False


def fmt_row(result: LoadResult, label: str) -> str:
    return (
        f"{label:<22}{result.rps:>10.1f}{result.p50_ms:>9.2f}{result.p90_ms:>9.2f}"
        f"{result.p99_ms:>9.2f}{result.max_ms:>9.1f}{result.non_2xx:>9}{result.errors:>8}"
        f"{result.requests:>10}"
    )


def cpu_line(result: LoadResult) -> str:
    """Cores kept busy, on average, by each party while the load ran."""
    ours = (result.server_cpu_s or 0) + (result.postgres_cpu_s or 0) + result.client_cpu_s
    parts = [f"gunicorn {(result.server_cpu_s or 0) / result.seconds:.2f}"]
    if result.postgres_cpu_s is not None:
        parts.append(f"postgres (all backends) {result.postgres_cpu_s / result.seconds:.2f}")
    parts.append(f"client {result.client_cpu_s / result.seconds:.2f}")
    if result.machine_cpu_s is not None:
        others = max(0.0, result.machine_cpu_s - ours)
        parts.append(f"other processes {others / result.seconds:.2f}")
        parts.append(f"whole machine {result.machine_cpu_s / result.seconds:.2f}")
    return ", ".join(parts)


def per_request_line(result: LoadResult) -> str:
    """CPU milliseconds each request cost the server and the database."""
    if not result.requests:
        return "no requests"
    parts = [f"gunicorn {(result.server_cpu_s or 0) * 1000 / result.requests:.2f} ms"]
    if result.postgres_cpu_s is not None:
        parts.append(f"postgres {result.postgres_cpu_s * 1000 / result.requests:.2f} ms")
    return ", ".join(parts)


def verdict(ok: bool) -> str:
    return "MET" if ok else "MISSED"


def run(options: Options) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="dreamcanvas-bench-"))
    created_database = False
    try:
        database_url, database_note, created_database = prepare_database(options, workdir)
        bench = Bench(options, workdir)
        bench.on_postgres = database_url.startswith(("postgres:", "postgresql:", "pgsql:"))
        port = free_port()
        env = server_env(
            database_url=database_url,
            secret=bench.secret,
            port=port,
            workers=options.workers,
            threads=options.threads,
        )
        manage(env, "migrate", "--noinput")
        lifecycle = bench.factory.order_events()
        statements = count_statements(env, workdir, lifecycle)
        bench.streams_sent.append(([lifecycle], [len(lifecycle)]))

        print("generating signed deliveries ...", flush=True)
        warm_webhooks = bench.make_streams(options.warmup, "warmup") if options.warmup else None
        round_seconds = options.duration // options.rounds
        webhooks = [
            bench.make_streams(round_seconds, f"measured-{i}") for i in range(options.rounds)
        ]
        preflight = bench.factory.order_events()[0]

        with gunicorn(env, workdir, port) as server:
            status, reply = post_one(port, preflight)
            try:
                applied = json.loads(reply).get("duplicate") is False
            except (ValueError, AttributeError):
                applied = False
            if status != 200 or not applied:
                raise BenchError(f"a signed delivery was not applied: {status} {reply[:300]!r}")
            bench.streams_sent.append(([[preflight]], [1]))

            if options.warmup:
                print(f"warming up ({options.warmup}s per path) ...", flush=True)
                bench.load("warmup healthz", port, options.warmup, server.pid, None)
                bench.load("warmup webhook", port, options.warmup, server.pid, warm_webhooks)
            before = settled_snapshot(env)
            print(
                f"measuring ({options.rounds} rounds of {round_seconds}s per path, "
                "alternating) ...",
                flush=True,
            )
            # Alternating short rounds: a slow spell of a shared machine then costs
            # both paths alike, instead of whichever ran during it.
            measured_from = len(bench.streams_sent)
            rounds: list[tuple[LoadResult, LoadResult]] = []
            for index, streams in enumerate(webhooks, 1):
                healthz = bench.load(f"healthz {index}", port, round_seconds, server.pid, None)
                webhook = bench.load(f"webhook {index}", port, round_seconds, server.pid, streams)
                rounds.append((healthz, webhook))
            after = settled_snapshot(env)

        healthz = LoadResult.combined("healthz", [h for h, _ in rounds])
        webhook = LoadResult.combined("webhook", [w for _, w in rounds])
        for index, (h, w) in enumerate(rounds, 1):
            print(
                f"round {index}: healthz {h.rps:.1f} req/s, webhook {w.rps:.1f} req/s "
                f"(ratio {w.rps / h.rps if h.rps else 0:.3f}), webhook p99 {w.p99_ms:.1f} ms"
            )
        # The median of the rounds' ratios: one round run during a slow spell of one
        # path alone moves it less than the totals.
        ratio = statistics.median(w.rps / h.rps if h.rps else 0.0 for h, w in rounds)
        report(
            options,
            database_note,
            before,
            after,
            healthz,
            webhook,
            bench,
            statements,
            measured_from=measured_from,
            ratio=ratio,
        )
        return 0
    except BenchError as exc:
        print(f"bench failed: {exc}", file=sys.stderr)
        return 1
    finally:
        if created_database and not options.keep_database:
            drop_database(BENCH_DATABASE)
        shutil.rmtree(workdir, ignore_errors=True)


def delta(after: dict[str, int], before: dict[str, int]) -> dict[str, int]:
    keys = sorted(set(after) | set(before))
    changed = {k: after.get(k, 0) - before.get(k, 0) for k in keys}
    return {k: v for k, v in changed.items() if v}


def report(
    options: Options,
    database_note: str,
    before: dict[str, Any],
    after: dict[str, Any],
    healthz: LoadResult,
    webhook: LoadResult,
    bench: Bench,
    statements: list[dict],
    *,
    measured_from: int,
    ratio: float,
) -> None:
    engine = f"{after['vendor']} {after['version']}"
    client = (
        f"wrk, {options.wrk_threads} thread(s)"
        if options.client == "wrk"
        else "Python client (threads + http.client)"
    )
    print()
    print(f"DreamCanvas webhook bench, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    print(
        f"machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, {engine} "
        f"({database_note})"
    )
    print(
        f"gunicorn: {options.workers} workers x {options.threads} threads (gthread), "
        f"DEBUG=false, no access log | load: {client}, {options.connections} connections, "
        f"{options.duration}s per path in {options.rounds} alternating rounds, after "
        f"{options.warmup}s warm-up"
    )
    print(f"command: python {' '.join(sys.argv)}")
    print(f"code (sha256): {code_version(CODE_FILES)}")
    print()
    print(
        f"{'':<22}{'req/s':>10}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'max ms':>9}"
        f"{'non-2xx':>9}{'errors':>8}{'requests':>10}"
    )
    print(fmt_row(healthz, f"GET {HEALTHZ_PATH}"))
    print(fmt_row(webhook, f"POST {WEBHOOK_PATH}"))
    print()
    print(f"CPU cores busy (of {os.cpu_count()}):")
    print(f"  healthz: {cpu_line(healthz)}")
    print(f"  webhook: {cpu_line(webhook)}")
    print(f"per delivery (one order's life cycle, then a duplicate): {statements_line(statements)}")
    print("CPU time per request:")
    print(f"  healthz: {per_request_line(healthz)}")
    print(f"  webhook: {per_request_line(webhook)}")

    totals_ratio = webhook.rps / healthz.rps if healthz.rps else 0.0
    sent = sum(webhook.sent_per_stream)
    answered_ok = webhook.requests - webhook.non_2xx
    outcomes = delta(after["outcomes"], before["outcomes"])
    http_status = delta(after["http_status"], before["http_status"])
    applied = outcomes.get("applied", 0)
    bad_outcomes = {k: v for k, v in outcomes.items() if k != "applied"}
    new_events = after["events"] - before["events"]
    new_orders = after["orders"] - before["orders"]
    measured = bench.streams_sent[measured_from:]
    measured_streams = [s for streams, _ in measured for s in streams]
    measured_sent = [n for _, sent_counts in measured for n in sent_counts]
    expected_orders = sum(expected_statuses(measured_streams, measured_sent).values())
    all_streams = [s for streams, _ in bench.streams_sent for s in streams]
    all_sent = [n for _, sent_counts in bench.streams_sent for n in sent_counts]
    expected_final = expected_statuses(all_streams, all_sent)
    actual_final = Counter(after["order_status"])

    print()
    print("database check (measured webhook run):")
    print(
        f"  requests sent {sent}, answered {webhook.requests} "
        f"({answered_ok} 2xx), still in flight when the load stopped {sent - webhook.requests}"
    )
    print(f"  deliveries recorded {after['deliveries'] - before['deliveries']}: {outcomes}")
    print(f"  deliveries by HTTP status: {http_status}")
    print(f"  order events created {new_events} (expected {sent}: every delivery is distinct)")
    print(f"  orders created {new_orders} (expected {expected_orders} distinct orders)")
    print(
        f"  whole run, orders by status: {dict(sorted(actual_final.items()))}"
        f" (expected {dict(sorted(expected_final.items()))})"
    )
    if webhook.wrapped:
        print(
            f"  WARNING: the pre-generated deliveries ran out {webhook.wrapped} time(s) and "
            "repeated; raise --max-rate"
        )
    # wrk stops with requests in flight: the server may have read some of them
    # (they are applied) and not others (written by wrk after the server closed).
    unanswered = sent - answered_ok
    if bad_outcomes or new_events != applied or not answered_ok <= applied <= sent:
        print("  NOT consistent: see the counts above")
    elif applied == sent and actual_final != expected_final:
        print("  NOT consistent: final order statuses differ from the events sent")
    elif applied == sent:
        print("  consistent: every request sent became exactly one applied event")
    else:
        print(
            f"  consistent: every 2xx is one applied event; {sent - applied} of the "
            f"{unanswered} requests unanswered at the stop never reached the server"
        )

    client_errors = webhook.non_2xx + webhook.errors
    not_applied = sum(bad_outcomes.values())
    errors_ok = client_errors == 0 and not_applied == 0
    on_postgres = after["vendor"] == "postgresql"
    print()
    print("targets" + ("" if on_postgres else " (defined for PostgreSQL; this run is not)") + ":")
    print(
        f"  throughput webhook/healthz = {ratio:.3f}, the median of the rounds' "
        f"(all rounds together {webhook.rps:.1f}/{healthz.rps:.1f} = {totals_ratio:.3f}) "
        f"(target >= {TARGET_RATIO:.3f}): {verdict(ratio >= TARGET_RATIO)}"
        + ("" if ratio >= TARGET_RATIO else f", short by {1 - ratio / TARGET_RATIO:.0%}")
    )
    print(
        f"  webhook errors = {webhook.non_2xx} non-2xx + {webhook.errors} socket errors, "
        f"{not_applied} deliveries not applied (target 0): {verdict(errors_ok)}"
    )
    print(
        f"  stretch: webhook/healthz = {ratio:.3f} (>= {STRETCH_RATIO:.3f}): "
        f"{verdict(ratio >= STRETCH_RATIO)}"
    )
    at = options.connections
    print(
        f"  webhook p99 = {webhook.p99_ms:.2f} ms (median of the rounds') at {at} connections "
        f"(target <= {TARGET_P99_MS:.0f} ms at {TARGET_CONNECTIONS}): "
        + (
            verdict(webhook.p99_ms <= TARGET_P99_MS)
            if at == TARGET_CONNECTIONS
            else f"not measured here (run with --connections {TARGET_CONNECTIONS})"
        )
    )


def main(argv: Sequence[str] | None = None) -> int:
    return run(parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
