"""The webhook bench's statement count: one order's life cycle, then a duplicate, run
through ``webhooks.services.receive`` in a ``manage.py shell``, counting the SQL
statements and commits of each delivery."""

from __future__ import annotations

import json
from pathlib import Path

from bench.common import BenchError, manage
from bench.webhook_payloads import Delivery

# One order's life cycle, then a duplicate, through webhooks.services.receive in
# one process, counting the SQL statements each delivery runs and its commits (an
# explicit COMMIT, or a write outside any transaction, which commits on its own).
# Not counted: psycopg's BEGIN before a transaction's first statement, and Django's
# connection health check (one SELECT 1 per request, on /healthz too).
STATEMENTS = """
import json, os, re
from django.conf import settings
from django.db import connection
from webhooks import services

counted = []
WRITES = ("INSERT", "UPDATE", "DELETE")
WRITING = re.compile(r"\\b(INSERT|UPDATE|DELETE)\\b", re.IGNORECASE)

def count(execute, sql, params, many, context):
    counted[-1]["statements"] += 1
    first = sql.split()[0].upper()
    # Outside a transaction a write commits itself (a WITH may hold INSERTs/UPDATEs).
    writes = first in WRITES or (first == "WITH" and WRITING.search(sql) is not None)
    if not connection.in_atomic_block and writes:
        counted[-1]["commits"] += 1
    return execute(sql, params, many, context)

commit = connection.commit
def counted_commit():
    counted[-1]["commits"] += 1
    commit()
connection.commit = counted_commit
with open(os.environ["BENCH_STATEMENT_BODIES"]) as bodies, connection.execute_wrapper(count):
    for event, signature, body in json.load(bodies):
        counted.append({"event": event, "statements": 0, "commits": 0})
        reply = services.receive(
            body=body.encode(), headers={"X-Printora-Signature": signature},
            remote_addr="127.0.0.1", secrets=settings.PRINTORA_WEBHOOK_SECRETS,
        )
        counted[-1]["status"] = reply.status
        counted[-1]["duplicate"] = reply.body.get("duplicate")
print("BENCH_JSON " + json.dumps(counted))
"""


def count_statements(env: dict, workdir: Path, deliveries: list[Delivery]) -> list[dict]:
    """Statements and commits of each delivery (``STATEMENTS``); the last is a duplicate."""
    path = workdir / "statement-bodies.json"
    sent = [*deliveries, deliveries[-1]]
    path.write_text(json.dumps([[d.event, d.signature, d.body.decode()] for d in sent]))
    output = manage(
        dict(env, BENCH_STATEMENT_BODIES=str(path)), "shell", "--no-imports", "-c", STATEMENTS
    )
    line = next(x for x in output.splitlines() if x.startswith("BENCH_JSON "))
    rows: list[dict] = json.loads(line.removeprefix("BENCH_JSON "))
    if any(row["status"] != 200 for row in rows):
        raise BenchError(f"statement count: a delivery was not applied: {rows}")
    return rows


def statements_line(rows: list[dict]) -> str:
    parts = [
        f"{'duplicate ' if row['duplicate'] else ''}{row['event']} "
        f"{row['statements']} statements / {row['commits']} commit(s)"
        for row in rows
    ]
    return "; ".join(parts)
