"""The dashboard bench's timing: scenarios, page timings with captured queries, and
EXPLAIN plans of the slow ones."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import logging
import math
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: bench/ is on the path, not the project
    sys.path.insert(0, str(ROOT))


# --------------------------------------------------------------------------- timing


@dataclasses.dataclass
class Scenario:
    name: str
    path: str
    headers: dict[str, str] = dataclasses.field(default_factory=dict)
    expect: int = 200
    note: str = ""


@dataclasses.dataclass
class QueryTiming:
    sql: str
    times_ms: list[float]
    scenarios: set[str]

    @property
    def median_ms(self) -> float:
        return statistics.median(self.times_ms)


@dataclasses.dataclass
class Measurement:
    scenario: Scenario
    status: int
    times_ms: list[float]
    cpu_ms: list[float]
    queries: int
    query_counts: set[int]
    sql_ms: float
    response_bytes: int
    slowest: list[tuple[float, str]]
    error: str = ""

    @property
    def median_ms(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def p95_ms(self) -> float:
        ordered = sorted(self.times_ms)
        return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]


class PageErrors:
    """The first exception of each page, reported once in the table rather than as a
    traceback per request (``django.request`` is silenced meanwhile)."""

    def __init__(self) -> None:
        self.current = ""
        self.first: dict[str, str] = {}

    def __call__(self, **_: Any) -> None:
        error = sys.exc_info()[1]
        if error is not None and self.current not in self.first:
            self.first[self.current] = f"{type(error).__name__}: {str(error)[:300]}"

    @contextlib.contextmanager
    def watching(self) -> Iterator[PageErrors]:
        from django.core.signals import got_request_exception

        got_request_exception.connect(self, dispatch_uid="bench-dashboard")
        request_log = logging.getLogger("django.request")
        level = request_log.level
        request_log.setLevel(logging.CRITICAL)
        try:
            yield self
        finally:
            request_log.setLevel(level)
            got_request_exception.disconnect(dispatch_uid="bench-dashboard")


class QueryTimer:
    """A database execute wrapper that keeps each query's duration (ms)."""

    def __init__(self) -> None:
        self.durations: list[float] = []

    def __call__(self, execute: Callable[..., Any], *args: Any) -> Any:
        start = time.perf_counter()
        try:
            return execute(*args)
        finally:
            self.durations.append((time.perf_counter() - start) * 1000)


def measure_pages(
    client: Any,
    scenarios: Sequence[Scenario],
    *,
    runs: int,
    warmup: int,
    captured: int,
    queries: dict[str, QueryTiming],
) -> list[Measurement]:
    """Times every page ``runs`` times, round-robin (page 1, 2, … 6, 1, 2, …), so
    that a burst of load from elsewhere on the machine hits all pages alike."""
    errors = PageErrors()

    def get(scenario: Scenario) -> Any:
        errors.current = scenario.name
        return client.get(scenario.path, headers=scenario.headers, secure=True)

    times: dict[str, list[float]] = {s.name: [] for s in scenarios}
    cpu: dict[str, list[float]] = {s.name: [] for s in scenarios}
    statuses: dict[str, Counter] = {s.name: Counter() for s in scenarios}
    sizes: dict[str, int] = {}
    with errors.watching():
        for _ in range(warmup):
            for scenario in scenarios:
                get(scenario)
        for _ in range(runs):
            for scenario in scenarios:
                cpu_start = time.thread_time()
                start = time.perf_counter()
                response = get(scenario)
                times[scenario.name].append((time.perf_counter() - start) * 1000)
                cpu[scenario.name].append((time.thread_time() - cpu_start) * 1000)
                statuses[scenario.name][response.status_code] += 1
                sizes[scenario.name] = len(response.content) if not response.streaming else 0
        results = []
        for scenario in scenarios:
            count, sql_ms, slowest = capture_queries(
                functools.partial(get, scenario), scenario.name, captured, queries
            )
            results.append(
                Measurement(
                    scenario=scenario,
                    status=statuses[scenario.name].most_common(1)[0][0],
                    times_ms=times[scenario.name],
                    cpu_ms=cpu[scenario.name],
                    queries=max(count) if count else 0,
                    query_counts=count,
                    sql_ms=sql_ms,
                    response_bytes=sizes.get(scenario.name, 0),
                    slowest=slowest,
                    error=errors.first.get(scenario.name, ""),
                )
            )
    return results


