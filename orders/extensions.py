"""What other apps add to the dashboard, without the order book importing them.

``orders`` is the core: it imports neither ``webhooks`` nor ``sessions_app``. An app
that has something to show on the dashboard registers it here from its
``AppConfig.ready()`` (see ``webhooks.dashboard`` and ``sessions_app.dashboard``):

- a tab in the dashboard's navigation (``register_tab``);
- a figure in the summary strip above the orders table (``register_summary``);
- what it knows about one order, for the order page (``register_order_page``):
  facts under "Where it came from", panels in the side column, and a link and a
  duplicate count per event of the timeline.

Each contribution is a template name and its context, rendered with the
``{% render_panel %}`` tag, so the contributing app owns its markup too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from orders.models import Order, OrderEvent


@dataclass(frozen=True)
class Panel:
    """A fragment of a page: a template of the contributing app, and its context."""

    template: str
    context: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Link:
    url: str
    label: str


@dataclass(frozen=True)
class Tab:
    label: str
    url_name: str
    section: str  # the ``section`` a page passes to be shown as the current tab


@dataclass(frozen=True)
class OrderPageFacts:
    """What one app adds to the page of one order."""

    origin: Sequence[Panel] = ()  # facts (dt/dd pairs) under "Where it came from"
    side: Sequence[Panel] = ()  # panels in the side column
    event_links: Mapping[int, Link] = field(default_factory=dict)  # by OrderEvent pk
    duplicates: Mapping[str, int] = field(default_factory=dict)  # by event type


OrderPageProvider = Callable[[Order, Sequence[OrderEvent]], OrderPageFacts]
SummaryProvider = Callable[[dt.datetime], Panel]

_tabs: list[Tab] = []
_summaries: dict[str, SummaryProvider] = {}
_order_pages: dict[str, OrderPageProvider] = {}


def register_tab(tab: Tab) -> None:
    if tab not in _tabs:
        _tabs.append(tab)


def register_summary(name: str, provider: SummaryProvider) -> None:
    """``provider(since)`` returns the panel of the summary strip (figures since ``since``)."""
    _summaries[name] = provider


def register_order_page(name: str, provider: OrderPageProvider) -> None:
    """``provider(order, events)`` returns what the app knows about ``order``.

    It must run a fixed number of queries, whatever the number of events.
    """
    _order_pages[name] = provider


def tabs() -> list[Tab]:
    return list(_tabs)


def summaries(since: dt.datetime) -> list[Panel]:
    return [provider(since) for provider in _summaries.values()]


def order_page(order: Order, events: Sequence[OrderEvent]) -> list[OrderPageFacts]:
    return [provider(order, events) for provider in _order_pages.values()]
