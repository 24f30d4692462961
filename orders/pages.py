"""What every dashboard page shares: its context, pagination and page links.

Apps that add pages to the dashboard (``webhooks`` for its deliveries) build their
pages with these too, so the dashboard looks and behaves as one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.core.paginator import EmptyPage, Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

from dreamcanvas.http import reverse_or_none
from orders import extensions
from orders.decorators import is_staff


class _Paginator(Paginator):
    def __init__(
        self, rows: QuerySet[Any] | Sequence[Any], per_page: int, *, known_count: int | None = None
    ) -> None:
        super().__init__(rows, per_page)
        if known_count is not None:
            self.__dict__["count"] = known_count  # fills the cached_property: no COUNT(*)


def paginate(
    request: HttpRequest,
    rows: QuerySet[Any] | Sequence[Any],
    per_page: int,
    notes: list[str],
    known_count: int | None = None,
) -> Page:
    """The page the query string asks for; a bad ``page`` gets a note, never a 404."""
    paginator = _Paginator(rows, per_page, known_count=known_count)
    raw = request.GET.get("page", "").strip()
    number = 1
    if raw:
        try:
            number = int(raw)
            if number < 1:
                raise ValueError
        except ValueError:
            notes.append(f"Page “{raw[:20]}” is not a page number: showing the first page.")
            number = 1
    try:
        return paginator.page(number)
    except EmptyPage:
        notes.append(f"There is no page {number}: showing the last page.")
        return paginator.page(paginator.num_pages)


def page_links(page: Page, query_for: Callable[[int], str]) -> dict[str, Any]:
    """Previous/next and a short window of page numbers, each a URL keeping the filters."""
    paginator = page.paginator
    numbers = paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    return {
        "previous": query_for(page.previous_page_number()) if page.has_previous() else None,
        "next": query_for(page.next_page_number()) if page.has_next() else None,
        "numbers": [
            {
                "number": n,
                "url": None if n == paginator.ELLIPSIS else query_for(int(n)),
                "current": n == page.number,
            }
            for n in numbers
        ],
    }


def context(request: HttpRequest, section: str, **values: object) -> dict[str, object]:
    """The context of a dashboard page: its tab (``section``), who is looking, and links."""
    receiver = reverse_or_none("webhooks:receive")
    tabs = [{"label": "Orders", "url": reverse_or_none("orders:dashboard"), "section": "orders"}]
    tabs += [
        {"label": tab.label, "url": reverse_or_none(tab.url_name), "section": tab.section}
        for tab in extensions.tabs()
    ]
    return {
        "section": section,
        "dashboard_tabs": [tab for tab in tabs if tab["url"]],
        "dashboard_public": settings.DASHBOARD_PUBLIC,
        "is_staff": is_staff(request),
        "sync_url": reverse_or_none("orders:sync"),
        "gallery_url": reverse_or_none("gallery:index"),
        "webhook_url": settings.APP_URL.rstrip("/") + receiver if receiver else None,
        **values,
    }
