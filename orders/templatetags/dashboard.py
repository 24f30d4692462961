"""Small filters for the dashboard's templates."""

from __future__ import annotations

import datetime as dt
import weakref
from typing import Any
from urllib.parse import quote, urlsplit

from django import template
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, get_resolver, get_urlconf, reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.timesince import timesince

from dreamcanvas.http import pretty_json
from orders.extensions import Panel

register = template.Library()


def iso_timestamp(moment: dt.datetime) -> str:
    """One spelling of a timestamp, used by the live cursor and the rows alike."""
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


@register.filter
def iso(moment: Any) -> str:
    if not isinstance(moment, dt.datetime):
        return ""
    return iso_timestamp(moment)


@register.filter
def http_url(value: Any) -> str:
    """The value if it is an absolute http(s) URL, else "": only those become links
    or images (never ``javascript:`` or ``data:``)."""
    if not isinstance(value, str):
        return ""
    value = value.strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return ""
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return value
    return ""


register.filter("pretty_json", pretty_json)


@register.filter
def item_image(item: Any) -> str:
    if not isinstance(item, dict):
        return ""
    return http_url(item.get("imageUrl") or item.get("image_url") or "")


@register.filter
def event_kind(event_type: str) -> str:
    """``order.paid`` → ``paid``, for the badge colour."""
    return str(event_type or "").rpartition(".")[2]


@register.filter
def variant_text(variant: Any) -> str:
    if variant in (None, ""):
        return ""
    if isinstance(variant, dict):
        return ", ".join(str(v) for v in variant.values() if v not in (None, ""))
    if isinstance(variant, list):
        return ", ".join(str(v) for v in variant if v not in (None, ""))
    return str(variant)


@register.filter
def ago(moment: Any) -> str:
    """ "just now", "5 minutes ago", "2 days ago"."""
    if not isinstance(moment, dt.datetime):
        return ""
    if timezone.now() - moment < dt.timedelta(minutes=1):
        return "just now"
    return f"{timesince(moment, depth=1)} ago"


URL_ARGUMENT = "url-argument-placeholder"
# Per URL resolver (a new one whenever the URL configuration changes), held weakly:
# an id() could be reused by the next resolver and serve a stale URL.
_url_templates: weakref.WeakKeyDictionary[Any, dict[str, str]] = weakref.WeakKeyDictionary()


def url_template(name: str) -> str:
    """``reverse(name)`` of a one-argument URL with a placeholder for the argument
    ("" where it is not routed): one ``reverse()`` per URL configuration, then
    string work, for links rendered on every row of a table."""
    templates = _url_templates.setdefault(get_resolver(get_urlconf()), {})
    if name not in templates:
        try:
            templates[name] = reverse(name, args=[URL_ARGUMENT])
        except NoReverseMatch:
            templates[name] = ""
    return templates[name]


@register.filter
def order_url(order_id: str) -> str:
    """The order page's URL ("" where it is not routed), without a reverse() per row."""
    template = url_template("orders:order")
    # reverse()'s own quoting of a path segment (a str converter never takes "/").
    return template.replace(URL_ARGUMENT, quote(str(order_id), safe="!$&'()*+,;=~:@"))


@register.filter
def item_name(item: Any) -> str:
    if not isinstance(item, dict):
        return "Item"
    return str(item.get("productName") or item.get("product_name") or "Item")


@register.simple_tag(takes_context=True)
def render_panel(context: template.Context, panel: Panel) -> SafeString:
    """A fragment another app contributed (``orders.extensions``), rendered with its
    own template and context, and the page's request (for CSRF tokens and links)."""
    request = context.get("request")
    return mark_safe(render_to_string(panel.template, dict(panel.context), request))  # noqa: S308
