"""``python -m gallery.artgen [--out DIR] [--jobs N] [slug ...]``"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from gallery.artgen import DEFAULT_OUT_DIR, PIECES, generate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate the gallery's artworks.")
    parser.add_argument("slugs", nargs="*", help="only these pieces (default: all)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT_DIR, help="output directory")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    parser.add_argument("--list", action="store_true", help="list the pieces and exit")
    args = parser.parse_args(argv)
    if args.list:
        for piece in PIECES:
            print(f"{piece.slug:28} {piece.size[0]}x{piece.size[1]}  {piece.painter.__name__}")
        return 0
    started = time.monotonic()
    paths = generate(args.out, args.slugs or None, jobs=args.jobs)
    for path in paths:
        print(f"{path.stat().st_size / 1000:7.1f} kB  {path}")
    print(f"{len(paths)} files in {time.monotonic() - started:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
