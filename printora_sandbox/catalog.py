"""What the sandbox editor sells: five product types, each with colours, sizes and a price."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Colour:
    name: str
    hex: str


@dataclass(frozen=True)
class Product:
    slug: str
    name: str
    price: Decimal
    colours: tuple[Colour, ...]
    sizes: tuple[str, ...]

    def colour(self, name: str) -> Colour | None:
        return next((c for c in self.colours if c.name == name), None)


WHITE = Colour("White", "#f7f7f5")
BLACK = Colour("Black", "#1d1d22")
HEATHER = Colour("Heather Grey", "#a9a9b0")
NAVY = Colour("Navy", "#1f2a48")
SAND = Colour("Sand", "#d9c8a9")
FOREST = Colour("Forest", "#2f4a3a")

PRODUCTS: tuple[Product, ...] = (
    Product(
        "t-shirt",
        "T-Shirt",
        Decimal("24.00"),
        (WHITE, BLACK, HEATHER, NAVY, SAND),
        ("XS", "S", "M", "L", "XL", "2XL"),
    ),
    Product(
        "hoodie",
        "Hoodie",
        Decimal("44.00"),
        (BLACK, HEATHER, NAVY, FOREST),
        ("S", "M", "L", "XL", "2XL"),
    ),
    Product("mug", "Mug", Decimal("16.00"), (WHITE, BLACK), ("11 oz", "15 oz")),
    Product(
        "poster",
        "Poster",
        Decimal("19.00"),
        (WHITE,),
        ("12×16 in", "18×24 in", "24×36 in"),
    ),
    Product(
        "home-decor",
        "Home Decor",
        Decimal("29.00"),
        (WHITE, SAND, HEATHER),
        ("Throw pillow 18×18 in", "Canvas 16×20 in", "Tote bag"),
    ),
)
SHIPPING = Decimal("4.99")
CURRENCY = "USD"


def product(slug: str) -> Product | None:
    return next((p for p in PRODUCTS if p.slug == slug), None)
