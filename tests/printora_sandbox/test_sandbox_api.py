"""The sandbox's Partner API over real HTTP, called through printora_client."""

from __future__ import annotations

import uuid
from typing import TypedDict

import pytest
import requests
from django.conf import settings as django_settings

from dreamcanvas import ratelimit
from dreamcanvas.printora import get_client
from printora_client import (
    AuthenticationError,
    ConflictError,
    NotFoundError,
    PrintoraClient,
    RateLimitError,
)
from printora_sandbox.models import SandboxOrder, SandboxSession

pytestmark = pytest.mark.django_db(transaction=True)

IMAGE = "https://cdn.example.com/art/nebula.jpg"


class Callbacks(TypedDict):
    success_url: str
    failed_url: str


CALLBACKS: Callbacks = {
    "success_url": "https://shop.example.com/callback/success/",
    "failed_url": "https://shop.example.com/callback/failed/",
}


def api_url(live, path: str) -> str:
    return f"{live.url}/sandbox/api/v1/{path}"


def raw_post(live, path: str, body, *, key: str | None = "configured", **headers):
    if key == "configured":
        key = django_settings.PRINTORA_API_KEY
    if key is not None:
        headers["Authorization"] = f"Bearer {key}"
    return requests.post(api_url(live, path), json=body, headers=headers, timeout=10)


def test_it_creates_an_image_session_with_a_redirect_to_the_sandbox_editor(sandbox_live):
    session = get_client().create_session(
        image_url=IMAGE, user_email="maya@example.com", user_name="Maya Chen", **CALLBACKS
    )
    stored = SandboxSession.objects.get()
    assert session.session_id == str(stored.id)
    assert session.redirect_url == f"{sandbox_live.url}/sandbox/en/print/{stored.token}"
    assert session.session_mode == "image" and session.image_url == IMAGE
    assert (stored.user_email, stored.user_name) == ("maya@example.com", "Maya Chen")
    assert requests.get(session.redirect_url, timeout=10).status_code == 200


