"""Where the design sits on each product drawing (the editor's SVG mockups).

``PRINT_AREAS`` repeats the print-area rectangles of
templates/printora_sandbox/_mockups.html (a test checks they agree). A merch
item's saved placement (``konvaMetadata``: centre in percent of the print area,
width as a fraction of it) becomes a square box on that area, the design fitted
inside it, so the storefront and the product page show it as the creator placed it.
"""

from __future__ import annotations

from typing import Any

# mockup: (x, y, width, height) in the 400 x 440 drawing.
PRINT_AREAS: dict[str, tuple[int, int, int, int]] = {
    "t-shirt": (136, 100, 128, 156),
    "hoodie": (146, 124, 108, 128),
    "mug": (116, 150, 168, 180),
    "poster": (104, 48, 192, 304),
    "pillow": (100, 116, 200, 216),
    "canvas": (80, 36, 240, 300),
    "tote": (112, 196, 176, 176),
}


def placement(metadata: Any) -> dict[str, float] | None:
    """``{x, y, scale}`` (percent, percent, fraction) from saved metadata, or None."""
    design = metadata.get("design") if isinstance(metadata, dict) else None
    if not isinstance(design, dict):
        return None
    try:
        x, y, scale = float(design["x"]), float(design["y"]), float(design["scale"])
    except (KeyError, TypeError, ValueError):
        return None
    if not (0 <= x <= 100 and 0 <= y <= 100 and 0 < scale <= 2):
        return None
    return {"x": x, "y": y, "scale": scale}


def placed_box(mockup: str, where: dict[str, float] | None) -> dict[str, float] | None:
    """The design's box ``{x, y, size}`` on ``mockup``'s drawing, or None (fill the area)."""
    if where is None or mockup not in PRINT_AREAS:
        return None
    left, top, width, height = PRINT_AREAS[mockup]
    size = width * where["scale"]
    return {
        "x": round(left + width * where["x"] / 100 - size / 2, 1),
        "y": round(top + height * where["y"] / 100 - size / 2, 1),
        "size": round(size, 1),
    }
