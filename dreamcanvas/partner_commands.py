"""The subcommands of ``manage.py printora``, one small function per API call.

Each one only calls ``printora_client`` and says which columns or fields to show;
``dreamcanvas/partner_cli.py`` does the rest. To add a resource (``catalog``,
``creators``, ``merch``), call ``resource()`` and register its actions the same way.
"""

from __future__ import annotations

from argparse import ArgumentParser, Namespace
from typing import Any

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from dreamcanvas.partner_cli import (
    Column,
    NotFound,
    Progress,
    Record,
    Table,
    UsageError,
    action,
    fetch_pages,
    first,
    listing,
    paging_arguments,
    resource,
)
from printora_client import PrintoraClient, events


def pick(item: Any, *names: str) -> Any:
    """A field by its model name, or an extra one the API sent (either spelling)."""
    for name in names:
        value = getattr(item, name, None)
        if value is None and getattr(item, "model_extra", None):
            value = item.model_extra.get(name)
        if value is not None:
            return value
    return None


def money(item: Any) -> str | None:
    amount = pick(item, "total_amount")
    if amount is None:
        return None
    return f"{amount:.2f} {pick(item, 'currency') or ''}".strip()


def customer_email(item: Any) -> str | None:
    customer = pick(item, "customer")
    return getattr(customer, "email", None) if customer else None


# --- sessions --------------------------------------------------------------------------

resource("sessions", "partner sessions (Print on Product)")

SESSION_FIELDS = [
    ("Session", lambda s: s.session_id),
    ("Status", lambda s: s.status),
    ("Mode", lambda s: s.session_mode),
    ("Redirect URL", lambda s: s.redirect_url),
    ("Image URL", lambda s: s.image_url),
    ("Created", lambda s: s.created_at),
    ("Expires", lambda s: s.expires_at),
    ("Order", lambda s: s.order.order_id if s.order else None),
    ("Order status", lambda s: s.order.status if s.order else None),
]


def _callback_default(name: str) -> str | None:
    try:
        return settings.APP_URL + reverse(f"sessions_app:{name}")
    except NoReverseMatch:
        return None


def _session_create_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("--image-url", help="the design (image mode)")
    parser.add_argument("--creator-id", help="creator mode, with --merch-id")
    parser.add_argument("--merch-id")
    parser.add_argument("--variant-id")
    parser.add_argument("--quantity", type=int)
    parser.add_argument("--email", help="the shopper's e-mail (userData)")
    parser.add_argument("--name", help="the shopper's name (userData)")
    parser.add_argument("--success-url", help="default: APP_URL/callback/success/")
    parser.add_argument("--failed-url", help="default: APP_URL/callback/failed/")
    parser.add_argument("--idempotency-key", help="reuse to retry the same request safely")


@action("sessions", "create", "start a partner session", _session_create_arguments)
def session_create(client: PrintoraClient, args: Namespace, progress: Progress) -> Record:
    success_url = args.success_url or _callback_default("callback-success")
    failed_url = args.failed_url or _callback_default("callback-failed")
    if not success_url or not failed_url:
        raise UsageError("give --success-url and --failed-url")
    session = client.create_session(
        image_url=args.image_url,
        creator_id=args.creator_id,
        merch_id=args.merch_id,
        variant_id=args.variant_id,
        quantity=args.quantity,
        user_email=args.email,
        user_name=args.name,
        success_url=success_url,
        failed_url=failed_url,
        idempotency_key=args.idempotency_key,
    )
    fields = [*SESSION_FIELDS, ("Idempotency-Key", lambda s: s.idempotency_key)]
    return Record(fields, session)


def _session_get_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("session_id", metavar="SESSION_ID")


@action("sessions", "get", "show a session and its order", _session_get_arguments)
def session_get(client: PrintoraClient, args: Namespace, progress: Progress) -> Record:
    return Record(SESSION_FIELDS, client.get_session(args.session_id))


# --- orders ----------------------------------------------------------------------------

resource("orders", "this partner's orders")

