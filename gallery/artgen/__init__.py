"""The deterministic generator of the seeded gallery's artworks.

``python -m gallery.artgen`` (re)writes ``static/img/gallery/<slug>.jpg`` (the
print-ready original Printora downloads) and the WebP variants the pages show,
``<slug>-<width>.webp`` (``gallery.imaging``: 360, 560, 800 and the full width), for
every piece below. Each piece draws from its own
``random.Random`` seeded by its slug, so a run is reproducible byte for byte on
the same Pillow build, and pieces can be generated in parallel or one at a time.
The files are committed; re-run only after changing a painter (or the variant
rules in ``gallery.imaging``), and delete files no piece writes any more. The seed data
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

from PIL import Image

from gallery.artgen import abstract, botanical, cosmic, landscape, patterns, retro
from gallery.artgen.kit import jpeg_bytes
from gallery.imaging import encode_variants, variant_name

FULL_MAX_BYTES = 400_000
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


def render(piece: Piece) -> dict[str, bytes]:
    """The files of one piece by name: the full-size JPEG and its WebP variants."""
    # A seeded PRNG is the point here (reproducible art), not a security weakness.
    image = piece.painter(random.Random(piece.seed), piece.size)  # noqa: S311
    assert image.size == piece.size, (piece.slug, image.size)
    files = {f"{piece.slug}.jpg": jpeg_bytes(image, FULL_MAX_BYTES)}
    for width, data in encode_variants(image).items():
        files[variant_name(piece.slug, width)] = data
    return files


def _write(args: tuple[str, Path]) -> list[Path]:
    slug, out_dir = args
    paths = []
    for name, data in render(BY_SLUG[slug]).items():
        path = out_dir / name
        path.write_bytes(data)
        paths.append(path)
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
    return [path for paths in results for path in paths]
