from __future__ import annotations

import json
import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from printora_sandbox import catalog, partners
from printora_sandbox.dispatcher import Dispatcher
from printora_sandbox.models import SandboxSession

# A valid editor checkout form, as a shopper would post it.
CHECKOUT = {
    "product": "mug",
    "colour": "Black",
    "size": "15 oz",
    "quantity": "2",
    "first_name": "Maya",
    "last_name": "Chen",
    "email": "maya@example.com",
    "street": "1 Infinite Loop",
    "city": "Cupertino",
    "state": "CA",
    "zip_code": "95014",
    "country": "United States",
}


class ClientTransport:
    """Lets the sandbox's dispatcher post to our receiver through Django's test client."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.sent: list[tuple[str, bytes, dict]] = []

    def post(self, url: str, *, data: bytes, headers: dict, timeout: float):
        self.sent.append((url, data, headers))
        path = url.split("://", 1)[-1].partition("/")[2]
        response = self.client.post(
            "/" + path,
            data=data,
            content_type=headers["Content-Type"],
            headers={k: v for k, v in headers.items() if k != "Content-Type"},
        )
        response.text = response.content.decode()
        return response


@pytest.fixture
def transport() -> ClientTransport:
    return ClientTransport(Client(enforce_csrf_checks=True))


@pytest.fixture
def deliver(transport):
    """Send every due sandbox webhook to our receiver now; returns how many were sent."""

    def run() -> int:
        dispatcher = Dispatcher(http=transport)
        total = 0
        while sent := dispatcher.run_due():
            total += sent
        return total

    return run


@pytest.fixture
def sandbox_session(db) -> SandboxSession:
    return SandboxSession.objects.create(
        mode="image",
        image_url="https://cdn.example.com/art/nebula.jpg",
        user_email="maya@example.com",
        user_name="Maya Chen",
        success_url="http://testserver/callback/success/",
        failed_url="http://testserver/callback/failed/?from=editor",
        idempotency_key="key-1",
        request_fingerprint="x",
    )


@pytest.fixture
def expired_session(sandbox_session) -> SandboxSession:
    sandbox_session.created_at = timezone.now() - timedelta(minutes=16)
    sandbox_session.save()
    return sandbox_session


# --- The creator platform (flows B and C) -------------------------------------------------


class Api:
    """Raw JSON calls to the sandbox's Partner API with one partner's key (testing the server)."""

    def __init__(self, key: str) -> None:
        self.client = Client()
        self.key = key

    def call(self, method: str, path: str, body=None, **headers):
        headers.setdefault("Authorization", f"Bearer {self.key}")
        return getattr(self.client, method)(
            "/sandbox/api/v1/" + path,
            data=json.dumps(body) if body is not None else None,
            content_type="application/json",
            headers=headers,
        )

    def get(self, path: str, **query):
        return self.client.get(
            "/sandbox/api/v1/" + path, query, headers={"Authorization": f"Bearer {self.key}"}
        )

    def post(self, path: str, body=None, **headers):
        headers.setdefault("Idempotency-Key", str(uuid.uuid4()))
        return self.call("post", path, body, **headers)

    def put(self, path: str, body=None):
        return self.call("put", path, body)

    def delete(self, path: str):
        return self.call("delete", path)


@pytest.fixture
def api(db, settings) -> Api:
    return Api(settings.PRINTORA_API_KEY)


@pytest.fixture
def second_api(db) -> Api:
    return Api(partners.second_key())


def variant_ids(slug: str, count: int | None = None) -> list[str]:
    found = [v.id for v in catalog.BY_SLUG[slug].variants]
    return found[:count] if count else found


DESIGN = "https://cdn.example.com/art/fox.png"


@pytest.fixture
def creator(api) -> dict:
    response = api.post("creators", {"name": "Lena Ortiz", "email": "lena@example.com"})
    assert response.status_code == 201, response.content
    return response.json()["creator"]


@pytest.fixture
def make_merch(api, creator):
    def make(**fields) -> dict:
        body = {
            "title": "Night Fox Tee",
            "productId": catalog.BY_SLUG["t-shirt"].id,
            "variantIds": variant_ids("t-shirt", 4),
            "designImageUrl": DESIGN,
            **fields,
        }
        response = api.post(f"creators/{creator['id']}/merch", body)
        assert response.status_code == 201, response.content
        return response.json()["data"]

    return make


@pytest.fixture
def merch(make_merch) -> dict:
    return make_merch()


CALLBACKS = {
    "successUrl": "http://testserver/callback/success/",
    "failedUrl": "http://testserver/callback/failed/",
}


@pytest.fixture
def open_session(api):
    """Create a flow B or C session through the API; returns the reply's data."""

    def create(**body) -> dict:
        response = api.post("partner-session", {**body, **CALLBACKS})
        assert response.status_code == 201, response.content
        return response.json()["data"]

    return create


def editor_path(data: dict) -> str:
    return "/" + data["redirectUrl"].split("://", 1)[1].partition("/")[2]
