"""Every POST carries one Idempotency-Key, reused on its retry; PUT and DELETE retry without one."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
import responses

from printora_client import PrintoraClient
from tests.printora_client.support import (
    BASE_URL,
    CREATED_SESSION,
    CREATOR,
    CREATOR_ID,
    CREATOR_URL,
    CREATORS_URL,
    EDIT_SESSION,
    MERCH,
    MERCH_ID,
    MERCH_LIST_URL,
    MERCH_URL,
    PRODUCT_ID,
    SESSION_URL,
    VARIANT_ID,
    image_session_kwargs,
)

Call = Callable[[PrintoraClient], Any]

POSTS: list[tuple[str, str, dict[str, Any], Call]] = [
    (
        "create_session",
        SESSION_URL,
        CREATED_SESSION,
        lambda c: c.create_session(**image_session_kwargs()),
    ),
    (
        "creators.create",
        CREATORS_URL,
        {"success": True, "creator": CREATOR},
        lambda c: c.creators.create(name="Ana Lima"),
    ),
    (
        "merch.create",
        MERCH_LIST_URL,
        {"success": True, "data": MERCH},
        lambda c: c.merch.create(
            CREATOR_ID,
            title="Nebula tee",
            product_id=PRODUCT_ID,
            variant_ids=[VARIANT_ID],
            design_image_url="https://cdn.example/nebula.png",
        ),
    ),
    (
        "merch.new_edit_session",
        f"{MERCH_URL}/edit-session",
        {"success": True, "data": EDIT_SESSION},
        lambda c: c.merch.new_edit_session(CREATOR_ID, MERCH_ID),
    ),
    (
        "retry_webhook_log",
        f"{BASE_URL}/api/v1/partners/webhook-logs/17/retry",
        {"success": True},
        lambda c: c.retry_webhook_log("17"),
    ),
    (
        "resend_webhook",
        f"{BASE_URL}/api/v1/partners/webhooks/resend",
        {"success": True},
        lambda c: c.resend_webhook(event_type="order.paid", order_id="ord_1"),
    ),
]

PUTS_AND_DELETES: list[tuple[str, str, str, dict[str, Any], Call]] = [
    (
        "creators.update",
        "PUT",
        CREATOR_URL,
        {"creator": CREATOR},
        lambda c: c.creators.update(CREATOR_ID, name="Ana"),
    ),
    (
        "creators.set_status",
        "PUT",
        f"{CREATOR_URL}/status",
        {"creator": CREATOR},
        lambda c: c.creators.set_status(CREATOR_ID, "inactive"),
    ),
    (
        "creators.delete",
        "DELETE",
        CREATOR_URL,
        {"success": True},
        lambda c: c.creators.delete(CREATOR_ID),
    ),
    (
        "merch.update",
        "PUT",
        MERCH_URL,
        {"success": True, "data": MERCH},
        lambda c: c.merch.update(CREATOR_ID, MERCH_ID, stock_limit=10),
    ),
    (
        "merch.delete",
        "DELETE",
        MERCH_URL,
        {"success": True},
        lambda c: c.merch.delete(CREATOR_ID, MERCH_ID),
    ),
]


@pytest.mark.parametrize(("name", "url", "reply", "call"), POSTS, ids=[p[0] for p in POSTS])
def test_every_post_keeps_one_idempotency_key_across_its_retries(
    client: PrintoraClient,
    mocked: responses.RequestsMock,
    name: str,
    url: str,
    reply: dict[str, Any],
    call: Call,
) -> None:
    mocked.add(responses.POST, url, status=503)
    mocked.add(responses.POST, url, status=502)
    mocked.add(responses.POST, url, json=reply, status=201)

    call(client)

    keys = [request.request.headers.get("Idempotency-Key") for request in mocked.calls]
    assert len(keys) == 3
    assert keys[0] is not None
    assert uuid.UUID(keys[0]).version == 4
    assert keys == [keys[0]] * 3


@pytest.mark.parametrize(("name", "url", "reply", "call"), POSTS, ids=[p[0] for p in POSTS])
def test_two_calls_of_the_same_post_use_two_keys(
    client: PrintoraClient,
    mocked: responses.RequestsMock,
    name: str,
    url: str,
    reply: dict[str, Any],
    call: Call,
) -> None:
    mocked.add(responses.POST, url, json=reply, status=201)
    mocked.add(responses.POST, url, json=reply, status=201)

    call(client)
    call(client)

    first, second = (request.request.headers["Idempotency-Key"] for request in mocked.calls)
    assert first != second


@pytest.mark.parametrize(
    ("name", "method", "url", "reply", "call"),
    PUTS_AND_DELETES,
    ids=[p[0] for p in PUTS_AND_DELETES],
)
def test_puts_and_deletes_are_retried_as_idempotent_requests_without_a_key(
    client: PrintoraClient,
    mocked: responses.RequestsMock,
    name: str,
    method: str,
    url: str,
    reply: dict[str, Any],
    call: Call,
) -> None:
    mocked.add(method, url, status=503)
    mocked.add(method, url, json=reply)

    call(client)

    assert len(mocked.calls) == 2
    assert all("Idempotency-Key" not in request.request.headers for request in mocked.calls)
