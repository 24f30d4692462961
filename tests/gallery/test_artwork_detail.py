from __future__ import annotations

import re

import pytest

from gallery.models import Artwork
from gallery.products import PRODUCT_TYPES

pytestmark = pytest.mark.django_db

URL = "/ai-image-app/corona-hour/"


def test_the_detail_page_shows_the_prompt_model_and_creator(client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    artwork = Artwork.objects.get(slug="corona-hour")
    assert "<h1" in html and "Corona Hour" in html
    assert artwork.prompt in html
    assert "Flux-Dev" in html
    assert "Aiko Tanaka" in html and "@aiko.dreams" in html
    assert "Astrophotography nerd" in html
    assert 'src="/static/img/gallery/corona-hour-800.webp"' in html


def test_the_detail_page_lists_the_five_product_types(client):
    html = client.get(URL).content.decode()
    labels = ["T-Shirts", "Hoodies", "Mugs", "Posters", "Home Decor"]
    assert [p.label for p in PRODUCT_TYPES] == labels
    for label in labels:
        assert label in html


def test_print_on_product_is_a_post_form_to_the_sessions_api_with_a_csrf_token(client):
    html = client.get(URL).content.decode()
    form = re.search(r"<form[^>]*data-print-form[^>]*>(.*?)</form>", html, re.S)
    assert form, "no Print on Product form"
    assert 'method="post"' in form.group(0) and 'action="/api/sessions/"' in form.group(0)
    assert re.search(r'name="csrfmiddlewaretoken" value="[^"]+"', form.group(1))
    assert '<input type="hidden" name="artwork" value="corona-hour">' in form.group(1)
    assert "Print on Product" in form.group(1)
    assert 'role="alert"' in form.group(1)


def test_the_modal_fragment_is_the_same_content_without_the_page(client):
    html = client.get(URL, {"fragment": "1"}).content.decode()
    assert "<html" not in html and "<header" not in html
    assert 'id="artwork-title"' in html and "Corona Hour" in html
    assert "csrfmiddlewaretoken" in html
    assert 'action="/api/sessions/"' in html


def test_the_detail_page_shares_an_absolute_image_url(client, settings):
    settings.APP_URL = "https://dreamcanvas.example.com"
    html = client.get(URL).content.decode()
    assert (
        '<meta property="og:image" content="https://dreamcanvas.example.com'
        '/static/img/gallery/corona-hour.jpg">'
    ) in html


def test_the_detail_page_suggests_more_by_the_same_creator(client):
    html = client.get(URL).content.decode()
    assert "More by Aiko Tanaka" in html
    assert 'href="/ai-image-app/nebula-of-quiet-fire/"' in html


def test_an_unknown_artwork_is_a_404(client):
    assert client.get("/ai-image-app/no-such-artwork/").status_code == 404
    assert client.get("/ai-image-app/no-such-artwork/", {"fragment": "1"}).status_code == 404
