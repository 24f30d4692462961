"""Printora's product catalog, as the sandbox plays it, and the editor's five products.

``CATALOG`` is what ``GET /api/v1/catalog/products`` lists and what merch is made
of: eight products, each with variants (colour x size) that have a stable UUID
and a price. The shopper's editor (flow A) groups them into the five products
Printora's editor shows (T-Shirts, Hoodies, Mugs, Posters, Home Decor); those
are built from the catalog below, never spelled twice.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

# Ids are derived from names, so they are the same in every sandbox and restart.
NAMESPACE = uuid.UUID("5d1b8f0e-7a4c-4e57-9a0b-2b6f3e1c9d42")


@dataclass(frozen=True)
class Colour:
    name: str
    hex: str

    @property
    def code(self) -> str:
        return self.hex.upper()


@dataclass(frozen=True)
class Variant:
    id: str
    product_id: str
    colour: Colour
    size: str
    price: Decimal


@dataclass(frozen=True)
class CatalogProduct:
    slug: str
    name: str
    category: str
    description: str
    price: Decimal
    colours: tuple[Colour, ...]
    sizes: tuple[str, ...]
    mockup: str  # which drawing the editor and storefront use

    @property
    def id(self) -> str:
        return str(uuid.uuid5(NAMESPACE, self.slug))

    @property
    def variants(self) -> tuple[Variant, ...]:
        return tuple(
            Variant(
                id=str(uuid.uuid5(NAMESPACE, f"{self.slug}/{colour.name}/{size}")),
                product_id=self.id,
                colour=colour,
                size=size,
                price=self.price,
            )
            for colour in self.colours
            for size in self.sizes
        )


WHITE = Colour("White", "#f7f7f5")
BLACK = Colour("Black", "#1d1d22")
HEATHER = Colour("Heather Grey", "#a9a9b0")
NAVY = Colour("Navy", "#1f2a48")
SAND = Colour("Sand", "#d9c8a9")
FOREST = Colour("Forest", "#2f4a3a")
MAROON = Colour("Maroon", "#5b1f2a")
NATURAL = Colour("Natural", "#efe6d2")

APPAREL_SIZES = ("XS", "S", "M", "L", "XL", "2XL")

CATALOG: tuple[CatalogProduct, ...] = (
    CatalogProduct(
        "t-shirt",
        "T-Shirt",
        "apparel",
        "Classic unisex tee, 100% ring-spun cotton, 180 g/m².",
        Decimal("24.00"),
        (WHITE, BLACK, HEATHER, NAVY, SAND),
        APPAREL_SIZES,
        "t-shirt",
    ),
    CatalogProduct(
        "hoodie",
        "Hoodie",
        "apparel",
        "Pullover hoodie, cotton-polyester fleece, kangaroo pocket.",
        Decimal("44.00"),
        (BLACK, HEATHER, NAVY, FOREST),
        APPAREL_SIZES[1:],
        "hoodie",
    ),
    CatalogProduct(
        "sweatshirt",
        "Sweatshirt",
        "apparel",
        "Crewneck sweatshirt, brushed fleece inside.",
        Decimal("38.00"),
        (HEATHER, NAVY, MAROON, SAND),
        APPAREL_SIZES[1:],
        "hoodie",  # drawn on the hoodie mockup: the editor has no crewneck drawing
    ),
    CatalogProduct(
        "mug",
        "Mug",
        "drinkware",
        "Glossy ceramic mug, dishwasher and microwave safe.",
        Decimal("16.00"),
        (WHITE, BLACK),
        ("11 oz", "15 oz"),
        "mug",
    ),
    CatalogProduct(
        "poster",
        "Poster",
        "wall-art",
        "Matte archival paper, 200 g/m².",
        Decimal("19.00"),
        (WHITE,),
        ("12×16 in", "18×24 in", "24×36 in"),
        "poster",
    ),
    CatalogProduct(
        "canvas",
        "Canvas",
        "wall-art",
        "Gallery-wrapped canvas on a 1.25 in pine frame.",
        Decimal("29.00"),
        (WHITE,),
        ("12×16 in", "16×20 in", "24×36 in"),
        "canvas",
    ),
    CatalogProduct(
        "tote",
        "Tote Bag",
        "accessories",
        "Heavy cotton canvas tote with long handles.",
        Decimal("29.00"),
        (NATURAL, BLACK, SAND),
        ("15×16 in",),
        "tote",
    ),
    CatalogProduct(
        "pillow",
        "Throw Pillow",
        "home-decor",
        "Spun-polyester cover with a concealed zip, insert included.",
        Decimal("29.00"),
        (WHITE, SAND, HEATHER),
        ("18×18 in", "20×20 in"),
        "pillow",
    ),
)
VARIANTS: dict[str, Variant] = {v.id: v for p in CATALOG for v in p.variants}
BY_ID: dict[str, CatalogProduct] = {p.id: p for p in CATALOG}
# For slugs spelled in code: a typo is a KeyError where it is made, not a None later.
BY_SLUG: dict[str, CatalogProduct] = {p.slug: p for p in CATALOG}
SHIPPING = Decimal("4.99")
CURRENCY = "USD"


def catalog_product(product_id: str) -> CatalogProduct | None:
    return BY_ID.get(str(product_id))


def by_slug(slug: str) -> CatalogProduct | None:
    return BY_SLUG.get(slug)


def find_variant(product: CatalogProduct, colour: str, size: str) -> Variant | None:
    return next((v for v in product.variants if (v.colour.name, v.size) == (colour, size)), None)


# --- The editor's products (flow A) and the merch pages (flows B and C) ---------------


@dataclass(frozen=True)
class Product:
    """What the editor offers as one product: colours x sizes at one price."""

    slug: str
    name: str
    price: Decimal
    colours: tuple[Colour, ...]
    sizes: tuple[str, ...]

    def colour(self, name: str) -> Colour | None:
        return next((c for c in self.colours if c.name == name), None)


def _as_editor_product(slug: str) -> Product:
    item = BY_SLUG[slug]
    return Product(item.slug, item.name, item.price, item.colours, item.sizes)


# Printora's editor groups pillow, canvas and tote as "Home Decor", one price.
HOME_DECOR_SIZES = {
    "Throw pillow 18×18 in": ("pillow", "18×18 in"),
    "Canvas 16×20 in": ("canvas", "16×20 in"),
    "Tote bag": ("tote", "15×16 in"),
}
PRODUCTS: tuple[Product, ...] = (
    *(_as_editor_product(slug) for slug in ("t-shirt", "hoodie", "mug", "poster")),
    Product(
        "home-decor",
        "Home Decor",
        BY_SLUG["pillow"].price,
        (WHITE, SAND, HEATHER),
        tuple(HOME_DECOR_SIZES),
    ),
)


def product(slug: str) -> Product | None:
    return next((p for p in PRODUCTS if p.slug == slug), None)


def merch_product(item: CatalogProduct, variant_ids: list[str]) -> Product:
    """The editor's view of a merch item: its product, only in the merch's colours and sizes."""
    chosen = [v for v in item.variants if v.id in set(variant_ids)]
    colours = tuple(dict.fromkeys(v.colour for v in chosen))
    sizes = tuple(dict.fromkeys(v.size for v in chosen))
    return Product(item.slug, item.name, item.price, colours, sizes)
