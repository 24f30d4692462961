"""One row of the dashboard's order table, as HTML.

The table is the dashboard's hot spot: 25 rows on every list page and every live
poll with changes. As a template ({% include %} per row, a dozen filters each) a
row cost about 0.7 ms of CPU on a 2-core machine; written here as plain string
formatting of escaped values it costs a fraction of that. The markup is the
template's, unchanged; the page's view and the live endpoint both call ``order_row``.
"""

from __future__ import annotations

import html
import re
from typing import Any

from django.template.defaultfilters import urlencode
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from orders.templatetags.dashboard import URL_ARGUMENT, ago, iso, order_url, url_template

_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
# The date filter's "M" in English, the site's only language.
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MISSING = '<span class="muted">—</span>'


def order_row(order: Any) -> SafeString:
    """The ``<tr>`` of ``order`` (an ``Order`` from ``orders.selectors.order_rows``).

    Every value goes through ``_e`` (HTML-escaped) or is markup built here from
    escaped values: plain string formatting, not ``format_html``, whose lazy-string
    machinery was most of a row's cost."""
    status = _e(order.status)
    badge = f'<span class="badge badge--{status}">{_e(order.get_status_display())}</span>'
    cells = (
        _cell("order", "Order", _order_cell(order)),
        _cell("created", "Created", _created_cell(order)),
        _cell("customer", "Customer", _customer_cell(order)),
        _cell("items", "Items", _items_cell(order)),
        _cell("total dash-num", "Total", _total_cell(order)),
        _cell("status", "Status", badge),
        _cell("payment", "Payment", _e(order.payment_status or "—")),
        _cell("event", "Last event", _event_cell(order)),
    )
    return mark_safe(  # noqa: S308 (every value in it went through _e)
        f'<tr class="dash-row" data-order-id="{_e(order.printora_order_id)}" '
        f'data-updated="{iso(order.updated)}">\n{"".join(cells)}</tr>\n'
    )


def _e(value: Any) -> str:
    # What Django's escape() does (& < > " ' replaced), without its lazy wrappers.
    return html.escape(str(value), quote=True)


def _cell(kind: str, label: str, content: str) -> str:
    return (
        f'  <td class="dash-cell dash-cell--{kind}" data-label="{label}">'
        f'<div class="dash-cell__v">{content}</div></td>\n'
    )


def _order_cell(order: Any) -> str:
    order_id = order.printora_order_id
    label = _e(order.order_number or order_id)
    detail_url = order_url(order_id)
    if detail_url:
        link = f'<a class="dash-row__link" href="{_e(detail_url)}">{label}</a>'
    else:
        link = f'<span class="dash-row__link">{label}</span>'
    if not order.order_number:
        return link
    # Django's truncatechars:13 (the ellipsis counts); the id is plain ASCII.
    short = _e(order_id if len(order_id) <= 13 else order_id[:12] + "…")
    return f'{link}<span class="dash-row__id" title="{_e(order_id)}">{short}</span>'


def _created_cell(order: Any) -> str:
    created = timezone.localtime(order.created)
    day = f"{_MONTHS[created.month - 1]} {created.day}, {created.year}"  # date:"M j, Y"
    return (
        f'<time datetime="{iso(order.created)}">{day} '
        f'<span class="dash-row__time">{created:%H:%M}</span></time>'
    )


def _customer_cell(order: Any) -> str:
    if not (order.customer_name or order.customer_email):
        return _MISSING
    name = f'<span class="dash-row__name">{_e(order.customer_name or "—")}</span>'
    if not order.customer_email:
        return name
    return f'{name}<span class="dash-row__email">{_e(order.customer_email)}</span>'


def _items_cell(order: Any) -> str:
    summary = _e(order.items_summary or "—")
    if not (order.creator_slug or order.creator_id):
        return summary
    page = creator_url(order.creator_slug)
    if page:
        name = _e(order.creator_name or order.creator_slug)
        who = f'<a href="{_e(page)}" title="Creator page">by {name}</a>'
    else:
        who = "by " + _e(order.creator_name or order.creator_slug or order.creator_id)
    their_orders = _e(urlencode(order.creator_slug or order.creator_id))
    return (
        f'{summary}<span class="dash-row__creator">{who} · '
        f'<a href="?creator={their_orders}" title="Orders of this creator">their orders</a>'
        "</span>"
    )


def _total_cell(order: Any) -> str:
    if order.total_amount is None:
        return _MISSING
    # floatformat:"2g" of a numeric(12, 2): nothing to round, thousands grouped.
    total = f"{order.total_amount:,.2f}"
    return f'{total} <span class="dash-row__currency">{_e(order.currency)}</span>'


def _event_cell(order: Any) -> str:
    if not order.last_event_type:
        return _MISSING
    code = f"<code>{_e(order.last_event_type)}</code>"
    if not order.last_event_at:
        return code
    moment = timezone.localtime(order.last_event_at)
    return (
        f'{code} <time class="dash-row__when" datetime="{iso(order.last_event_at)}" '
        f'title="{moment:%Y-%m-%d %H:%M:%S} UTC">{_e(ago(order.last_event_at))}</time>'
    )


def creator_url(slug: str) -> str:
    """The creator page's URL ("" for a slug it cannot have, or where it is not
    routed), without a reverse() per row."""
    if not slug or not _SLUG.fullmatch(slug):
        return ""
    template = url_template("gallery:creator")
    return template.replace(URL_ARGUMENT, slug) if template else ""
