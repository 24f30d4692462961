"""Which gallery cards open each masonry column: the first row the shopper sees.

The grid is CSS multi-column (``.gl-grid`` in static/css/site.css): cards flow down
the first column, then the second, and the browser balances the column heights. So
the cards at the top of the screen are not the first four of the list but the first
of each column. Their images are loaded eagerly with ``fetchpriority="high"``; every
other one lazily. Card heights follow from the images' aspect ratios, so the same
balancing can be done here, for each layout of the stylesheet.
"""

from __future__ import annotations

from collections.abc import Sequence

# (columns, column width, gap below a card) in CSS px, as site.css lays out the grid at
# its two reference widths: 1440 px (4 columns in the 1200 px container) and 375 px (2).
# Between them (3 columns at 760-1099 px) a column top may load lazily: in view, it is
# still fetched as soon as the layout is known, only without the head start.
LAYOUTS = ((4, 276.5, 18), (2, 161.5, 12))


def column_starts(ratios: Sequence[float], columns: int, width: float, gap: float) -> list[int]:
    """Indices of the cards that start a column, for cards of the given height/width ratios.

    Like the browser, find the lowest column height into which the cards, kept whole
    and in order, fit in ``columns`` columns; return where each column begins.
    """
    heights = [width * r + gap for r in ratios]
    if not heights:
        return []
    low, high = max(heights), sum(heights)
    while high - low > 0.5:
        mid = (low + high) / 2
        if len(_fill(heights, mid)) <= columns:
            high = mid
        else:
            low = mid
    return _fill(heights, high)


def _fill(heights: list[float], limit: float) -> list[int]:
    starts, used = [0], 0.0
    for i, h in enumerate(heights):
        if used and used + h > limit:
            starts.append(i)
            used = 0.0
        used += h
    return starts


def first_row(ratios: Sequence[float]) -> set[int]:
    """Indices of the cards at the top of a column in any of the stylesheet's layouts."""
    return {i for cols, width, gap in LAYOUTS for i in column_starts(ratios, cols, width, gap)}
