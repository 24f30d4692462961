"""Catalog products and their variants (``GET /api/v1/catalog/products``)."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, Field

from printora_client.models._base import (
    ColourCode,
    Money,
    NumberedPage,
    PrintoraModel,
    none_to_list,
)


class Variant(PrintoraModel):
    """One colour and size of a product; ``color_code`` is always ``#RRGGBB`` or None."""

    id: str
    color: str | None = None
    color_code: ColourCode = None
    size: str | None = None
    # endPrice (current) or end_price (older document): the alias generator reads both.
    end_price: Money | None = None


class Product(PrintoraModel):
    id: str
    name: str | None = None
    category: str | None = None
    description: str | None = None
    thumbnail: str | None = None
    images: Annotated[list[Any], BeforeValidator(none_to_list)] = Field(default_factory=list)
    variants: Annotated[list[Variant], BeforeValidator(none_to_list)] = Field(default_factory=list)


class ProductPage(NumberedPage):
    """One page of products; ``offset`` or ``page`` is set, depending on how it was asked."""

    items_field: ClassVar[str] = "products"
    products: list[Product] = Field(default_factory=list)
