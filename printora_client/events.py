"""The registry of Printora's webhook event types: the one place that names them.

Everything that needs to know the event types reads this module: the webhook
receiver (what it accepts), the order book (what status each one brings and how
they rank), the sandbox (what it sends), ``printora_trigger`` and the dashboard's
chips and filters. Adding a type here is the whole change; a test fails if any
other module spells an event type out.

Rank: ``pending`` < ``paid``/``processing`` < ``shipped`` < ``cancelled`` <
``delivered``. A status only moves up the rank, so a late ``order.paid`` cannot
undo a shipment and a cancel cannot undo a delivery.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class EventType:
    """One webhook event type and what it does to an order."""

    name: str
    status: str  # the order status the event brings (our word)
    rank: int  # an order's status only moves to a higher rank
    time_field: str  # the data field that carries the event's own time (camelCase)
    printora_statuses: tuple[str, ...]  # Printora's status words in its order list

    @property
    def time_attribute(self) -> str:
        """``time_field`` as the snake_case attribute of ``printora_client.models.OrderData``."""
        return re.sub(r"(?<!^)(?=[A-Z])", "_", self.time_field).lower()


ORDER_CREATED = EventType("order.created", "pending", 0, "createdAt", ("pending",))
ORDER_PAID = EventType("order.paid", "paid", 1, "paidAt", ("paid", "processing"))
ORDER_SHIPPED = EventType("order.shipped", "shipped", 2, "shippedAt", ("shipped",))
ORDER_CANCELLED = EventType("order.cancelled", "cancelled", 3, "cancelledAt", ("cancelled",))
ORDER_DELIVERED = EventType("order.delivered", "delivered", 4, "deliveredAt", ("delivered",))

# In the order an order lives through them (not rank order: cancelled is last).
EVENT_TYPES: tuple[EventType, ...] = (
    ORDER_CREATED,
    ORDER_PAID,
    ORDER_SHIPPED,
    ORDER_DELIVERED,
    ORDER_CANCELLED,
)
EVENT_NAMES: tuple[str, ...] = tuple(event.name for event in EVENT_TYPES)
BY_NAME: dict[str, EventType] = {event.name: event for event in EVENT_TYPES}

# Our order statuses and their rank (``processing`` is Printora's word for paid).
STATUS_RANK: dict[str, int] = {event.status: event.rank for event in EVENT_TYPES} | {
    "processing": ORDER_PAID.rank
}


def event_type(name: str) -> EventType | None:
    """The registered event type called ``name``, or None for a type we do not know."""
    return BY_NAME.get(name)


def is_known(name: str) -> bool:
    return name in BY_NAME


def event_for_printora_status(word: str) -> EventType | None:
    """The event that brings an order to Printora's listed status ``word``."""
    for event in EVENT_TYPES:
        if word in event.printora_statuses:
            return event
    return None
