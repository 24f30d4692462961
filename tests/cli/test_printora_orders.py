"""`manage.py printora orders list|get` against a faked Printora (responses)."""

from __future__ import annotations

import json

import responses
from responses import matchers

from tests.cli.conftest import API_KEY, ORDERS_URL, order, printora


def page(orders: list[dict], total: int, limit: int = 20, offset: int = 0) -> dict:
    return {
        "success": True,
        "data": {"orders": orders, "total": total, "limit": limit, "offset": offset},
    }


def test_orders_list_prints_a_readable_table(upstream):
    upstream.get(ORDERS_URL, json=page([order(1), order(2, "shipped")], total=2))
    code, out, err = printora("orders", "list")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == ["ORDER", "NUMBER", "STATUS", "TOTAL", "CUSTOMER", "CREATED"]
    assert lines[1].split() == [
        "ord_0001",
        "PO-0001",
        "paid",
        "29.99",
        "USD",
        "shopper1@example.com",
        "2026-11-30",
        "08:00:00Z",
    ]
    assert "shipped" in lines[2]
    assert err == ""


def test_orders_list_json_is_the_api_objects_for_scripts(upstream):
    upstream.get(ORDERS_URL, json=page([order(1)], total=1))
    code, out, _ = printora("orders", "list", "--json")
    assert code == 0
    data = json.loads(out)
    assert data[0]["orderId"] == "ord_0001" and data[0]["status"] == "paid"


def test_json_may_come_before_the_resource_too(upstream):
    upstream.get(ORDERS_URL, json=page([order(1)], total=1))
    code, out, _ = printora("--json", "orders", "list")
    assert code == 0 and json.loads(out)[0]["orderId"] == "ord_0001"


def test_a_page_of_a_longer_list_says_how_to_get_the_rest(upstream):
    upstream.get(
        ORDERS_URL,
        json=page([order(1), order(2)], total=5, limit=2),
        match=[matchers.query_param_matcher({"limit": "2", "offset": "0", "status": "paid"})],
    )
    code, out, err = printora("orders", "list", "--limit", "2", "--status", "paid")
    assert code == 0
    assert len(out.splitlines()) == 3
    assert err.strip() == "1–2 of 5 orders; --offset 2 for the next page, --all for every one."


def test_all_pages_through_every_order_with_a_progress_line(upstream):
    upstream.get(
        ORDERS_URL,
        json=page([order(n) for n in range(100)], total=130, limit=100),
        match=[matchers.query_param_matcher({"limit": "100", "offset": "0"})],
    )
    upstream.get(
        ORDERS_URL,
        json=page([order(n) for n in range(100, 130)], total=130, limit=100, offset=100),
        match=[matchers.query_param_matcher({"limit": "100", "offset": "100"})],
    )
    code, out, err = printora("orders", "list", "--all", "--json")
    assert code == 0
    assert [o["orderId"] for o in json.loads(out)] == [f"ord_{n:04d}" for n in range(130)]
    assert err.splitlines() == ["fetched 100 of 130 orders…", "fetched 130 of 130 orders…"]


def test_verbosity_zero_keeps_stderr_quiet(upstream):
    upstream.get(ORDERS_URL, json=page([order(1)], total=1))
    code, _, err = printora("-v", "0", "orders", "list", "--all")
    assert code == 0 and err == ""


def test_an_empty_list_says_so(upstream):
    upstream.get(ORDERS_URL, json=page([], total=0))
    assert printora("orders", "list")[1] == "No orders.\n"


def test_orders_get_finds_an_order_by_id_or_number(upstream):
    upstream.get(ORDERS_URL, json=page([order(1), order(7, "delivered")], total=2, limit=100))
    code, out, _ = printora("orders", "get", "PO-0007")
    assert code == 0
    assert "Order:" in out and "ord_0007" in out and "delivered" in out
    code, out, _ = printora("orders", "get", "ord_0001", "--json")
    assert json.loads(out)["orderNumber"] == "PO-0001"


def test_orders_get_of_an_unknown_order_exits_3(upstream):
    upstream.get(ORDERS_URL, json=page([order(1)], total=1, limit=100))
    code, out, err = printora("orders", "get", "ord_nope")
    assert (code, out) == (3, "")
    assert err.splitlines()[-1] == "error: no order ord_nope among this partner's orders"


def test_it_sends_the_api_key_as_a_bearer_token(upstream):
    upstream.get(ORDERS_URL, json=page([], total=0))
    printora("orders", "list")
    assert upstream.calls[0].request.headers["Authorization"] == f"Bearer {API_KEY}"


def test_a_refused_key_is_one_line_with_the_code_and_exit_4(upstream):
    upstream.get(
        ORDERS_URL,
        status=401,
        json={"success": False, "error": {"code": "UNAUTHORIZED", "message": "Invalid API key"}},
    )
    code, out, err = printora("orders", "list")
    assert (code, out) == (4, "")
    assert len(err.splitlines()) == 1
    assert err.startswith("error: ") and "UNAUTHORIZED" in err and "Invalid API key" in err
    assert API_KEY not in err


def test_an_unreachable_api_exits_6_naming_the_url(upstream):
    upstream.get(ORDERS_URL, body=responses.ConnectionError("refused"))
    code, _, err = printora("orders", "list")
    assert code == 6
    assert err.strip() == (
        "error: Could not reach Printora at https://api.printora.test: ConnectionError on "
        "GET /api/v1/partners/orders. Check PRINTORA_API_URL and the network."
    )


def test_rate_limiting_exits_5(upstream):
    upstream.get(
        ORDERS_URL,
        status=429,
        headers={"Retry-After": "30"},
        json={"success": False, "error": {"code": "RATE_LIMITED", "message": "Slow down"}},
    )
    code, _, err = printora("orders", "list")
    assert code == 5 and "RATE_LIMITED" in err and len(err.splitlines()) == 1


def test_a_limit_outside_the_api_range_is_a_usage_error_before_sending(upstream):
    code, _, err = printora("orders", "list", "--limit", "500")
    assert code == 2 and "limit" in err and len(err.splitlines()) == 1
    assert len(upstream.calls) == 0
