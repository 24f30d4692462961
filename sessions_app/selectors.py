from __future__ import annotations

import re
from typing import NotRequired, TypedDict

from orders.models import Order
from sessions_app.models import PartnerSession

# Printora's ids are UUIDs or short slugs; anything else is not worth a query.
_ID = re.compile(r"^[A-Za-z0-9_-]{1,100}$")


class CallbackLookup(TypedDict):
    """The callback pages' context: our session row and order, if we know them."""

    partner_session: PartnerSession | None
    order: Order | None
    known_ids: bool
    # Set by the view, never here: a browser that did not start the session sees
    # a neutral thank-you page without order data.
    neutral: NotRequired[bool]


def callback_lookup(
    *, session_id: str, order_id: str, same_session: bool = False
) -> CallbackLookup:
    """What we know about the shopper's return: our session row and, once the
    webhook has arrived, the order. Only our own data is shown, never the query.
    ``same_session``: the order must belong to ``session_id`` (a shopper may only
    see their own order, whatever ``orderId`` says)."""
    session_id = session_id if _ID.match(session_id) else ""
    order_id = order_id if _ID.match(order_id) else ""
    session = (
        PartnerSession.objects.select_related("artwork", "creator", "merch")
        .filter(session_id=session_id)
        .first()
        if session_id
        else None
    )
    order = None
    if order_id and (session_id or not same_session):
        orders = Order.objects.filter(printora_order_id=order_id)
        if same_session:
            orders = orders.filter(session_id=session_id)
        order = orders.first()
    if order is None and session_id:
        order = Order.objects.filter(session_id=session_id).order_by("-created").first()
    return {"partner_session": session, "order": order, "known_ids": bool(session_id)}
