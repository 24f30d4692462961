"""``manage.py sync_orders``: Printora's order list reconciled with our order book."""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
import responses
from django.core.management import CommandError, call_command
from django.db import transaction
from django.forms.models import model_to_dict
from django.test import Client
from responses import matchers

from dreamcanvas.printora import get_client
from orders.models import Order, OrderEvent, OrderStatus
from orders.services import apply_event, reconcile_order
from printora_client.models import PartnerOrder, WebhookEvent
from printora_sandbox import catalog, services
from printora_sandbox.dispatcher import Dispatcher
from printora_sandbox.models import SandboxOrder, SandboxSession
from tests.helpers import make_event, post_webhook
from tests.printora_sandbox.conftest import ClientTransport
from webhooks.models import WebhookDelivery

pytestmark = pytest.mark.django_db

API = "https://api.printora.test"
ORDERS_URL = f"{API}/api/v1/partners/orders"


@pytest.fixture(autouse=True)
def printora(settings) -> None:
    settings.PRINTORA_API_URL = API
    settings.PRINTORA_API_KEY = "pk_test_unit"
    settings.PRINTORA_MAX_RETRIES = 2


@pytest.fixture
def api() -> Iterator[responses.RequestsMock]:
    # Every registered response must be used: an unused one means the test is wrong.
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        yield mock


class Sleeps(list):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps(printora, monkeypatch) -> Sleeps:
    """The waits the client asked for; nothing really sleeps."""
    recorded = Sleeps()
    # get_client() returns this same client to the command while settings hold.
    monkeypatch.setattr(get_client(), "_sleep", recorded)
    return recorded


def listed(
    order_id: str = "ord_1",
    status: str = "processing",
    session_id: str | None = "sess_1",
    **extra: Any,
) -> dict[str, Any]:
    """One order of Printora's list, camelCase as documented."""
    return {
        "orderId": order_id,
        "orderNumber": f"ORD-{order_id}",
        "sessionId": session_id,
        "status": status,
        "paymentStatus": "pending" if status == "pending" else "paid",
        "totalAmount": 29.99,
        "currency": "USD",
        "createdAt": "2026-03-01T10:00:00Z",
        **extra,
    }


def add_page(
    api: responses.RequestsMock,
    orders: list[dict],
    *,
    offset: int = 0,
    total: Any = "all",
    query: dict[str, str] | None = None,
) -> None:
    """One page of the list; ``total`` is left out when None."""
    body: dict[str, Any] = {"orders": orders, "offset": offset}
    if total is not None:
        body["total"] = len(orders) if total == "all" else total
    api.add(
        responses.GET,
        ORDERS_URL,
        json={"success": True, "data": body},
        match=[
            matchers.query_param_matcher(
                {"limit": "100", "offset": str(offset), **(query or {})}, strict_match=True
            )
        ],
    )


def add_rate_limited(api: responses.RequestsMock, *, retry_after: str, times: int = 1) -> None:
    for _ in range(times):
        api.add(
            responses.GET,
            ORDERS_URL,
            status=429,
            json={"success": False, "error": {"code": "RATE_LIMIT_EXCEEDED", "message": "Slow"}},
            headers={"Retry-After": retry_after},
        )


