"""What create_session puts on the wire, for each of the three session modes."""

from __future__ import annotations

import json
import uuid

import pytest
import requests
import responses

from printora_client import PrintoraClient, __version__
from tests.printora_client.support import (
    API_KEY,
    BASE_URL,
    CREATED_SESSION,
    CREATOR_ID,
    FAILED_URL,
    IMAGE_URL,
    MERCH_ID,
    SESSION_URL,
    SUCCESS_URL,
    VARIANT_ID,
)


@pytest.mark.parametrize(
    ("kwargs", "expected_body"),
    [
        pytest.param(
            {"image_url": IMAGE_URL, "quantity": 2, "user_email": "ann@example.com"},
            {
                "imageUrl": IMAGE_URL,
                "quantity": 2,
                "userData": {"email": "ann@example.com"},
                "successUrl": SUCCESS_URL,
                "failedUrl": FAILED_URL,
            },
            id="image",
        ),
        pytest.param(
            {"creator_id": CREATOR_ID, "user_name": "Ann"},
            {
                "creatorId": CREATOR_ID,
                "userData": {"name": "Ann", "firstName": "Ann"},
                "successUrl": SUCCESS_URL,
                "failedUrl": FAILED_URL,
            },
            id="creator",
        ),
        pytest.param(
            {"merch_id": uuid.UUID(MERCH_ID), "variant_id": VARIANT_ID},
            {
                "merchId": MERCH_ID,
                "variantId": VARIANT_ID,
                "successUrl": SUCCESS_URL,
                "failedUrl": FAILED_URL,
            },
            id="merch",
        ),
    ],
)
def test_it_posts_the_camel_case_body_of_each_mode_exactly(
    client: PrintoraClient, mocked: responses.RequestsMock, kwargs: dict, expected_body: dict
) -> None:
    mocked.add(responses.POST, SESSION_URL, json=CREATED_SESSION, status=201)

    client.create_session(success_url=SUCCESS_URL, failed_url=FAILED_URL, **kwargs)

    request = mocked.calls[0].request
    assert json.loads(request.body or b"") == expected_body
    assert request.headers["Content-Type"] == "application/json"


