"""Template helpers for the gallery (and any page that wants the same header)."""

from __future__ import annotations

from django import template

from gallery import masonry
from gallery.demo import DEMO_USER_EMAIL, DEMO_USER_NAME

register = template.Library()


@register.inclusion_tag("gallery/_nav.html", takes_context=True)
def site_nav(context: template.Context) -> dict:
    # The site-wide links (dreamcanvas.context_processors), plus the demo shopper.
    links = context.get("nav_links", [])
    initials = "".join(part[0] for part in DEMO_USER_NAME.split()[:2]).upper()
    return {
        "links": links,
        "user_name": DEMO_USER_NAME,
        "user_email": DEMO_USER_EMAIL,
        "user_initials": initials,
    }


@register.filter
def compact(value: int | None) -> str:
    """4812 → "4.8k", 96240 → "96k", 1250000 → "1.3M"."""
    try:
        n = int(value or 0)
    except (TypeError, ValueError):
        return "0"
    for limit, suffix in ((1_000_000, "M"), (1_000, "k")):
        if n >= limit:
            scaled = n / limit
            text = f"{scaled:.1f}" if scaled < 10 else f"{scaled:.0f}"
            return text.removesuffix(".0") + suffix
    return str(n)


@register.simple_tag
def first_row(artworks) -> set[int]:
    """``{% first_row artworks as top %}``: loop indices (from 0) of the cards opening a column."""
    ratios = [(a.height / a.width) if a.width and a.height else 1.0 for a in artworks]
    return masonry.first_row(ratios)
