"""Merch mirror rows for page tests (the mirror's own tests make them through the API)."""

from __future__ import annotations

from gallery.models import Artwork, Creator, Merch

CID = "11111111-1111-4111-8111-111111111111"


def variants(colours: tuple[str, ...], sizes: tuple[str, ...], price: str = "24.00") -> list:
    return [
        {
            "id": f"{colour}-{size}".lower().replace(" ", "-"),
            "color": colour,
            "colorCode": "#112233",
            "size": size,
            "price": price,
        }
        for colour in colours
        for size in sizes
    ]


def make_merch(
    artwork_slug: str = "corona-hour",
    *,
    title: str = "Corona Hour Tee",
    stock_limit: int | None = None,
    stock_sold: int = 0,
    status: str = "active",
    product: str = "T-Shirt",
    merch_id: str = "m-1",
) -> Merch:
    artwork = Artwork.objects.select_related("creator").get(slug=artwork_slug)
    creator: Creator = artwork.creator
    if not creator.printora_creator_id:
        creator.printora_creator_id = CID
        creator.save()
    return Merch.objects.create(
        printora_merch_id=merch_id,
        creator=creator,
        artwork=artwork,
        title=title,
        status=status,
        product_name=product,
        stock_limit=stock_limit,
        stock_sold=stock_sold,
        variants=variants(("White", "Black"), ("S", "M", "L")),
    )
