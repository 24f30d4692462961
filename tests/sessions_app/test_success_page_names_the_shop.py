"""/callback/success/ names the creator, and the merch item, of a flow B or C order."""

from __future__ import annotations

import pytest

from sessions_app.models import PartnerSession
from tests.gallery.merch_rows import make_merch
from tests.sessions_app.conftest import started_here

pytestmark = pytest.mark.django_db

SESSION = "3726a462-e994-4a94-a483-34dd9de8ee90"


def session_row(**fields) -> PartnerSession:
    return PartnerSession.objects.create(
        idempotency_key="k-1", session_id=SESSION, status="open", **fields
    )


def test_a_flow_c_order_names_the_item_and_the_creator(client):
    merch = make_merch(title="Corona Hour Tee")
    session_row(mode="merch", creator=merch.creator, merch=merch, quantity=2)
    html = started_here(client).get(f"/callback/success/?sessionId={SESSION}").content.decode()
    assert "<strong>Corona Hour Tee</strong> from" in html
    assert '<a href="/ai-image-app/creators/aiko-dreams/">Aiko Tanaka</a>\'s merch (× 2).' in html


def test_a_flow_b_order_names_the_creators_shop(client):
    merch = make_merch()
    session_row(mode="creator", creator=merch.creator)
    html = started_here(client).get(f"/callback/success/?sessionId={SESSION}").content.decode()
    assert 'From <a href="/ai-image-app/creators/aiko-dreams/">Aiko Tanaka</a>\'s shop.' in html


def test_a_flow_a_order_names_no_shop(client):
    session_row(image_url="https://shop.example.com/a.jpg")
    html = started_here(client).get(f"/callback/success/?sessionId={SESSION}").content.decode()
    assert "data-order-origin" not in html


def test_another_browser_sees_no_creator_either(client):
    merch = make_merch()
    session_row(mode="merch", creator=merch.creator, merch=merch)
    html = client.get(f"/callback/success/?sessionId={SESSION}").content.decode()
    assert "Aiko Tanaka" not in html
