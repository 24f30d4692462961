"""The gallery page and the artwork detail page (also served as a modal fragment)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET

from dreamcanvas import access
from gallery import selectors
from gallery.models import Category
from gallery.products import PRINT_ENDPOINT, PRODUCT_TYPES

PAGE_SIZE = 30


def _gallery_url(category: str = "", query: str = "", page: int = 1) -> str:
    params: dict[str, str | int] = {k: v for k, v in (("category", category), ("q", query)) if v}
    if page > 1:
        params["page"] = page
    base = reverse("gallery:index")
    return f"{base}?{urlencode(params)}" if params else base


@require_GET
@ensure_csrf_cookie
def index(request: HttpRequest) -> HttpResponse:
    filters = selectors.parse_filters(request.GET.get("category"), request.GET.get("q"))
    page = Paginator(selectors.search_artworks(filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    counts = selectors.category_counts()
    chips = [
        {
            "value": "",
            "label": "All",
            "count": sum(counts.values()),
            "url": _gallery_url("", filters.query),
            "active": not filters.category,
        }
    ] + [
        {
            "value": value,
            "label": label,
            "count": counts.get(value, 0),
            "url": _gallery_url(value, filters.query),
            "active": value == filters.category,
        }
        for value, label in Category.choices
    ]
    context = {
        "filters": filters,
        "category_label": Category(filters.category).label if filters.category else "",
        "chips": chips,
        "page": page,
        "artworks": page.object_list,
        "prev_url": _gallery_url(filters.category, filters.query, page.number - 1)
        if page.has_previous()
        else "",
        "next_url": _gallery_url(filters.category, filters.query, page.number + 1)
        if page.has_next()
        else "",
        "clear_url": _gallery_url(),
    }
    # The live search asks for the results region only.
    template = "gallery/_results.html" if request.GET.get("fragment") else "gallery/index.html"
    return render(request, template, context)


@require_GET
@ensure_csrf_cookie
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    artwork = get_object_or_404(selectors.artworks(), slug=slug)
    context = {
        "artwork": artwork,
        "products": PRODUCT_TYPES,
        "print_endpoint": PRINT_ENDPOINT,
        "category_url": _gallery_url(artwork.category),
        # has_merch is annotated by selectors.artworks(): no query for most artworks.
        "merch": selectors.merch_of_artwork(artwork) if getattr(artwork, "has_merch", 0) else [],
    }
    # The modal fetches the same content without the page around it.
    if request.GET.get("fragment"):
        return render(request, "gallery/_artwork.html", {**context, "as_page": False})
    context["more"] = selectors.more_by_creator(artwork)
    return render(request, "gallery/detail.html", {**context, "as_page": True})


@require_GET
@ensure_csrf_cookie
def creator(request: HttpRequest, slug: str) -> HttpResponse:
    """/ai-image-app/creators/<slug>/: who they are, their artworks, their merch and shop."""
    found = selectors.creator_page(slug)
    if found is None:
        raise Http404("No such creator.")
    context = {
        "creator": found,
        "artworks": selectors.artworks_of(found),
        "merch": selectors.merch_of_creator(found),
        "print_endpoint": PRINT_ENDPOINT,
        # The studio is where the dashboard is visible (staff, or a public demo).
        "studio_url": reverse("studio:creator", args=[found.slug])
        if access.may_see_dashboard(request)
        else "",
    }
    return render(request, "gallery/creator.html", context)
