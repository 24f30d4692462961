"""`manage.py printora webhooks logs|retry|resend` against a faked Printora (responses)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from responses import matchers

from tests.cli.conftest import LOGS_URL, RESEND_URL, error_reply, printora

ROOT = Path(__file__).resolve().parents[2]

LOG = {
    "id": "wh_1",
    "eventType": "order.paid",
    "status": "failed",
    "attempts": 3,
    "responseStatus": 500,
    "orderId": "ord_1",
    "createdAt": "2026-11-30T08:00:00Z",
}


def test_webhooks_logs_lists_deliveries_with_filters(upstream):
    upstream.get(
        LOGS_URL,
        json={"success": True, "data": {"logs": [LOG], "total": 1}},
        match=[
            matchers.query_param_matcher(
                {"limit": "20", "offset": "0", "status": "failed", "event_type": "order.paid"}
            )
        ],
    )
    code, out, err = printora("webhooks", "logs", "--status", "failed", "--event", "order.paid")
    assert code == 0, err
    header, row = out.splitlines()
    assert header.split() == ["ID", "EVENT", "STATUS", "ATTEMPTS", "REPLY", "ORDER", "CREATED"]
    assert row.split()[:6] == ["wh_1", "order.paid", "failed", "3", "500", "ord_1"]


def test_webhooks_retry_posts_with_an_idempotency_key(upstream):
    upstream.post(
        f"{LOGS_URL}/wh_1/retry",
        status=202,
        json={"success": True, "data": {**LOG, "status": "pending"}},
    )
    code, out, _ = printora("webhooks", "retry", "wh_1", "--json")
    assert code == 0
    assert json.loads(out)["status"] == "pending"
    assert upstream.calls[0].request.headers["Idempotency-Key"]


def test_webhooks_resend_for_an_order(upstream):
    upstream.post(
        RESEND_URL,
        status=202,
        json={"success": True, "data": {"id": "wh_2", "eventType": "order.shipped"}},
        match=[matchers.json_params_matcher({"eventType": "order.shipped", "orderId": "ord_1"})],
    )
    code, out, err = printora("webhooks", "resend", "order.shipped", "--order", "ord_1")
    assert code == 0, err
    assert "Delivery: wh_2" in out and "order.shipped" in out


def test_webhooks_resend_needs_an_order_or_a_session(tmp_path):
    # argparse's own usage errors exit 2 from a shell; run it as a shell would.
    result = subprocess.run(
        [sys.executable, "manage.py", "printora", "webhooks", "resend", "order.paid"],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
            "DEBUG": "true",
            "DJANGO_READ_DOT_ENV_FILE": "false",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "one of the arguments --order --session is required" in result.stderr


def test_retrying_an_unknown_log_exits_3(upstream):
    upstream.post(f"{LOGS_URL}/wh_x/retry", status=404, json=error_reply("NOT_FOUND", "No log"))
    code, _, err = printora("webhooks", "retry", "wh_x")
    assert code == 3 and "NOT_FOUND" in err and "No log" in err
