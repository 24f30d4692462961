from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

from gallery.artgen import FULL_MAX_BYTES, PIECES, THUMB_MAX_BYTES
from gallery.models import Artwork, Category, Creator

pytestmark = pytest.mark.django_db

STATIC_DIR = Path(settings.BASE_DIR) / "static"


def seeded() -> list[Artwork]:
    return list(Artwork.objects.select_related("creator").order_by("slug"))


def test_the_gallery_is_seeded_with_at_least_sixteen_artworks_by_six_creators():
    assert Artwork.objects.count() >= 16
    assert Creator.objects.filter(artworks__isnull=False).distinct().count() >= 6


def test_every_category_has_artworks_and_orientations_are_mixed():
    assert {a.category for a in seeded()} == set(Category.values)
    assert {a.orientation for a in seeded()} == {"portrait", "landscape", "square"}


def test_every_seeded_artwork_has_a_rich_prompt_tags_and_plausible_stats():
    for artwork in seeded():
        assert len(artwork.prompt) > 120, artwork.slug
        assert artwork.tags and all(isinstance(t, str) for t in artwork.tags)
        assert 0 < artwork.likes < artwork.views
        assert artwork.model_name


def test_every_full_image_exists_is_print_sized_and_within_400_kb():
    for artwork in seeded():
        path = STATIC_DIR / artwork.static_image
        assert path.is_file(), path
        assert path.stat().st_size <= FULL_MAX_BYTES, (path, path.stat().st_size)
        with Image.open(path) as image:
            assert image.format == "JPEG"
            assert max(image.size) >= 1600, (path, image.size)
            assert image.size == (artwork.width, artwork.height), artwork.slug


def test_every_thumbnail_exists_and_is_within_40_kb_with_the_same_aspect_ratio():
    for artwork in seeded():
        path = STATIC_DIR / artwork.static_thumbnail
        assert path.is_file(), path
        assert path.stat().st_size <= THUMB_MAX_BYTES, (path, path.stat().st_size)
        with Image.open(path) as thumb:
            assert thumb.size == (artwork.thumb_width, artwork.thumb_height), artwork.slug


def test_the_seed_rows_and_the_generator_describe_the_same_pieces():
    rows = {a.slug: (a.width, a.height) for a in seeded()}
    assert rows == {piece.slug: piece.size for piece in PIECES}
