"""The deterministic generator of the seeded gallery's artworks.

``python -m gallery.artgen`` (re)writes ``static/img/gallery/<slug>.jpg`` and
``<slug>-thumb.jpg`` for every piece below. Each piece draws from its own
``random.Random`` seeded by its slug, so a run is reproducible byte for byte on
the same Pillow build, and pieces can be generated in parallel or one at a time.
The files are committed; re-run only after changing a painter. The seed data
migration (``gallery/migrations/0002_seed_gallery.py``) records each piece's
width and height; ``tests/gallery`` checks that the two agree.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageFilter

from gallery.artgen import abstract, botanical, cosmic, landscape, patterns, retro
from gallery.artgen.kit import jpeg_bytes

FULL_MAX_BYTES = 400_000
THUMB_MAX_BYTES = 40_000
THUMB_WIDTH = 480
DEFAULT_OUT_DIR = Path(__file__).resolve().parents[2] / "static" / "img" / "gallery"

Painter = Callable[[random.Random, tuple[int, int]], Image.Image]

PORTRAIT = (1280, 1600)
SQUARE = (1600, 1600)
LANDSCAPE = (1600, 1067)
WIDE = (1600, 1000)
PANORAMA = (1600, 900)


@dataclass(frozen=True)
class Piece:
    slug: str
    painter: Painter
    size: tuple[int, int]

    @property
    def seed(self) -> int:
        # Not hash(): Python salts str hashes per process.
        return int.from_bytes(hashlib.sha256(self.slug.encode()).digest()[:8], "big")


PIECES: tuple[Piece, ...] = (
    Piece("nebula-of-quiet-fire", cosmic.nebula, PORTRAIT),
    Piece("corona-hour", cosmic.eclipse, SQUARE),
    Piece("saturnine-dawn", cosmic.ringed_planet, LANDSCAPE),
    Piece("violet-hour-ridges", landscape.sunset_ridges, WIDE),
    Piece("amber-dune-sea", landscape.dunes, PANORAMA),
    Piece("aurora-over-still-water", landscape.aurora_lake, LANDSCAPE),
    Piece("topographic-reverie", patterns.contours, (1600, 1200)),
    Piece("bauhaus-garden-no-7", patterns.bauhaus, PORTRAIT),
    Piece("rose-window-prism", patterns.stained_glass, PORTRAIT),
    Piece("tumbling-blocks-spectrum", patterns.isometric_blocks, LANDSCAPE),
    Piece("memphis-confetti-party", patterns.memphis, SQUARE),
    Piece("murmuration-of-currents", abstract.flow_field, LANDSCAPE),
    Piece("silk-in-the-afterglow", abstract.gradient_mesh, SQUARE),
    Piece("paper-tide", abstract.paper_layers, PORTRAIT),
    Piece("neon-horizon-1986", retro.synthwave, WIDE),
    Piece("groovy-sundown", retro.seventies, SQUARE),
    Piece("riso-palm-sunset", retro.risograph, PORTRAIT),
    Piece("greenhouse-canopy", botanical.canopy, SQUARE),
    Piece("moonlit-ferns", botanical.ferns, PORTRAIT),
    Piece("petal-mandala", botanical.mandala, SQUARE),
)

BY_SLUG = {piece.slug: piece for piece in PIECES}


def render(piece: Piece) -> tuple[bytes, bytes]:
    """The full-size and thumbnail JPEG bytes of one piece."""
    # A seeded PRNG is the point here (reproducible art), not a security weakness.
    image = piece.painter(random.Random(piece.seed), piece.size)  # noqa: S311
    assert image.size == piece.size, (piece.slug, image.size)
    return jpeg_bytes(image, FULL_MAX_BYTES), _thumbnail(image)


def _thumbnail(image: Image.Image) -> bytes:
    w, h = image.size
    size = (THUMB_WIDTH, round(h * THUMB_WIDTH / w))
    # Fine texture (halftone dots, grain) turns to costly noise when shrunk: soften
    # the source a little, then more, before giving up quality.
    for blur in (0, 1.5, 3.0):
        source = image.filter(ImageFilter.GaussianBlur(blur)) if blur else image
        thumb = source.resize(size, Image.Resampling.LANCZOS)
        data = jpeg_bytes(thumb, THUMB_MAX_BYTES, start=84, floor=66)
        if len(data) <= THUMB_MAX_BYTES:
            return data
    return jpeg_bytes(thumb, THUMB_MAX_BYTES, start=66)


def _write(args: tuple[str, Path]) -> list[Path]:
    slug, out_dir = args
    full, thumb = render(BY_SLUG[slug])
    paths = [out_dir / f"{slug}.jpg", out_dir / f"{slug}-thumb.jpg"]
    for path, data in zip(paths, (full, thumb), strict=True):
        path.write_bytes(data)
    return paths


def generate(out_dir: Path, slugs: Iterable[str] | None = None, jobs: int = 1) -> list[Path]:
    """Write the pieces named by ``slugs`` (all by default) into ``out_dir``; return the paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    chosen = list(slugs) if slugs is not None else [p.slug for p in PIECES]
    unknown = [s for s in chosen if s not in BY_SLUG]
    if unknown:
        raise KeyError(f"unknown artwork slug(s): {', '.join(unknown)}")
    work = [(slug, out_dir) for slug in chosen]
    if jobs > 1 and len(work) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(_write, work))
    else:
        results = [_write(item) for item in work]
    return [path for pair in results for path in pair]
