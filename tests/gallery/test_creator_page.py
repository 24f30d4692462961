"""/ai-image-app/creators/<slug>/: avatar, bio, artworks, merch with stock, the shop (B)."""

from __future__ import annotations

import pytest

from gallery.models import Creator
from tests.gallery.merch_rows import make_merch

pytestmark = pytest.mark.django_db

URL = "/ai-image-app/creators/aiko-dreams/"


def test_it_shows_the_creator_their_artworks_and_their_merch_with_stock(client):
    make_merch(stock_limit=10, stock_sold=4)
    make_merch("saturnine-dawn", title="Saturnine Mug", product="Mug", merch_id="m-2")
    html = client.get(URL).content.decode()
    assert '<h1 class="gl-profile__name">Aiko Tanaka</h1>' in html
    assert "Astrophotography nerd" in html
    for title in ("Nebula of Quiet Fire", "Corona Hour", "Saturnine Dawn"):
        assert title in html
    assert "Corona Hour Tee" in html and "Limited edition — 6 left" in html
    assert "Saturnine Mug" in html and "Unlimited" in html


def test_visit_the_shop_posts_the_creator_to_the_sessions_endpoint(client):
    make_merch()
    html = client.get(URL).content.decode()
    assert "Visit Aiko Tanaka's shop" in html
    assert 'action="/api/sessions/" data-print-form' in html
    assert '<input type="hidden" name="creator" value="aiko-dreams">' in html
    assert "csrftoken" in client.cookies


def test_a_creator_not_at_printora_has_no_shop_button(client):
    html = client.get("/ai-image-app/creators/nia-horizons/").content.decode()
    assert "Nia Okafor" in html
    assert "Visit Nia Okafor's shop" not in html


def test_an_unknown_creator_is_404(client):
    assert client.get("/ai-image-app/creators/nobody/").status_code == 404


def test_every_seeded_creator_has_a_page_address():
    assert sorted(str(slug) for slug in Creator.objects.values_list("slug", flat=True)) == [
        "aiko-dreams",
        "elena-glassworks",
        "kwame-flows",
        "luca-geometrica",
        "nia-horizons",
        "sofia-botanica",
        "synthrafa",
    ]


def test_the_studio_is_linked_only_where_the_dashboard_is_visible(client, settings):
    make_merch()
    settings.DASHBOARD_PUBLIC = True
    assert 'href="/studio/aiko-dreams/"' in client.get(URL).content.decode()
    settings.DASHBOARD_PUBLIC = False
    assert "/studio/" not in client.get(URL).content.decode()
