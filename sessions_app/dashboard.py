"""What partner sessions add to the dashboard's order page, through ``orders.extensions``:
the session that started the order and its artwork, under "Where it came from"."""

from __future__ import annotations

from collections.abc import Sequence

from orders import extensions
from orders.extensions import OrderPageFacts, Panel
from orders.models import Order, OrderEvent
from sessions_app.models import PartnerSession


def partner_session_of(order: Order) -> PartnerSession | None:
    """The session of ours that started ``order`` (one query), if any."""
    if not order.session_id:
        return None
    sessions = PartnerSession.objects.select_related("artwork")
    return sessions.filter(session_id=order.session_id).first()


def order_page_facts(order: Order, events: Sequence[OrderEvent]) -> OrderPageFacts:
    session = partner_session_of(order)
    return OrderPageFacts(
        origin=[Panel("sessions_app/_order_origin.html", {"partner_session": session})]
    )


def register() -> None:
    """Called from ``SessionsAppConfig.ready()``."""
    extensions.register_order_page("sessions_app", order_page_facts)
