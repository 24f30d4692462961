"""The landing page and the README show flows A, B and C with the request our server
really sends: the body keys printora_client puts on the wire, flow by flow."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import responses

from printora_client import PrintoraClient

ROOT = Path(__file__).resolve().parents[2]
API = "https://api.printora.test"
FLOWS = {
    "A": {"image_url": "https://shop.example/static/img/gallery/corona-hour.jpg"},
    "B": {"creator_id": "9b2c1e4a-5d6f-4a7b-8c9d-0e1f2a3b4c5d"},
    "C": {
        "merch_id": "3f6a9c2e-1b4d-4e8f-a7c5-6d2b9e0f1a3c",
        "variant_id": "7d4e1a9b-2c5f-4b8e-9a6d-3c0f5e2b8a1d",
        "quantity": 2,
    },
}


def sent_keys(flow: str) -> list[str]:
    client = PrintoraClient("pk_test_docs_0123456789", API, max_retries=0)
    with responses.RequestsMock() as mock:
        mock.post(
            f"{API}/api/v1/partner-session",
            status=201,
            json={"success": True, "data": {"sessionId": "s", "redirectUrl": "https://x.test/t"}},
        )
        client.create_session(
            **FLOWS[flow],  # type: ignore[arg-type]
            user_email="maya@dreamcanvas.example",
            user_name="Maya Chen",
            success_url="https://shop.example/callback/success/",
            failed_url="https://shop.example/callback/failed/",
        )
        body = json.loads(mock.calls[0].request.body or "{}")
    return list(body)


def top_level_keys(text: str) -> list[str]:
    """The keys of a shown JSON body, nested objects (userData) left out."""
    flat = re.sub(r'"userData": \{[^}]*\}', '"userData": {}', text, flags=re.S)
    return re.findall(r'"(\w+)": ', flat)


@pytest.mark.django_db
@pytest.mark.parametrize("flow", ["A", "B", "C"])
def test_the_landing_page_shows_each_flows_request_as_sent(client, flow):
    html = client.get("/").content.decode()
    card = re.search(rf'<li class="flow" data-flow="{flow}">.*?<code>(.*?)</code>', html, re.S)
    assert card, f"no flow {flow} on the landing page"
    assert top_level_keys(card.group(1)) == sent_keys(flow)


@pytest.mark.parametrize("flow", ["A", "B", "C"])
def test_the_readme_shows_each_flows_request_as_sent(flow):
    readme = (ROOT / "README.md").read_text()
    block = readme.split(f"// Flow {flow}\n", 1)[1].split("\n//", 1)[0].split("\n```", 1)[0]
    assert top_level_keys(block) == sent_keys(flow)
