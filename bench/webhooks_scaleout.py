"""Scale-out, simulated: two gunicorn instances sharing one PostgreSQL database.

    .venv/bin/python bench/webhooks_scaleout.py [--duration 5] [--connections 8]

Starts two instances of DreamCanvas (production settings, as ``bench/webhooks.py``)
on two ports of 127.0.0.1, both on one fresh PostgreSQL database. One order's
events are split across both instances, and about ``--duplicates`` of the
deliveries sent to one instance are also sent to the other, so the same event
races through two processes. After the load, every delivery sent is posted once
more to the instance that did not get it first: all of them must be duplicates
(except those the load stopped before they reached a server).

Then the same checks as the single-instance bench: each event stored once, no
failure, every order's final status what its events imply; and one client's
"Print on Product" rate limit is counted across both instances. Each check is
printed MET or MISSED; the exit status is 1 only if the bench could not run.
See bench/README.md ("Scale-out").
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import http.client
import json
import random
import secrets
import shutil
import sys
import tempfile
import threading
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    PG_HOST,
    PG_PORT,
    BenchError,
    code_version,
    drop_database,
    free_port,
    gunicorn,
    manage,
    postgres_admin,
    postgres_answers,
    server_env,
)
from bench.webhook_payloads import Delivery, PayloadFactory, expected_statuses  # noqa: E402
from bench.webhooks import (  # noqa: E402
    CODE_FILES,
    WEBHOOK_PATH,
    LoadResult,
    run_python_client,
    run_wrk,
    settled_snapshot,
)

DATABASE = "dreamcanvas_bench_scaleout"
SESSIONS_PATH = "/api/sessions/"


def verdict(ok: bool) -> str:
    return "MET" if ok else "MISSED"


def split(
    deliveries: list[Delivery], share: float, rng: random.Random
) -> tuple[list[Delivery], list[Delivery]]:
    """Alternate deliveries between the two instances (an order's events go to both),
    and copy ``share`` of each side's deliveries into the other near the same place."""
    sides: tuple[list[Delivery], list[Delivery]] = ([], [])
    for index, delivery in enumerate(deliveries):
        sides[index % 2].append(delivery)
        if rng.random() < share:
            sides[1 - index % 2].append(delivery)
    return sides


def post(port: int, delivery: Delivery) -> tuple[int, dict]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        headers = {"Content-Type": "application/json", "X-Printora-Signature": delivery.signature}
        connection.request("POST", WEBHOOK_PATH, body=delivery.body, headers=headers)
        response = connection.getresponse()
        return response.status, json.loads(response.read() or b"{}")
    finally:
        connection.close()


def load_both(
    ports: list[int], sides: tuple[list[Delivery], list[Delivery]], args, workdir: Path
) -> list[LoadResult]:
    results: list[LoadResult | None] = [None, None]

    def one(index: int) -> None:
        if shutil.which("wrk"):
            prefix = workdir / f"bodies-{index}"
            with Path(f"{prefix}.0").open("wb") as out:
                for delivery in sides[index]:
                    out.write(delivery.signature.encode() + b"\t" + delivery.body + b"\n")
            results[index] = run_wrk(
                name=f"instance {index + 1}",
                port=ports[index],
                path=WEBHOOK_PATH,
                duration=args.duration,
                connections=args.connections,
                wrk_threads=1,
                bodies_prefix=prefix,
            )
        else:
            results[index] = run_python_client(
                name=f"instance {index + 1}",
                port=ports[index],
                path=WEBHOOK_PATH,
                duration=args.duration,
                connections=args.connections,
                stream=sides[index],
            )

    threads = [threading.Thread(target=one, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if None in results:
        raise BenchError("a load generator failed")
    return [result for result in results if result is not None]


def shared_rate_limit(ports: list[int], limit: int = 10) -> list[int]:
    """One client's POST /api/sessions/, alternating between the instances: the
    statuses (the first ``limit`` are counted and refused as unknown artworks)."""
    # Django takes any 32-character alphanumeric secret as the CSRF cookie, and the
    # same value, unmasked, as the header: the browser's round trip, without a page.
    token = secrets.token_hex(16)
    statuses = []
    for attempt in range(limit + 2):
        connection = http.client.HTTPConnection("127.0.0.1", ports[attempt % 2], timeout=10)
        connection.request(
            "POST",
            SESSIONS_PATH,
            body=json.dumps({"artwork": "no-such-artwork"}),
            headers={
                "Content-Type": "application/json",
                "Cookie": f"csrftoken={token}",
                "X-CSRFToken": token,
            },
        )
        statuses.append(connection.getresponse().status)
        connection.close()
    return statuses


def run(args: argparse.Namespace) -> int:
    if not postgres_answers():
        print("bench failed: needs PostgreSQL on 127.0.0.1:5432", file=sys.stderr)
        return 1
    workdir = Path(tempfile.mkdtemp(prefix="dreamcanvas-scaleout-"))
    postgres_admin(
        [f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)', f'CREATE DATABASE "{DATABASE}"']
    )
    try:
        secret = "whsec_bench_" + secrets.token_hex(16)
        url = f"postgres://postgres@{PG_HOST}:{PG_PORT}/{DATABASE}"
        ports = [free_port(), free_port()]
        envs = [
            server_env(database_url=url, secret=secret, port=port, workers=2, threads=4)
            for port in ports
        ]
        # One site, two instances: they share the secret key (sessions, CSRF) too.
        for env in envs[1:]:
            env["SECRET_KEY"] = envs[0]["SECRET_KEY"]
        if args.cache_url:
            for env in envs:
                env["CACHE_URL"] = args.cache_url
        manage(envs[0], "migrate", "--noinput")
        rng = random.Random(args.seed)
        factory = PayloadFactory(secret, args.seed)
        deliveries = factory.stream(args.rate * args.duration)
        sides = split(deliveries, args.duplicates, rng)

        with contextlib.ExitStack() as stack:
            for env, port in zip(envs, ports, strict=True):
                stack.enter_context(gunicorn(env, workdir, port))
            print(f"load on both instances ({args.duration}s) ...", flush=True)
            results = load_both(ports, sides, args, workdir)
            settled_snapshot(envs[0])
            sent = [
                side[: result.sent_per_stream[0]]
                for side, result in zip(sides, results, strict=True)
            ]
            # Every delivery sent, posted once more to the other instance.
            again = [(ports[1 - i], d) for i in range(2) for d in sent[i]]
            with concurrent.futures.ThreadPoolExecutor(args.connections) as pool:
                replies = list(pool.map(lambda pd: post(*pd), again))
            limited = shared_rate_limit(ports)
        after = settled_snapshot(envs[0])
    finally:
        drop_database(DATABASE)
        shutil.rmtree(workdir, ignore_errors=True)

    distinct = {d.body: d for side in sent for d in side}
    expected = expected_statuses([list(distinct.values())], [len(distinct)])
    resent = Counter(
        "duplicate"
        if status == 200 and reply.get("duplicate")
        else "applied"
        if status == 200
        else f"HTTP {status}"
        for status, reply in replies
    )
    in_flight = sum(r.requests < s for r, s in zip(results, (len(x) for x in sent), strict=True))
    print()
    print(f"code (sha256): {code_version(CODE_FILES)}")
    for result in results:
        print(
            f"{result.name}: {result.rps:.1f} req/s, p50 {result.p50_ms:.1f} ms, "
            f"p99 {result.p99_ms:.1f} ms, {result.non_2xx} non-2xx, {result.errors} errors"
        )
    print(
        f"deliveries sent {sum(map(len, sent))} ({len(distinct)} distinct events); "
        f"posted again to the other instance: {dict(resent)}"
    )
    print(f"deliveries recorded: {after['outcomes']}; events {after['events']}")
    statuses = dict(sorted(Counter(after["order_status"]).items()))
    print(f"orders by status {statuses} (expected {dict(sorted(expected.items()))})")
    errors = sum(r.non_2xx + r.errors for r in results)
    consistent = (
        after["events"] == len(distinct)
        and Counter(after["order_status"]) == expected
        and set(after["outcomes"]) <= {"applied", "duplicate"}
        and after["outcomes"].get("applied") == len(distinct)
        and resent.get("applied", 0) <= 2 * args.connections
        and set(resent) <= {"applied", "duplicate"}
    )
    print()
    print("checks:")
    print(f"  0 errors on both instances ({errors}): {verdict(errors == 0)}")
    print(
        "  each event stored once, duplicates across instances answered as such, "
        f"final statuses as the events imply: {verdict(consistent)}"
        + (f" ({resent.get('applied', 0)} sent only at the stop)" if in_flight else "")
    )
    shared = limited[:10].count(429) == 0 and limited[10:] == [429, 429]
    print(
        f"  one client's session limit (10/min) counted across both instances "
        f"{limited}: {verdict(shared)}"
    )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds of load (5)")
    parser.add_argument("--connections", type=int, default=8, help="per instance (8)")
    parser.add_argument("--rate", type=int, default=2000, help="deliveries per second prepared")
    parser.add_argument("--duplicates", type=float, default=0.1, help="share sent to both")
    parser.add_argument("--cache-url", help="CACHE_URL for both instances (e.g. Redis)")
    parser.add_argument("--seed", type=int, default=20261130)
    try:
        return run(parser.parse_args())
    except BenchError as exc:
        print(f"bench failed: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
