"""The demo merch ``manage.py seed_demo`` asks Printora to make: designed from our artworks.

Each row: artwork slug, catalog product name, colours (None: all), stock limit (None:
unlimited). The item titled "<artwork> <product>" is created once per creator; the one
marked ``sell_out`` is bought out in sandbox mode so that the demo shows "Sold out".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoMerch:
    artwork: str
    product: str
    colours: tuple[str, ...] | None = None
    stock_limit: int | None = None
    sell_out: bool = False


DEMO_MERCH: tuple[DemoMerch, ...] = (
    DemoMerch("nebula-of-quiet-fire", "T-Shirt", ("Black", "Navy")),
    DemoMerch("nebula-of-quiet-fire", "Poster"),
    DemoMerch("corona-hour", "Mug", stock_limit=25),
    DemoMerch("violet-hour-ridges", "Hoodie"),
    DemoMerch("amber-dune-sea", "Canvas", stock_limit=10),
    DemoMerch("aurora-over-still-water", "Poster", stock_limit=1, sell_out=True),
    DemoMerch("neon-horizon-1986", "T-Shirt", ("Black", "White")),
    DemoMerch("groovy-sundown", "Tote Bag"),
    DemoMerch("riso-palm-sunset", "Mug"),
    DemoMerch("moonlit-ferns", "Throw Pillow"),
    DemoMerch("greenhouse-canopy", "Sweatshirt", ("Heather Grey", "Sand")),
)


def title_for(artwork_title: str, product: str) -> str:
    return f"{artwork_title} {product}"
