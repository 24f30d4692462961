"""Read-only queries for the gallery pages."""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import and_

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from gallery.models import Artwork, Category, Creator, Merch

MAX_QUERY_LENGTH = 100
MAX_TERMS = 8


@dataclass(frozen=True)
class GalleryFilters:
    category: str = ""  # a Category value, or "" for all
    query: str = ""
    unknown_category: str = ""  # what was asked for when it matched no category


def parse_filters(category: str | None, query: str | None) -> GalleryFilters:
    """Normalise the query-string filters; an unknown category falls back to all artworks."""
    raw_category = (category or "").strip()
    wanted = raw_category.lower()
    query = " ".join((query or "").split())[:MAX_QUERY_LENGTH]
    if wanted in ("", "all"):
        return GalleryFilters("", query)
    if wanted in Category.values:
        return GalleryFilters(wanted, query)
    return GalleryFilters("", query, unknown_category=raw_category[:40])


def artworks() -> QuerySet[Artwork]:
    """Artworks with their creator, and ``has_merch``: a merch item on sale is made of it."""
    on_sale = Merch.objects.filter(artwork=OuterRef("pk"), status=Merch.Status.ACTIVE)
    return Artwork.objects.select_related("creator").annotate(has_merch=Exists(on_sale))


def search_artworks(filters: GalleryFilters) -> QuerySet[Artwork]:
    """Artworks in the category whose title, prompt, tags or creator match every search term."""
    qs = artworks()
    if filters.category:
        qs = qs.filter(category=filters.category)
    terms = filters.query.split()[:MAX_TERMS]
    if terms:
        qs = qs.filter(reduce(and_, (_matches(term) for term in terms)))
    return qs


def _matches(term: str) -> Q:
    return (
        Q(title__icontains=term)
        | Q(prompt__icontains=term)
        | Q(tags__icontains=term)
        | Q(creator__name__icontains=term)
        | Q(creator__handle__icontains=term.lstrip("@") or term)
    )


def category_counts() -> dict[str, int]:
    rows = Artwork.objects.values("category").annotate(n=Count("id")).order_by()
    return {row["category"]: row["n"] for row in rows}


def more_by_creator(artwork: Artwork, limit: int = 4) -> QuerySet[Artwork]:
    return artworks().filter(creator=artwork.creator).exclude(pk=artwork.pk)[:limit]


def merch_of_artwork(artwork: Artwork) -> list[Merch]:
    """The artwork's merch on sale (sold-out items too: the shopper sees they are gone)."""
    return list(
        Merch.objects.filter(artwork=artwork, status=Merch.Status.ACTIVE).order_by("title", "id")
    )


def creator_page(slug: str) -> Creator | None:
    return Creator.objects.filter(slug=slug).first()


def artworks_of(creator: Creator) -> QuerySet[Artwork]:
    return artworks().filter(creator=creator)


def merch_of_creator(creator: Creator) -> list[Merch]:
    return list(
        Merch.objects.filter(creator=creator, status=Merch.Status.ACTIVE)
        .select_related("artwork")
        .order_by("title", "id")
    )
