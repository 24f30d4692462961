"""With production's static storage, gallery images have hashed names and are cached for ever.

The same storage and whitenoise settings as ``DEBUG=false`` (dreamcanvas/settings.py):
``collectstatic`` into a temporary STATIC_ROOT, whitenoise serving that folder only.
"""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from tests.helpers import matched

pytestmark = pytest.mark.django_db

PRODUCTION_STATIC = {
    "STORAGES": {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    },
    "DEBUG": False,
    "WHITENOISE_USE_FINDERS": False,
    "WHITENOISE_AUTOREFRESH": False,
}
HASHED_IMAGE = re.compile(r"/static/img/gallery/[a-z0-9-]+-\d+\.[0-9a-f]{12}\.webp")
FOREVER = "max-age=315360000, public, immutable"


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("staticfiles")
    with override_settings(STATIC_ROOT=root, **PRODUCTION_STATIC):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture
def production(settings, static_root):
    settings.STATIC_ROOT = static_root
    for name, value in PRODUCTION_STATIC.items():
        setattr(settings, name, value)
    return Client()  # a new client loads the middleware, and whitenoise, with these settings


def card_images(html: str) -> list[str]:
    return re.findall(r'<img class="gl-card__img"[^>]*>', html)


def test_every_gallery_image_url_has_a_content_hash_in_its_name(production):
    html = production.get("/ai-image-app/").content.decode()
    images = card_images(html)
    assert len(images) == 20
    for tag in images:
        src = matched(r'\ssrc="([^"]+)"', tag, 1)
        srcset = matched(r'\ssrcset="([^"]+)"', tag, 1)
        urls = [src] + [candidate.split()[0] for candidate in srcset.split(", ")]
        assert all(HASHED_IMAGE.fullmatch(url) for url in urls), tag


def test_a_hashed_image_is_served_with_a_long_lived_immutable_cache_header(production):
    html = production.get("/ai-image-app/").content.decode()
    url = matched(r'\ssrc="([^"]+)"', card_images(html)[0], 1)
    response = production.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["Cache-Control"] == FOREVER
    assert b"".join(response.streaming_content)[:4] == b"RIFF"


def test_the_unhashed_name_is_not_cached_for_ever(production):
    # A name that a release may change must not be pinned in caches for ten years.
    response = production.get("/static/img/gallery/corona-hour-560.webp")
    assert response.status_code == 200
    assert "immutable" not in response["Cache-Control"]


def test_the_artwork_page_image_is_hashed_too(production):
    html = production.get("/ai-image-app/corona-hour/").content.decode()
    src = matched(r'<img class="gl-artwork__img" src="([^"]+)"', html, 1)
    assert HASHED_IMAGE.fullmatch(src)
    assert production.get(src)["Cache-Control"] == FOREVER
