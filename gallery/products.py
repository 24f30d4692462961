"""The product types an artwork can be printed on in Printora's editor (display only)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ProductType:
    key: str  # also the icon's file name: templates/gallery/icons/<key>.svg
    label: str
    blurb: str


PRODUCT_TYPES: tuple[ProductType, ...] = (
    ProductType("tshirt", "T-Shirts", "Soft ringspun cotton"),
    ProductType("hoodie", "Hoodies", "Brushed fleece, unisex"),
    ProductType("mug", "Mugs", "11 oz ceramic, wraparound"),
    ProductType("poster", "Posters", "Museum-grade matte paper"),
    ProductType("home-decor", "Home Decor", "Pillows, canvas, wall art"),
)

# Where "Print on Product" posts. The sessions app serves it; the gallery only links to it.
PRINT_ENDPOINT = "/api/sessions/"
