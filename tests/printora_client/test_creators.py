"""client.creators: every call's request, every documented reply shape, and its errors."""

from __future__ import annotations

import itertools
import json
import uuid
from datetime import UTC, datetime
from decimal import Decimal

import pytest
import responses

from printora_client import (
    Creator,
    CreatorStats,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
    PrintoraClient,
)
from tests.printora_client.support import (
    CREATOR,
    CREATOR_ID,
    CREATOR_URL,
    CREATORS_URL,
    FakeSleep,
    error_body,
    sent_query,
)


def sent(mocked: responses.RequestsMock, index: int = 0) -> dict:
    return json.loads(mocked.calls[index].request.body or b"")


def test_create_posts_the_camel_case_body_and_reads_the_creator_envelope(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(responses.POST, CREATORS_URL, json={"success": True, "creator": CREATOR}, status=201)

    creator = client.creators.create(
        name=" Ana Lima ",
        slug="ana-lima",
        email="ana@example.com",
        logo_url="https://cdn.example/ana.png",
    )

    assert sent(mocked) == {
        "name": "Ana Lima",
        "slug": "ana-lima",
        "email": "ana@example.com",
        "logoUrl": "https://cdn.example/ana.png",
    }
    assert isinstance(creator, Creator)
    assert (creator.id, creator.slug, creator.status) == (CREATOR_ID, "ana-lima", "active")
    assert creator.logo_url == "https://cdn.example/ana.png"
    assert creator.created_at == datetime(2026, 3, 15, 10, 0, tzinfo=UTC)


def test_create_leaves_out_the_optional_fields_not_given(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(responses.POST, CREATORS_URL, json={"success": True, "data": CREATOR}, status=201)

    creator = client.creators.create(name="Ana Lima")

    assert sent(mocked) == {"name": "Ana Lima"}
    assert creator.name == "Ana Lima"


def test_create_sends_one_idempotency_key_and_reuses_it_on_the_retry(
    client: PrintoraClient, mocked: responses.RequestsMock, sleeps: FakeSleep
) -> None:
    mocked.add(responses.POST, CREATORS_URL, status=503)
    mocked.add(responses.POST, CREATORS_URL, json={"success": True, "creator": CREATOR}, status=201)

    client.creators.create(name="Ana Lima")

    keys = [call.request.headers["Idempotency-Key"] for call in mocked.calls]
    assert len(keys) == 2
    assert keys[0] == keys[1]
    assert uuid.UUID(keys[0]).version == 4
    assert len(sleeps.calls) == 1


def test_create_passes_the_callers_idempotency_key_through(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(responses.POST, CREATORS_URL, json={"success": True, "creator": CREATOR}, status=201)

    client.creators.create(name="Ana Lima", idempotency_key="creator-row-7")

    assert mocked.calls[0].request.headers["Idempotency-Key"] == "creator-row-7"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        pytest.param({"name": ""}, "name", id="empty name"),
        pytest.param({"name": "   "}, "name", id="blank name"),
        pytest.param({"name": None}, "name", id="null name"),
        pytest.param({"name": "Ana", "slug": "Ana Lima"}, "slug", id="slug with capitals"),
        pytest.param({"name": "Ana", "slug": "ana--lima"}, "slug", id="slug double hyphen"),
        pytest.param({"name": "Ana", "email": "not-an-email"}, "email", id="email"),
        pytest.param({"name": "Ana", "logo_url": "ftp://x/logo.png"}, "logo_url", id="logo"),
        pytest.param({"name": "Ana", "idempotency_key": "has space"}, "idempotency_key", id="key"),
    ],
)
def test_create_rejects_bad_arguments_before_any_http(
    client: PrintoraClient, mocked: responses.RequestsMock, kwargs: dict, field: str
) -> None:
    with pytest.raises(InvalidRequestError) as raised:
        client.creators.create(**kwargs)

    assert raised.value.status is None
    assert field in [detail["field"] for detail in raised.value.details]
    assert len(mocked.calls) == 0


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            {
                "success": True,
                "data": {
                    "creators": [CREATOR],
                    "total": 41,
                    "page": 2,
                    "limit": 20,
                    "totalPages": 3,
                },
            },
            id="wrapped with page counts",
        ),
        pytest.param({"success": True, "creators": [CREATOR], "total": 41}, id="unwrapped"),
        pytest.param(
            {"success": True, "data": [CREATOR], "pagination": {"total": 41}}, id="data as a list"
        ),
    ],
)
def test_list_reads_every_documented_shape(
    client: PrintoraClient, mocked: responses.RequestsMock, body: dict
) -> None:
    mocked.add(responses.GET, CREATORS_URL, json=body)

    page = client.creators.list(page=2, limit=20, status="active")

    assert [creator.id for creator in page.creators] == [CREATOR_ID]
    assert page.total == 41
    assert sent_query(mocked.calls[0].request) == {"limit": "20", "page": "2", "status": "active"}