def capture_queries(
    get: Callable[[], Any], name: str, captured: int, queries: dict[str, QueryTiming]
) -> tuple[set[int], float, list[tuple[float, str]]]:
    """Separate requests with their queries captured (the debug cursor costs a
    little): query counts seen, median total SQL time, the 3 slowest queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts: set[int] = set()
    per_position: list[list[float]] = []
    sqls: list[str] = []
    sql_totals: list[float] = []
    for _ in range(captured):
        # CaptureQueriesContext rounds times to the millisecond: time them here too.
        timer = QueryTimer()
        with CaptureQueriesContext(connection) as context, connection.execute_wrapper(timer):
            get()
        captured_queries = context.captured_queries
        durations = timer.durations
        if len(durations) != len(captured_queries):  # should not happen; fall back
            durations = [float(q["time"]) * 1000 for q in captured_queries]
        counts.add(len(captured_queries))
        sql_totals.append(sum(durations))
        for position, (query, duration) in enumerate(zip(captured_queries, durations, strict=True)):
            if position >= len(per_position):
                per_position.append([])
                sqls.append(query["sql"])
            per_position[position].append(duration)
    slowest = []
    for sql, position_times in zip(sqls, per_position, strict=True):
        timing = queries.setdefault(sql, QueryTiming(sql, [], set()))
        timing.times_ms.extend(position_times)
        timing.scenarios.add(name)
        slowest.append((statistics.median(position_times), sql))
    slowest.sort(reverse=True)
    return counts, statistics.median(sql_totals) if sql_totals else 0.0, slowest[:3]


def explain(sql: str) -> tuple[list[str], list[str]]:
    """(the plan's lines, notes on what it reads) from EXPLAIN (ANALYZE, BUFFERS)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)
        document = cursor.fetchone()[0]
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        lines = [row[0] for row in cursor.fetchall()]
    if isinstance(document, str):
        document = json.loads(document)
    notes: list[str] = []

    def walk(node: dict[str, Any], depth: int) -> None:
        kind = node.get("Node Type", "")
        relation = node.get("Relation Name") or node.get("Index Name") or ""
        loops = node.get("Actual Loops", 1) or 1
        rows = node.get("Actual Rows", 0) * loops
        removed = node.get("Rows Removed by Filter", 0) * loops
        if kind == "Seq Scan":
            read = rows + removed
            if node.get("Filter"):
                notes.append(
                    f"Seq Scan on {relation} (x{loops}): read {read:,} rows to keep {rows:,} "
                    f"(Filter: {node['Filter'][:160]})"
                )
            else:
                notes.append(f"Seq Scan on {relation} (x{loops}): every row, {rows:,}")
        elif kind in ("Index Scan", "Index Only Scan", "Bitmap Heap Scan") and removed > max(
            1000, 10 * rows
        ):
            direction = " Backward" if node.get("Scan Direction") == "Backward" else ""
            index = node.get("Index Name", "")
            notes.append(
                f"{kind}{direction} on {node.get('Relation Name', '')}"
                + (f" using {index}" if index else "")
                + f": read {rows + removed:,} rows to keep {rows:,} (the filter is not in "
                "the index: " + str(node.get("Filter", ""))[:120] + ")"
            )
        elif kind in ("Index Scan", "Index Only Scan", "Bitmap Index Scan") and loops > 50:
            notes.append(f"{kind} on {relation} repeated {loops:,} times (once per outer row)")
        if kind == "Sort":
            notes.append(
                f"Sort by {', '.join(node.get('Sort Key', []))} ({node.get('Sort Method')}, "
                f"{node.get('Sort Space Used')} kB {node.get('Sort Space Type')}; "
                f"{rows:,} rows out)"
            )
        elif kind == "Incremental Sort":
            notes.append(
                f"Incremental Sort by {', '.join(node.get('Sort Key', []))} "
                f"(presorted on {', '.join(node.get('Presorted Key', []))}; {rows:,} rows out)"
            )
        if kind == "Aggregate" and node.get("Strategy") in ("Hashed", "Sorted") and depth == 0:
            notes.append(f"{node['Strategy']} aggregate over its input: {rows:,} groups")
        for child in node.get("Plans", []):
            walk(child, depth + 1)

    top = document[0]
    walk(top["Plan"], 0)
    notes.append(
        f"execution {top.get('Execution Time', 0):.1f} ms, planning "
        f"{top.get('Planning Time', 0):.1f} ms, shared buffers hit "
        f"{top['Plan'].get('Shared Hit Blocks', 0):,} "
        f"read {top['Plan'].get('Shared Read Blocks', 0):,}"
    )
    return lines, notes
