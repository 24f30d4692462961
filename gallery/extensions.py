"""What other apps add to the creator studio, without the gallery importing them.

The gallery may not import ``orders`` or ``sessions_app``; the studio's stats still
show "our order book's orders of that creator". An app that knows such a figure
registers a function here from its ``AppConfig.ready()`` (``sessions_app.studio``
does): given a creator, it returns ``(label, value)`` pairs to show beside
Printora's own stats.
"""

from __future__ import annotations

from collections.abc import Callable

from gallery.models import Creator

StudioFigures = Callable[[Creator], list[tuple[str, object]]]

_figures: dict[str, StudioFigures] = {}


def register_studio_figures(app: str, provider: StudioFigures) -> None:
    """Once per app (a second registration replaces the first, e.g. in tests)."""
    _figures[app] = provider


def studio_figures(creator: Creator) -> list[tuple[str, object]]:
    return [figure for provider in _figures.values() for figure in provider(creator)]
