"""`manage.py printora` over real HTTP against the built-in sandbox: the same command
works unchanged against the sandbox and the real API (only PRINTORA_API_URL differs)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from printora_sandbox.dispatcher import Dispatcher
from tests.cli.conftest import printora
from tests.printora_sandbox.conftest import CHECKOUT

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sandbox(sandbox_live, settings):
    settings.PRINTORA_MAX_RETRIES = 0
    return sandbox_live


def deliver_over_http() -> None:
    dispatcher = Dispatcher()
    while dispatcher.run_due():
        pass


def test_a_session_is_created_read_back_paid_and_its_order_listed(sandbox):
    image = f"{sandbox.url}/static/img/gallery/corona-hour.jpg"
    code, out, err = printora("sessions", "create", "--image-url", image, "--json")
    assert code == 0, err
    created = json.loads(out)
    assert created["redirectUrl"].startswith(sandbox.url + "/sandbox/en/print/")

    # The shopper pays in the sandbox's editor.
    editor_path = created["redirectUrl"].removeprefix(sandbox.url)
    assert Client().post(editor_path + "/checkout", CHECKOUT).status_code == 303

    code, out, err = printora("sessions", "get", created["sessionId"])
    assert code == 0, err
    assert created["sessionId"] in out and "completed" in out

    code, out, err = printora("orders", "list", "--json")
    assert code == 0, err
    orders = json.loads(out)
    assert [o["sessionId"] for o in orders] == [created["sessionId"]]
    order_id = orders[0]["orderId"]

    code, out, _ = printora("orders", "get", order_id)
    assert code == 0 and order_id in out and "paid" in out


def test_webhook_logs_and_resend_and_retry(sandbox):
    image = f"{sandbox.url}/static/img/gallery/corona-hour.jpg"
    created = json.loads(printora("sessions", "create", "--image-url", image, "--json")[1])
    editor_path = created["redirectUrl"].removeprefix(sandbox.url)
    Client().post(editor_path + "/checkout", CHECKOUT)
    order_id = json.loads(printora("orders", "list", "--json")[1])[0]["orderId"]

    code, out, err = printora("webhooks", "logs")
    assert code == 0, err
    assert out.splitlines()[0].split()[:3] == ["ID", "EVENT", "STATUS"]
    assert "order.created" in out and "order.paid" in out

    code, out, err = printora("webhooks", "resend", "order.paid", "--order", order_id, "--json")
    assert code == 0, err
    resent = json.loads(out)
    assert resent["eventType"] == "order.paid"

    # Still queued: Printora refuses the retry, in one line with its code, exit 1.
    code, out, err = printora("webhooks", "retry", str(resent["id"]))
    assert (code, out) == (1, "")
    assert len(err.splitlines()) == 1 and "409 ALREADY_PENDING" in err

    deliver_over_http()
    code, out, err = printora("webhooks", "retry", str(resent["id"]))
    assert code == 0, err
    assert "order.paid" in out


def test_an_unknown_session_exits_3_with_the_apis_code(sandbox):
    code, out, err = printora("sessions", "get", "00000000-0000-4000-8000-000000000000")
    assert (code, out) == (3, "")
    assert len(err.splitlines()) == 1 and "404" in err


def test_list_options_reach_the_sandbox(sandbox):
    code, out, err = printora("webhooks", "logs", "--status", "failed", "--event", "order.paid")
    assert (code, out, err) == (0, "No webhook deliveries.\n", "")