def sync(*args: str) -> str:
    out = io.StringIO()
    call_command("sync_orders", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def webhook(event: str, order_id: str = "ord_1", **data: Any) -> dict[str, Any]:
    timestamps = {
        "order.created": "2026-03-01T10:00:00Z",
        "order.paid": "2026-03-01T10:05:00Z",
        "order.shipped": "2026-03-03T09:00:00Z",
    }
    return make_event(
        event,
        order_id=order_id,
        session_id="sess_1",
        timestamp=timestamps[event],
        orderNumber=f"ORD-{order_id}",
        totalAmount=29.99,
        currency="USD",
        **data,
    )


def apply_webhooks(*envelopes: dict[str, Any]) -> None:
    for envelope in envelopes:
        apply_event(event=WebhookEvent.model_validate(envelope), payload=envelope)


def snapshot(order_id: str = "ord_1") -> dict[str, Any]:
    order = Order.objects.get(printora_order_id=order_id)
    return model_to_dict(order, exclude=["id", "created", "updated", "has_synced_events"])


def webhooks_alone(*envelopes: dict[str, Any]) -> dict[str, Any]:
    """The order that these webhooks alone would build (nothing is kept)."""
    with transaction.atomic():
        OrderEvent.objects.all().delete()
        Order.objects.all().delete()
        apply_webhooks(*envelopes)
        result = snapshot()
        transaction.set_rollback(True)
    return result


# --- Creating and updating ------------------------------------------------------------


def test_sync_creates_the_orders_we_never_heard_of_page_by_page(api):
    # The server caps pages at two orders: the next page starts where the last ended.
    add_page(api, [listed("ord_1"), listed("ord_2", "pending", "sess_2")], total=3)
    add_page(api, [listed("ord_3", "shipped", "sess_3", totalAmount=10.5)], offset=2, total=3)

    output = sync()

    assert "seen 3, created 3, updated 0, unchanged 0, errors 0" in output
    orders = {order.printora_order_id: order for order in Order.objects.all()}
    assert {key: order.status for key, order in orders.items()} == {
        "ord_1": OrderStatus.PAID,
        "ord_2": OrderStatus.PENDING,
        "ord_3": OrderStatus.SHIPPED,
    }
    first = orders["ord_1"]
    assert (first.total_amount, first.currency) == (Decimal("29.99"), "USD")
    assert (first.order_number, first.printora_status) == ("ORD-ord_1", "processing")
    assert first.session_id == "sess_1"  # the real session id, not the synthetic key
    assert orders["ord_3"].total_amount == Decimal("10.50")


def test_sync_records_each_created_order_as_one_synthetic_event_marked_as_sync(api):
    add_page(api, [listed("ord_1", "shipped")])

    sync()

    event = OrderEvent.objects.get()
    assert (event.event_type, event.session_id) == ("order.shipped", "sync:sess_1")
    assert event.payload["source"] == "sync"
    assert event.payload["data"]["orderId"] == "ord_1"
    assert not WebhookDelivery.objects.filter(order_event=event).exists()


def test_sync_never_moves_a_status_backwards(api):
    apply_webhooks(webhook("order.created"), webhook("order.paid"), webhook("order.shipped"))
    add_page(api, [listed("ord_1", "paid")])

    output = sync()

    assert "seen 1, created 0, updated 0, unchanged 1, errors 0" in output
    assert Order.objects.get().status == OrderStatus.SHIPPED
    assert OrderEvent.objects.count() == 3  # nothing recorded


def test_sync_writes_nothing_when_the_listing_matches_a_webhook_we_already_have(api):
    apply_webhooks(webhook("order.created"), webhook("order.paid"))
    add_page(api, [listed("ord_1", "processing")])

    output = sync()

    assert "unchanged 1" in output
    assert not OrderEvent.objects.filter(session_id__startswith="sync:").exists()


def test_sync_brings_in_a_missed_shipment_while_we_have_the_order_as_paid(api):
    apply_webhooks(webhook("order.created"), webhook("order.paid"))
    add_page(
        api,
        [listed("ord_1", "shipped", trackingNumber="1Z999", shippedAt="2026-03-03T09:00:00Z")],
    )

    output = sync()

    assert "seen 1, created 0, updated 1, unchanged 0, errors 0" in output
    order = Order.objects.get()
    assert order.status == OrderStatus.SHIPPED
    assert order.tracking_number == "1Z999"
    assert order.session_id == "sess_1"


def test_a_cancelled_listing_does_not_undo_a_delivery_but_a_delivered_one_ends_a_cancel(api):
    apply_webhooks(webhook("order.created"))
    apply_webhooks(make_event("order.delivered", order_id="ord_1", session_id="sess_1"))
    apply_webhooks(make_event("order.cancelled", order_id="ord_2", session_id="sess_2"))
    add_page(api, [listed("ord_1", "cancelled"), listed("ord_2", "delivered", "sess_2")])

    output = sync()

    assert "created 0, updated 1, unchanged 1" in output
    statuses = dict(Order.objects.values_list("printora_order_id", "status"))
    assert statuses == {"ord_1": OrderStatus.DELIVERED, "ord_2": OrderStatus.DELIVERED}


def test_a_second_sync_of_the_same_listing_changes_nothing(api):
    add_page(api, [listed("ord_1", "shipped")])
    add_page(api, [listed("ord_1", "shipped")])
    sync()

    output = sync()

    assert "seen 1, created 0, updated 0, unchanged 1, errors 0" in output
    assert OrderEvent.objects.count() == 1


# --- Synthetic events and real webhooks -----------------------------------------------


def test_a_real_webhook_after_a_sync_event_of_the_same_type_is_still_applied(api, client):
    created, paid = webhook("order.created"), webhook("order.paid", paymentMethod="stripe")
    expected = webhooks_alone(created, paid)
    add_page(api, [listed("ord_1", "processing", updatedAt="2026-03-02T00:00:00Z")])
    sync()

    replies = [post_webhook(client, created), post_webhook(client, paid)]

    assert [reply.status_code for reply in replies] == [200, 200]
    assert not any(reply.json().get("duplicate") for reply in replies)
    assert OrderEvent.objects.filter(event_type="order.paid").count() == 2
    assert Order.objects.get().payment_method == "stripe"
    assert snapshot() == expected


def test_a_late_shipment_webhook_after_sync_recorded_it_gives_what_webhooks_alone_give(api):
    created, paid = webhook("order.created"), webhook("order.paid")
    shipped = webhook("order.shipped", trackingNumber="1Z-REAL", carrier="UPS")
    expected = webhooks_alone(created, paid, shipped)
    apply_webhooks(created, paid)
    add_page(api, [listed("ord_1", "shipped", trackingNumber="1Z-LISTED")])
    sync()
    assert Order.objects.get().tracking_number == "1Z-LISTED"

    result = apply_event(event=WebhookEvent.model_validate(shipped), payload=shipped)

    assert result.outcome == "applied"
    assert snapshot() == expected


def test_an_order_known_only_from_sync_takes_the_real_session_id_once_a_webhook_arrives():
    order = PartnerOrder.model_validate(listed("ord_1", "processing", session_id=None))
    assert reconcile_order(listed=order) == "created"
    assert Order.objects.get().session_id == ""

    apply_webhooks(webhook("order.created"))

    assert Order.objects.get().session_id == "sess_1"


def test_any_arrival_order_of_sync_and_webhook_events_gives_the_same_order():
    envelopes = [
        webhook("order.created"),
        webhook("order.paid", paymentMethod="stripe"),
        make_event(
            "order.paid",
            order_id="ord_1",
            session_id="sync:sess_1",
            timestamp="2026-03-02T00:00:00Z",
            status="processing",
            totalAmount=31.5,
        ),
        make_event(
            "order.shipped",
            order_id="ord_1",
            session_id="sync:sess_1",
            timestamp="2026-03-02T00:00:00Z",
            trackingNumber="1Z-LISTED",
        ),
    ]
    results = []
    for permutation in itertools.permutations(envelopes):
        with transaction.atomic():
            apply_webhooks(*permutation)
            results.append(snapshot())
            transaction.set_rollback(True)

    assert all(result == results[0] for result in results)
    # The synthetic paid gave way to the real one; the synthetic shipment still counts.
    assert results[0]["total_amount"] == Decimal("29.99")
    assert (results[0]["status"], results[0]["tracking_number"]) == ("shipped", "1Z-LISTED")


# --- Dry run, filters, summary --------------------------------------------------------


def test_dry_run_reports_the_counts_and_writes_nothing(api):
    apply_webhooks(webhook("order.created"), webhook("order.paid"))
    before = snapshot()
    orders = [listed("ord_1", "shipped"), listed("ord_2"), listed("ord_3", "pending")]
    add_page(api, orders, total=None)
    add_page(api, [], offset=3, total=None)  # an empty page ends a list without a total

    output = sync("--dry-run")

    assert "seen 3, created 2, updated 1, unchanged 0, errors 0" in output
    assert "dry run: nothing was written" in output
    assert Order.objects.count() == 1
    assert OrderEvent.objects.count() == 2
    assert snapshot() == before


def test_dry_run_is_not_mentioned_when_it_is_a_real_run(api):
    add_page(api, [listed()])

    assert "dry run" not in sync()


def test_since_skips_orders_created_before_the_date(api):
    add_page(
        api,
        [
            listed("ord_old", createdAt="2026-02-28T23:59:59Z"),
            listed("ord_new", createdAt="2026-03-01T00:00:00Z"),
            listed("ord_undated", createdAt=None),
        ],
    )

    output = sync("--since", "2026-03-01")

    assert "seen 2, created 2" in output
    assert "skipped 1 created before 2026-03-01" in output
    assert set(Order.objects.values_list("printora_order_id", flat=True)) == {
        "ord_new",
        "ord_undated",
    }


@pytest.mark.parametrize("value", ["yesterday", "2026-02-30", "03/01/2026"])
def test_a_since_that_is_not_an_iso_date_is_refused_before_any_request(api, value):
    with pytest.raises(CommandError, match="--since"):
        sync("--since", value)
    assert len(api.calls) == 0


def test_status_is_passed_to_printora_as_the_status_query_parameter(api):
    add_page(api, [listed("ord_1", "shipped")], query={"status": "shipped"})

    output = sync("--status", "shipped")

    assert "created 1" in output


def test_a_malformed_order_counts_as_an_error_and_the_run_goes_on(api):
    add_page(api, [listed("ord_bad", "on_hold"), listed("ord_good"), listed("x" * 101)])

    output = sync()

    assert "seen 3, created 1, updated 0, unchanged 0, errors 2" in output
    assert "error: order ord_bad: unknown status 'on_hold'" in output
    assert list(Order.objects.values_list("printora_order_id", flat=True)) == ["ord_good"]


def test_the_output_is_one_progress_line_per_page_then_the_summary(api):
    add_page(api, [listed("ord_1"), listed("ord_2")], total=3)
    add_page(api, [listed("ord_3")], offset=2, total=3)

    lines = sync().splitlines()

    assert lines == [
        "page 1: seen 2, created 2, updated 0, unchanged 0, errors 0",
        "page 2: seen 3, created 3, updated 0, unchanged 0, errors 0",
        "seen 3, created 3, updated 0, unchanged 0, errors 0",
    ]


def test_in_a_terminal_progress_rewrites_one_line(api):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    add_page(api, [listed("ord_1")], total=2)
    add_page(api, [listed("ord_2")], offset=1, total=2)
    out = Terminal()

    call_command("sync_orders", stdout=out, no_color=True)

    text = out.getvalue()
    assert text.startswith("\rpage 1: seen 1,")
    assert "\rpage 2: seen 2," in text
    assert text.endswith("\nseen 2, created 2, updated 0, unchanged 0, errors 0\n")


def test_max_pages_stops_early_and_says_so(api):
    add_page(api, [listed("ord_1")], total=2)

    output = sync("--max-pages", "1")

    assert "seen 1, created 1" in output
    assert "stopped after 1 pages: Printora may list more orders" in output


# --- Rate limits and errors -----------------------------------------------------------


def test_a_429_is_retried_by_the_client_and_the_sync_completes(api, sleeps):
    add_rate_limited(api, retry_after="1")
    add_page(api, [listed()])

    output = sync()

    assert "seen 1, created 1" in output
    assert sleeps == [1.0]  # the client honoured Retry-After, without sleeping for real


@pytest.mark.parametrize(
    ("retry_after", "times", "shown"),
    [
        ("0", 3, "0"),  # still limited after the client's two retries
        ("3600", 1, "3600"),  # beyond the client's longest wait: no retry at all
    ],
)
def test_an_exhausted_quota_stops_cleanly_with_the_summary_so_far(
    api, sleeps, retry_after, times, shown
):
    add_page(api, [listed("ord_1"), listed("ord_2")], total=4)
    add_rate_limited(api, retry_after=retry_after, times=times)
    out = io.StringIO()

    with pytest.raises(CommandError) as raised:
        call_command("sync_orders", stdout=out)

    assert str(raised.value) == f"stopped: Printora's rate limit (retry in {shown} s)"
    assert "seen 2, created 2, updated 0, unchanged 0, errors 0" in out.getvalue()
    assert Order.objects.count() == 2  # what was done before the limit is kept
    assert len(sleeps) == times - 1


def test_another_printora_error_stops_with_one_clear_line(api):
    api.add(
        responses.GET,
        ORDERS_URL,
        status=401,
        json={"success": False, "error": {"code": "INVALID_API_KEY", "message": "Invalid"}},
    )

    with pytest.raises(CommandError) as raised:
        sync()

    message = str(raised.value)
    assert message.startswith("stopped: Printora did not accept the API key")
    assert "PRINTORA_API_KEY" in message and "\n" not in message
    assert "pk_test_unit" not in message


# --- Against the sandbox, over real HTTP ----------------------------------------------


@pytest.fixture
def sandbox_printora(live_server, settings) -> Iterator[Any]:
    """The sandbox on a real port standing in for Printora (as tests/printora_sandbox)."""
    settings.APP_URL = live_server.url
    settings.PRINTORA_API_URL = live_server.url + "/sandbox"
    settings.SANDBOX_WEBHOOK_URL = live_server.url + "/api/webhooks/"
    yield live_server
    get_client().close()


def sandbox_checkout(email: str) -> SandboxOrder:
    session = SandboxSession.objects.create(
        mode="image",
        image_url="https://cdn.example.com/art/nebula.jpg",
        success_url="http://testserver/callback/success/",
        failed_url="http://testserver/callback/failed/",
        idempotency_key=email,
        request_fingerprint="x",
    )
    services.open_session(session)
    mug = catalog.product("mug")
    assert mug is not None
    return services.checkout(
        session=session,
        product=mug,
        colour="Black",
        size="15 oz",
        quantity=2,
        first_name="Maya",
        last_name="Chen",
        email=email,
        address={"street": "1 Main St", "city": "Austin", "zipCode": "73301", "country": "US"},
    )


@pytest.mark.django_db(transaction=True)
def test_sandbox_orders_whose_webhooks_never_came_are_created_by_sync(sandbox_printora):
    paid = sandbox_checkout("maya@example.com")
    shipped = services.ship_order(sandbox_checkout("sam@example.com"))
    assert not Order.objects.exists()  # webhooks queued, never delivered

    output = sync()

    assert "seen 2, created 2, updated 0, unchanged 0, errors 0" in output
    for sandbox_order, status in [(paid, OrderStatus.PAID), (shipped, OrderStatus.SHIPPED)]:
        order = Order.objects.get(printora_order_id=str(sandbox_order.id))
        assert order.status == status
        assert order.session_id == str(sandbox_order.session_id)
        assert order.total_amount == sandbox_order.total_amount
        assert order.order_number == sandbox_order.order_number
    assert Order.objects.get(printora_order_id=str(shipped.id)).tracking_number

    # The webhooks arrive late: every one is applied, none is taken for a duplicate.
    # A requests.Session look-alike over Django's test client.
    transport = ClientTransport(Client(enforce_csrf_checks=True))
    dispatcher = Dispatcher(http=transport)
    while dispatcher.run_due():
        pass
    real = OrderEvent.objects.exclude(session_id__startswith="sync:")
    assert real.count() == 5  # created + paid for each, shipped for one
    assert Order.objects.get(printora_order_id=str(shipped.id)).status == OrderStatus.SHIPPED
    assert "unchanged 2" in sync()
