from __future__ import annotations

import io

import pytest
import responses
from django.core.management import call_command

UPSTREAM = "https://api.printora.test"
API_KEY = "pk_test_cli_0123456789abcdef"
ORDERS_URL = f"{UPSTREAM}/api/v1/partners/orders"
SESSION_URL = f"{UPSTREAM}/api/v1/partner-session"
LOGS_URL = f"{UPSTREAM}/api/v1/partners/webhook-logs"
RESEND_URL = f"{UPSTREAM}/api/v1/partners/webhooks/resend"


def printora(*args: str) -> tuple[int, str, str]:
    """Run `manage.py printora ARGS` in-process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("printora", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def upstream(settings):
    settings.PRINTORA_API_URL = UPSTREAM
    settings.PRINTORA_API_KEY = API_KEY
    settings.PRINTORA_MAX_RETRIES = 0
    settings.APP_URL = "https://shop.example.com"
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def order(number: int, status: str = "paid") -> dict:
    return {
        "orderId": f"ord_{number:04d}",
        "orderNumber": f"PO-{number:04d}",
        "status": status,
        "totalAmount": 29.99,
        "currency": "USD",
        "customer": {"email": f"shopper{number}@example.com"},
        "createdAt": "2026-11-30T08:00:00Z",
    }


def error_reply(code: str, message: str) -> dict:
    return {"success": False, "error": {"code": code, "message": message}}
