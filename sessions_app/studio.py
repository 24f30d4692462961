"""What the order book adds to the creator studio's stats, through ``gallery.extensions``:
how many orders of that creator our own order book holds (from the webhooks' ``creator``)."""

from __future__ import annotations

from gallery import extensions
from gallery.models import Creator
from orders.models import Order


def order_book_figures(creator: Creator) -> list[tuple[str, object]]:
    if not creator.printora_creator_id:
        return []
    count = Order.objects.filter(creator__id=creator.printora_creator_id).count()
    return [("Orders in our order book", count)]


def register() -> None:
    """Called from ``SessionsAppConfig.ready()``."""
    extensions.register_studio_figures("sessions_app", order_book_figures)
