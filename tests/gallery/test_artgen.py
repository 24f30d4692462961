from __future__ import annotations

from pathlib import Path

from django.conf import settings
from PIL import Image

from gallery import artgen


def test_generating_a_piece_twice_gives_identical_bytes(tmp_path):
    first = artgen.generate(tmp_path / "one", ["bauhaus-garden-no-7"])
    second = artgen.generate(tmp_path / "two", ["bauhaus-garden-no-7"])
    assert [p.name for p in first] == [
        "bauhaus-garden-no-7.jpg",
        "bauhaus-garden-no-7-360.webp",
        "bauhaus-garden-no-7-560.webp",
        "bauhaus-garden-no-7-800.webp",
        "bauhaus-garden-no-7-1280.webp",
    ]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes()


def test_a_generated_piece_meets_the_print_limit_and_has_webp_variants(tmp_path):
    full, *variants = artgen.generate(tmp_path, ["corona-hour"])
    assert full.stat().st_size <= artgen.FULL_MAX_BYTES
    with Image.open(full) as image:
        assert image.size == artgen.BY_SLUG["corona-hour"].size
    widths = []
    for path in variants:
        with Image.open(path) as image:
            assert image.format == "WEBP"
            widths.append(image.width)
    assert widths == [360, 560, 800, 1600]


def test_each_piece_has_its_own_seed():
    seeds = [piece.seed for piece in artgen.PIECES]
    assert len(set(seeds)) == len(seeds)


def test_an_unknown_slug_is_refused(tmp_path):
    try:
        artgen.generate(tmp_path, ["no-such-piece"])
    except KeyError as exc:
        assert "no-such-piece" in str(exc)
    else:
        raise AssertionError("expected KeyError")


def test_the_committed_files_are_what_the_generator_writes(tmp_path):
    # Pillow is pinned (its wheels bundle libjpeg and libwebp): same build, same bytes.
    shipped = Path(settings.BASE_DIR) / "static" / "img" / "gallery"
    for path in artgen.generate(tmp_path, ["groovy-sundown"]):
        assert path.read_bytes() == (shipped / path.name).read_bytes(), path.name