def test_it_sends_the_bearer_key_and_the_client_user_agent(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(responses.POST, SESSION_URL, json=CREATED_SESSION, status=201)

    client.create_session(image_url=IMAGE_URL, success_url=SUCCESS_URL, failed_url=FAILED_URL)

    headers = mocked.calls[0].request.headers
    assert headers["Authorization"] == f"Bearer {API_KEY}"
    assert headers["Accept"] == "application/json"
    assert headers["User-Agent"] == f"dreamcanvas-printora-client/{__version__} (+python-requests)"


def test_it_sends_a_fresh_uuid4_idempotency_key_and_exposes_it_on_the_session(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(responses.POST, SESSION_URL, json=CREATED_SESSION, status=201)
    mocked.add(responses.POST, SESSION_URL, json=CREATED_SESSION, status=201)

    first = client.create_session(
        image_url=IMAGE_URL, success_url=SUCCESS_URL, failed_url=FAILED_URL
    )
    second = client.create_session(
        image_url=IMAGE_URL, success_url=SUCCESS_URL, failed_url=FAILED_URL
    )

    sent = [call.request.headers["Idempotency-Key"] for call in mocked.calls]
    assert uuid.UUID(sent[0]).version == 4
    assert str(uuid.UUID(sent[0])) == sent[0]
    assert sent[0] != sent[1]
    assert [first.idempotency_key, second.idempotency_key] == sent


def test_it_passes_the_callers_idempotency_key_through(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(responses.POST, SESSION_URL, json=CREATED_SESSION, status=201)

    session = client.create_session(
        image_url=IMAGE_URL,
        success_url=SUCCESS_URL,
        failed_url=FAILED_URL,
        idempotency_key="stored-on-the-row-42",
    )

    assert mocked.calls[0].request.headers["Idempotency-Key"] == "stored-on-the-row-42"
    assert session.idempotency_key == "stored-on-the-row-42"


def test_it_returns_the_parsed_session(
    client: PrintoraClient, mocked: responses.RequestsMock
) -> None:
    mocked.add(responses.POST, SESSION_URL, json=CREATED_SESSION, status=201)

    session = client.create_session(
        image_url=IMAGE_URL, success_url=SUCCESS_URL, failed_url=FAILED_URL
    )

    assert session.session_id == "550e8400-e29b-41d4-a716-446655440000"
    assert session.redirect_url == "https://printora.ai/en/print/abc123token"
    assert session.session_mode == "image"


def test_it_never_puts_the_key_on_the_shared_session_headers(
    mocked: responses.RequestsMock,
) -> None:
    shared = requests.Session()
    client = PrintoraClient(API_KEY, BASE_URL, session=shared)
    mocked.add(responses.POST, SESSION_URL, json=CREATED_SESSION, status=201)

    client.create_session(image_url=IMAGE_URL, success_url=SUCCESS_URL, failed_url=FAILED_URL)

    assert "Authorization" not in shared.headers
    assert all(API_KEY not in str(value) for value in shared.headers.values())


@pytest.mark.parametrize(
    "base_url",
    [BASE_URL, f"{BASE_URL}/", f"{BASE_URL}/api/v1", f"{BASE_URL}/api/v1/"],
)
def test_it_builds_the_same_url_whatever_the_trailing_slash_of_the_base_url(
    mocked: responses.RequestsMock, base_url: str
) -> None:
    mocked.add(responses.POST, SESSION_URL, json=CREATED_SESSION, status=201)

    PrintoraClient(API_KEY, base_url).create_session(
        image_url=IMAGE_URL, success_url=SUCCESS_URL, failed_url=FAILED_URL
    )

    assert mocked.calls[0].request.url == SESSION_URL


def test_it_keeps_a_path_prefix_of_the_base_url_for_the_sandbox(
    mocked: responses.RequestsMock,
) -> None:
    url = "http://localhost:8000/sandbox/api/v1/partner-session"
    mocked.add(responses.POST, url, json=CREATED_SESSION, status=201)

    PrintoraClient(API_KEY, "http://localhost:8000/sandbox/").create_session(
        image_url=IMAGE_URL, success_url=SUCCESS_URL, failed_url=FAILED_URL
    )

    assert mocked.calls[0].request.url == url


def test_it_uses_a_custom_user_agent_when_given(mocked: responses.RequestsMock) -> None:
    mocked.add(responses.POST, SESSION_URL, json=CREATED_SESSION, status=201)

    PrintoraClient(API_KEY, BASE_URL, user_agent="shop/2.0").create_session(
        image_url=IMAGE_URL, success_url=SUCCESS_URL, failed_url=FAILED_URL
    )

    assert mocked.calls[0].request.headers["User-Agent"] == "shop/2.0"


def test_it_applies_the_configured_connect_and_read_timeouts(
    mocked: responses.RequestsMock,
) -> None:
    mocked.add(responses.POST, SESSION_URL, json=CREATED_SESSION, status=201)

    PrintoraClient(API_KEY, BASE_URL, timeout=(1.5, 4.0)).create_session(
        image_url=IMAGE_URL, success_url=SUCCESS_URL, failed_url=FAILED_URL
    )

    sent = mocked.calls[0].request.req_kwargs  # type: ignore[attr-defined]  # responses adds it
    assert sent["timeout"] == (1.5, 4.0)


class RecordingSession(requests.Session):
    def __init__(self) -> None:
        super().__init__()
        self.closed = False

    def close(self) -> None:
        self.closed = True
        super().close()


def test_the_context_manager_closes_the_session_it_created(monkeypatch: pytest.MonkeyPatch) -> None:
    created: list[RecordingSession] = []

    def make_session() -> RecordingSession:
        created.append(RecordingSession())
        return created[-1]

    monkeypatch.setattr(requests, "Session", make_session)

    with PrintoraClient(API_KEY, BASE_URL):
        pass

    assert len(created) == 1
    assert created[0].closed


def test_close_leaves_a_session_passed_in_by_the_caller_open() -> None:
    shared = RecordingSession()

    with PrintoraClient(API_KEY, BASE_URL, session=shared):
        pass

    assert shared.closed is False