def test_it_answers_201_with_the_wrapped_camel_case_body_and_rate_limit_headers(sandbox_live):
    response = raw_post(
        sandbox_live,
        "partner-session",
        {"imageUrl": IMAGE, "successUrl": CALLBACKS["success_url"], "failedUrl": "https://x.io/f"},
        **{"Idempotency-Key": str(uuid.uuid4())},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["success"] is True and {"sessionId", "redirectUrl"} <= body["data"].keys()
    assert response.headers["X-RateLimit-Limit"] == "60"
    assert int(response.headers["X-RateLimit-Remaining"]) == 59
    assert int(response.headers["X-RateLimit-Reset"]) > 0


def test_it_requires_an_api_key(sandbox_live):
    response = raw_post(sandbox_live, "partner-session", {}, key=None)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "MISSING_API_KEY"
    wrong = PrintoraClient("pk_test_wrong", sandbox_live.url + "/sandbox", max_retries=0)
    with wrong, pytest.raises(AuthenticationError) as caught:
        wrong.create_session(image_url=IMAGE, **CALLBACKS)
    assert caught.value.code == "INVALID_API_KEY"


def test_it_requires_an_idempotency_key(sandbox_live):
    response = raw_post(sandbox_live, "partner-session", {"imageUrl": IMAGE})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "MISSING_IDEMPOTENCY_KEY"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"successUrl": "https://a.io/s", "failedUrl": "https://a.io/f"}, "imageUrl"),
        (
            {
                "imageUrl": IMAGE,
                "creatorId": str(uuid.uuid4()),
                "successUrl": "https://a.io/s",
                "failedUrl": "https://a.io/f",
            },
            "imageUrl",
        ),
        (
            {
                "imageUrl": "not a url",
                "successUrl": "https://a.io/s",
                "failedUrl": "https://a.io/f",
            },
            "imageUrl",
        ),
        ({"imageUrl": IMAGE, "failedUrl": "https://a.io/f"}, "successUrl"),
        ({"imageUrl": IMAGE, "successUrl": "https://a.io/s"}, "failedUrl"),
        (
            {
                "imageUrl": IMAGE,
                "quantity": 0,
                "successUrl": "https://a.io/s",
                "failedUrl": "https://a.io/f",
            },
            "quantity",
        ),
        (
            {
                "imageUrl": IMAGE,
                "quantity": 101,
                "successUrl": "https://a.io/s",
                "failedUrl": "https://a.io/f",
            },
            "quantity",
        ),
        (
            {"creatorId": "nope", "successUrl": "https://a.io/s", "failedUrl": "https://a.io/f"},
            "creatorId",
        ),
    ],
)
def test_it_rejects_an_invalid_body_with_field_details(sandbox_live, body, field):
    response = raw_post(
        sandbox_live, "partner-session", body, **{"Idempotency-Key": str(uuid.uuid4())}
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "VALIDATION_ERROR"
    assert field in [detail["field"] for detail in error["details"]]
    assert SandboxSession.objects.count() == 0


def test_the_same_key_and_body_return_the_same_session(sandbox_live):
    client = get_client()
    first = client.create_session(image_url=IMAGE, idempotency_key="same-key", **CALLBACKS)
    again = client.create_session(image_url=IMAGE, idempotency_key="same-key", **CALLBACKS)
    assert again.session_id == first.session_id
    assert SandboxSession.objects.count() == 1


def test_the_same_key_with_another_body_is_rejected(sandbox_live):
    client = get_client()
    client.create_session(image_url=IMAGE, idempotency_key="reused", **CALLBACKS)
    with pytest.raises(ConflictError) as caught:
        client.create_session(image_url=IMAGE + "?v=2", idempotency_key="reused", **CALLBACKS)
    assert caught.value.status == 409 and caught.value.code == "IDEMPOTENCY_KEY_REUSED"


def test_it_reads_a_session_by_id_and_by_token(sandbox_live):
    client = get_client()
    created = client.create_session(image_url=IMAGE, **CALLBACKS)
    token = SandboxSession.objects.get().token
    assert client.get_session(created.session_id).status == "pending"
    assert client.get_session_by_token(token).session_id == created.session_id
    with pytest.raises(NotFoundError):
        client.get_session(str(uuid.uuid4()))


def make_orders(count: int, status: str = "paid") -> None:
    session = SandboxSession.objects.create(
        mode="image",
        image_url=IMAGE,
        success_url="https://a.io/s",
        failed_url="https://a.io/f",
        idempotency_key=str(uuid.uuid4()),
    )
    for number in range(count):
        SandboxOrder.objects.create(
            order_number=f"SBX-{status}-{number}",
            session=session,
            status=status,
            product_name="Mug",
            colour="White",
            size="11 oz",
            quantity=1,
            unit_price="16.00",
            shipping="4.99",
            total_amount="20.99",
            customer_first_name="Ann",
            customer_email="ann@example.com",
        )


def test_it_lists_orders_in_pages_and_filters_by_status(sandbox_live):
    make_orders(5, "paid")
    make_orders(2, "shipped")
    client = get_client()
    page = client.list_orders(limit=3, offset=0)
    assert (page.total, page.limit, page.offset, len(page.orders)) == (7, 3, 0, 3)
    assert str(page.orders[0].total_amount) == "20.99"
    assert len(list(client.iter_orders(page_size=2))) == 7
    shipped = client.list_orders(status="shipped")
    assert shipped.total == 2 and {o.status for o in shipped.orders} == {"shipped"}
    over = requests.get(
        api_url(sandbox_live, "partners/orders?limit=101"),
        headers={"Authorization": f"Bearer {django_settings.PRINTORA_API_KEY}"},
        timeout=10,
    )
    assert over.status_code == 400


def test_past_the_limit_it_answers_429_with_retry_after_which_the_client_honours(
    sandbox_live, settings
):
    settings.SANDBOX_RATE_LIMIT_PER_MINUTE = 2
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        # "Wait" by starting a new window, as a minute passing would.
        slept.append(seconds)
        ratelimit.reset()

    client = PrintoraClient(
        django_settings.PRINTORA_API_KEY,
        sandbox_live.url + "/sandbox",
        max_retries=1,
        max_retry_wait=61,
        sleep=sleep,
    )
    client.list_orders()
    client.list_orders()
    assert client.rate_limit is not None
    assert client.rate_limit.remaining == 0
    client.close()

    raw = requests.get(
        api_url(sandbox_live, "partners/orders"),
        headers={"Authorization": f"Bearer {django_settings.PRINTORA_API_KEY}"},
        timeout=10,
    )
    assert raw.status_code == 429
    assert raw.json()["error"]["code"] == "RATE_LIMIT_EXCEEDED"
    assert 1 <= int(raw.headers["Retry-After"]) <= 60

    with client:
        page = client.list_orders()  # 429, sleeps Retry-After, then succeeds
    assert page.total == 0
    assert len(slept) == 1 and 1 <= slept[0] <= 60

    ratelimit.reset()
    impatient = PrintoraClient(
        django_settings.PRINTORA_API_KEY, sandbox_live.url + "/sandbox", max_retry_wait=0.5
    )
    with impatient:
        impatient.list_orders()
        impatient.list_orders()
        with pytest.raises(RateLimitError) as caught:
            impatient.list_orders()
    assert caught.value.retry_after is not None
    assert caught.value.retry_after >= 1