ORDER_COLUMNS = [
    Column("ORDER", lambda o: o.order_id),
    Column("NUMBER", lambda o: o.order_number),
    Column("STATUS", lambda o: o.status),
    Column("TOTAL", money),
    Column("CUSTOMER", customer_email),
    Column("CREATED", lambda o: o.created_at),
]
ORDER_FIELDS = [
    ("Order", lambda o: o.order_id),
    ("Number", lambda o: o.order_number),
    ("Status", lambda o: o.status),
    ("Payment", lambda o: o.payment_status),
    ("Total", money),
    ("Customer", customer_email),
    ("Session", lambda o: o.session_id),
    ("Items", lambda o: len(o.items) if o.items is not None else None),
    ("Carrier", lambda o: o.carrier),
    ("Tracking", lambda o: o.tracking_number),
    ("Created", lambda o: o.created_at),
    ("Updated", lambda o: o.updated_at),
]


def _order_list_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("--status", help="e.g. paid, shipped")
    paging_arguments(parser)


@action("orders", "list", "list orders, newest first", _order_list_arguments)
def order_list(client: PrintoraClient, args: Namespace, progress: Progress) -> Table:
    def fetch(limit: int, offset: int):
        return client.list_orders(limit=limit, offset=offset, status=args.status)

    return listing(args, fetch, "orders", ORDER_COLUMNS, "orders", progress)


def _order_get_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("order_id", metavar="ORDER_ID", help="the order's id or number")


@action("orders", "get", "show one order (looked up in the order list)", _order_get_arguments)
def order_get(client: PrintoraClient, args: Namespace, progress: Progress) -> Record:
    # The Partner API has no single-order read: page through the list until it turns up.
    wanted = args.order_id.strip()

    def fetch(limit: int, offset: int):
        return client.list_orders(limit=limit, offset=offset)

    order = first(
        fetch_pages(fetch, "orders", progress, "orders searched"),
        lambda o: wanted in (o.order_id, o.order_number),
    )
    if order is None:
        raise NotFound(f"no order {wanted} among this partner's orders")
    return Record(ORDER_FIELDS, order)


# --- webhooks --------------------------------------------------------------------------

resource("webhooks", "Printora's log of webhooks sent to us; retry and resend")

LOG_COLUMNS = [
    Column("ID", lambda log: log.id),
    Column("EVENT", lambda log: log.event_type),
    Column("STATUS", lambda log: log.status),
    Column("ATTEMPTS", lambda log: log.attempts),
    Column("REPLY", lambda log: pick(log, "response_status", "lastStatusCode")),
    Column("ORDER", lambda log: log.order_id),
    Column("CREATED", lambda log: log.created_at),
]


def _log_list_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("--status", help="pending, sent, failed or retrying")
    parser.add_argument("--event", dest="event_type", help=f"e.g. {events.ORDER_PAID.name}")
    paging_arguments(parser)


@action("webhooks", "logs", "list webhook deliveries", _log_list_arguments)
def webhook_logs(client: PrintoraClient, args: Namespace, progress: Progress) -> Table:
    def fetch(limit: int, offset: int):
        return client.list_webhook_logs(
            limit=limit, offset=offset, status=args.status, event_type=args.event_type
        )

    return listing(args, fetch, "logs", LOG_COLUMNS, "webhook deliveries", progress)


def _retry_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("log_id", metavar="LOG_ID")


REPLY_FIELDS = [
    ("Delivery", lambda r: r.get("id")),
    ("Event", lambda r: r.get("eventType") or r.get("event_type")),
    ("Status", lambda r: r.get("status")),
    ("Order", lambda r: r.get("orderId") or r.get("order_id")),
    ("Session", lambda r: r.get("sessionId") or r.get("session_id")),
    ("Message", lambda r: r.get("message")),
]


@action("webhooks", "retry", "deliver a logged webhook again", _retry_arguments)
def webhook_retry(client: PrintoraClient, args: Namespace, progress: Progress) -> Record:
    return Record(REPLY_FIELDS, client.retry_webhook_log(args.log_id))


def _resend_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("event_type", metavar="EVENT", help=f"e.g. {events.ORDER_PAID.name}")
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--order", dest="order_id")
    target.add_argument("--session", dest="session_id")


@action("webhooks", "resend", "send an order's or a session's event again", _resend_arguments)
def webhook_resend(client: PrintoraClient, args: Namespace, progress: Progress) -> Record:
    reply = client.resend_webhook(
        event_type=args.event_type, order_id=args.order_id, session_id=args.session_id
    )
    return Record(REPLY_FIELDS, reply)
