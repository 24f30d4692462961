from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

from gallery import imaging
from gallery.artgen import FULL_MAX_BYTES, PIECES
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


def test_every_webp_variant_in_a_srcset_exists_with_the_width_it_claims():
    for artwork in seeded():
        candidates = [c.split() for c in artwork.srcset.split(", ")]
        assert [int(w.rstrip("w")) for _, w in candidates] == [360, 560, 800, artwork.width]
        for url, descriptor in candidates:
            path = STATIC_DIR / url.removeprefix(settings.STATIC_URL)
            with Image.open(path) as variant:
                assert variant.format == "WEBP", path
                assert variant.width == int(descriptor.rstrip("w")), path
                assert abs(variant.height - variant.width * artwork.height / artwork.width) <= 1


def test_card_sized_variants_stay_small():
    for artwork in seeded():
        for width in (360, 560):
            path = STATIC_DIR / imaging.variant_name(f"img/gallery/{artwork.slug}", width)
            with Image.open(path) as variant:
                pixels = variant.width * variant.height
            assert path.stat().st_size <= imaging.MAX_BYTES_PER_PIXEL * pixels, path


def test_the_card_src_is_the_560_px_variant():
    for artwork in seeded():
        assert artwork.static_thumbnail == f"img/gallery/{artwork.slug}-560.webp"
        assert (artwork.thumb_width, artwork.thumb_height) == (
            560,
            round(560 * artwork.height / artwork.width),
        )


def test_only_files_the_generator_writes_are_shipped():
    # Keeps the repository lean: an image no page serves has no business in static/.
    expected = {f"{p.slug}.jpg" for p in PIECES} | {
        imaging.variant_name(p.slug, w) for p in PIECES for w in imaging.variant_widths(p.size[0])
    }
    assert {p.name for p in (STATIC_DIR / "img" / "gallery").iterdir()} == expected


def test_the_seed_rows_and_the_generator_describe_the_same_pieces():
    rows = {a.slug: (a.width, a.height) for a in seeded()}
    assert rows == {piece.slug: piece.size for piece in PIECES}
