"""Small filters for the dashboard's templates."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from urllib.parse import urlsplit

from django import template
from django.utils import timezone
from django.utils.timesince import timesince

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


@register.filter
def pretty_json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=False, default=str)


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


@register.filter
def item_name(item: Any) -> str:
    if not isinstance(item, dict):
        return "Item"
    return str(item.get("productName") or item.get("product_name") or "Item")