def test_iter_walks_every_creator_page_by_offset(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    rows = [{**CREATOR, "id": f"c{n}", "slug": f"c-{n}"} for n in range(3)]
    mocked.add(responses.GET, CREATORS_URL, json={"creators": rows[:2], "total": 3})
    mocked.add(responses.GET, CREATORS_URL, json={"creators": rows[2:], "total": 3})

    found = [c.id for c in itertools.islice(client.creators.iter(page_size=2), 100)]

    assert found == ["c0", "c1", "c2"]
    assert sent_query(mocked.calls[1].request) == {"limit": "2", "offset": "2"}


def test_get_reads_one_creator(client: PrintoraClient, mocked: responses.RequestsMock) -> None:
    mocked.add(responses.GET, CREATOR_URL, json={"success": True, "creator": CREATOR})

    assert client.creators.get(uuid.UUID(CREATOR_ID)).name == "Ana Lima"


def test_ids_are_escaped_as_one_path_segment(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(responses.GET, f"{CREATORS_URL}/a%2F..%2Fb", json={"creator": CREATOR})

    client.creators.get("a/../b")

    assert mocked.calls[0].request.url == f"{CREATORS_URL}/a%2F..%2Fb"


@pytest.mark.parametrize("creator_id", ["", "  ", "..", None])
def test_an_empty_or_path_like_id_is_refused_before_any_http(
    client: PrintoraClient, mocked: responses.RequestsMock, creator_id: str | None
) -> None:
    with pytest.raises(InvalidRequestError):
        client.creators.get(creator_id)  # type: ignore[arg-type]
    assert len(mocked.calls) == 0


def test_update_sends_only_the_fields_given_and_none_clears_one(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(responses.PUT, CREATOR_URL, json={"success": True, "creator": CREATOR})

    client.creators.update(CREATOR_ID, description=None, logo_url="https://cdn.example/new.png")

    assert sent(mocked) == {"description": None, "logoUrl": "https://cdn.example/new.png"}
    assert "Idempotency-Key" not in mocked.calls[0].request.headers


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param({}, id="nothing to change"),
        pytest.param({"name": None}, id="name cleared"),
        pytest.param({"slug": None}, id="slug cleared"),
        pytest.param({"slug": "Not A Slug"}, id="bad slug"),
    ],
)
def test_update_rejects_what_cannot_be_sent_before_any_http(
    client: PrintoraClient, mocked: responses.RequestsMock, kwargs: dict
) -> None:
    with pytest.raises(InvalidRequestError):
        client.creators.update(CREATOR_ID, **kwargs)
    assert len(mocked.calls) == 0


def test_a_put_is_retried_after_a_503_since_repeating_it_changes_nothing_more(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(responses.PUT, CREATOR_URL, status=503)
    mocked.add(responses.PUT, CREATOR_URL, json={"success": True, "creator": CREATOR})

    client.creators.update(CREATOR_ID, name="Ana L.")

    assert [sent(mocked, i) for i in range(2)] == [{"name": "Ana L."}] * 2


def test_set_status_puts_the_status(client: PrintoraClient, mocked: responses.RequestsMock) -> None:
    suspended = {**CREATOR, "status": "suspended"}
    mocked.add(responses.PUT, f"{CREATOR_URL}/status", json={"success": True, "creator": suspended})

    creator = client.creators.set_status(CREATOR_ID, "suspended")

    assert sent(mocked) == {"status": "suspended"}
    assert creator.status == "suspended"


def test_set_status_refuses_an_undocumented_status_before_any_http(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    with pytest.raises(InvalidRequestError) as raised:
        client.creators.set_status(CREATOR_ID, "banned")
    assert raised.value.details[0]["field"] == "status"
    assert len(mocked.calls) == 0


def test_delete_returns_none_on_success(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(responses.DELETE, CREATOR_URL, json={"success": True})

    assert client.creators.delete(CREATOR_ID) is None  # type: ignore[func-returns-value]  # checked at run time too


def test_delete_counts_a_404_on_the_retry_as_done(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    # The first attempt's answer was lost: it did delete, so the retry finds nothing.
    mocked.add(responses.DELETE, CREATOR_URL, status=502)
    mocked.add(
        responses.DELETE, CREATOR_URL, json=error_body("NOT_FOUND", "Creator not found"), status=404
    )

    assert client.creators.delete(CREATOR_ID) is None  # type: ignore[func-returns-value]  # checked at run time too
    assert len(mocked.calls) == 2


def test_delete_of_an_unknown_creator_raises_not_found(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(
        responses.DELETE, CREATOR_URL, json=error_body("NOT_FOUND", "Creator not found"), status=404
    )

    with pytest.raises(NotFoundError, match="Creator not found"):
        client.creators.delete(CREATOR_ID)


def test_a_creator_of_another_partner_raises_permission_denied_with_the_message(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    body = error_body("FORBIDDEN", "Creator does not belong to this partner")
    mocked.add(responses.GET, CREATOR_URL, json=body, status=403)

    with pytest.raises(PermissionDeniedError) as raised:
        client.creators.get(CREATOR_ID)

    assert raised.value.message == "Creator does not belong to this partner"
    assert "Creator does not belong to this partner" in str(raised.value)
    assert len(mocked.calls) == 1


def test_stats_read_money_as_decimal_and_keep_the_breakdowns(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    stats = {
        "totalOrders": 7,
        "totalRevenue": 209.93,
        "ordersByStatus": {"paid": 5, "shipped": 2},
        "topMerch": [{"merchId": "m1", "title": "Nebula tee", "orderCount": 6}],
    }
    mocked.add(responses.GET, f"{CREATOR_URL}/stats", json={"success": True, "stats": stats})

    result = client.creators.stats(CREATOR_ID)

    assert isinstance(result, CreatorStats)
    assert result.total_orders == 7
    assert result.total_revenue == Decimal("209.93")
    assert result.orders_by_status == {"paid": 5, "shipped": 2}
    assert [(m.merch_id, m.title, m.order_count) for m in result.top_merch] == [
        ("m1", "Nebula tee", 6)
    ]


def test_stats_of_a_creator_without_orders_read_nulls_as_zeros() -> None:
    stats = CreatorStats.model_validate(
        {"success": True, "stats": {"totalOrders": None, "totalRevenue": None, "topMerch": None}}
    )

    assert (stats.total_orders, stats.total_revenue, stats.top_merch) == (0, Decimal(0), [])
    assert stats.orders_by_status == {}


def test_orders_read_the_creators_orders_with_their_customer(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    body = {
        "success": True,
        "orders": [
            {
                "id": "ord_1",
                "orderNumber": "PO-1001",
                "status": "paid",
                "totalAmount": 29.99,
                "createdAt": "2026-03-15T11:00:00Z",
                "customer": {"email": "sam@example.com", "name": "Sam Rivera"},
            },
            {"order_id": "ord_2", "total_amount": "10.10"},
        ],
        "total": 2,
    }
    mocked.add(responses.GET, f"{CREATOR_URL}/orders", json=body)

    page = client.creators.orders(CREATOR_ID, limit=10, offset=0)

    assert [order.id for order in page.orders] == ["ord_1", "ord_2"]
    first = page.orders[0]
    assert (first.order_number, first.status) == ("PO-1001", "paid")
    assert first.total_amount == Decimal("29.99")
    assert first.customer is not None
    assert (first.customer.email, first.customer.name) == ("sam@example.com", "Sam Rivera")
    assert page.orders[1].total_amount == Decimal("10.10")
    assert page.total == 2
    assert sent_query(mocked.calls[0].request) == {"limit": "10", "offset": "0"}
