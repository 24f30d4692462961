"""Writes of the gallery that go to Printora: creators and their merch.

Printora is the truth about merch. Every write here is a call through
``printora_client`` first; our ``Merch`` mirror changes only from Printora's
answer, in one transaction after it. When Printora refuses, ``PrintoraWriteError``
carries a sentence for the page and the mirror is left as it was: nothing is
"saved locally" behind the user's back.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone

from dreamcanvas.printora import get_client
from gallery.models import Artwork, Creator, Merch
from printora_client import (
    APIConnectionError,
    PrintoraError,
    RateLimitError,
    ServerError,
)
from printora_client.models import EditSession
from printora_client.models import Merch as PrintoraMerch

logger = logging.getLogger(__name__)


@dataclass
class PrintoraWriteError(Exception):
    """Printora refused or could not be reached; ``message`` is written for people."""

    message: str
    status: int | None = None

    def __str__(self) -> str:
        return self.message


def explain(exc: PrintoraError) -> PrintoraWriteError:
    """Printora's error as one sentence (its own words where it gave some)."""
    if isinstance(exc, RateLimitError):
        wait = max(1, round(exc.retry_after or 30))
        return PrintoraWriteError(f"Printora is busy right now. Try again in {wait} s.", 429)
    if isinstance(exc, ServerError | APIConnectionError):
        logger.warning("Printora unavailable: %s", exc)
        return PrintoraWriteError("Printora is unavailable right now. Nothing was changed.", 503)
    words = (exc.message or "").strip().rstrip(".")
    details = [
        str(d.get("message")) for d in exc.details or [] if isinstance(d, dict) and d.get("message")
    ]
    if details and details[0].rstrip(".") != words:
        words = f"{words}: {details[0].rstrip('.')}" if words else details[0].rstrip(".")
    return PrintoraWriteError(f"Printora said: {words or 'the request was refused'}.", exc.status)


# --- creators ---------------------------------------------------------------------------


def register_creator(*, creator: Creator) -> Creator:
    """Make ``creator`` a Printora creator (once): found by slug if Printora has it."""
    if creator.printora_creator_id:
        return creator
    client = get_client()
    try:
        existing = next((c for c in client.creators.iter() if c.slug == creator.slug), None)
        remote = existing or client.creators.create(
            name=creator.name, slug=creator.slug, description=creator.bio or None
        )
    except PrintoraError as exc:
        raise explain(exc) from exc
    creator.printora_creator_id = remote.id
    creator.save(update_fields=["printora_creator_id"])
    return creator


def creator_stats(*, creator: Creator):
    """Printora's figures for the creator (orders, revenue, top merch)."""
    try:
        return get_client().creators.stats(_printora_id(creator))
    except PrintoraError as exc:
        raise explain(exc) from exc


# --- the merch mirror -------------------------------------------------------------------


def _printora_id(creator: Creator) -> str:
    if not creator.printora_creator_id:
        raise PrintoraWriteError(f"{creator.name} is not registered at Printora yet.")
    return creator.printora_creator_id


def _artwork_for(design_image_url: str) -> Artwork | None:
    # Our artworks' designs are sent as APP_URL + the image's path; match by path so a
    # changed APP_URL (a new port, a new domain) still finds them.
    path = urlsplit(design_image_url or "").path
    if not path:
        return None
    for artwork in Artwork.objects.only("id", "static_image", "image"):
        if artwork.image_url == path:
            return artwork
    return None


def _mirror(creator: Creator, remote: PrintoraMerch, artwork: Artwork | None = None) -> Merch:
    variants = [
        {
            "id": v.id,
            "color": v.color or "",
            "colorCode": v.color_code,
            "size": v.size or "",
            "price": None if v.end_price is None else str(v.end_price),
        }
        for v in remote.variants
    ]
    status = remote.status or ("active" if remote.is_active in (True, None) else "inactive")
    defaults = {
        "creator": creator,
        "title": remote.title or "Untitled",
        "description": remote.description or "",
        "design_image_url": remote.design_image_url or "",
        "status": status,
        "product_id": (remote.product.id if remote.product else None) or "",
        "product_name": (remote.product.name if remote.product else None) or "",
        "stock_limit": remote.stock_limit,
        "stock_sold": remote.stock_sold or 0,
        "has_design": bool(remote.has_design),
        "variants": variants,
        "refreshed_at": timezone.now(),
    }
    merch, created = Merch.objects.update_or_create(printora_merch_id=remote.id, defaults=defaults)
    wanted = artwork or (merch.artwork if not created else None)
    wanted = wanted or _artwork_for(merch.design_image_url)
    if wanted is not None and merch.artwork_id != wanted.pk:
        merch.artwork = wanted
        merch.save(update_fields=["artwork"])
    return merch


def refresh_merch(*, creator: Creator) -> list[Merch]:
    """Mirror every merch item Printora lists for ``creator``; drop the ones it no longer has."""
    try:
        listed = get_client().merch.list(_printora_id(creator))
    except PrintoraError as exc:
        raise explain(exc) from exc
    with transaction.atomic():
        kept = [_mirror(creator, remote) for remote in listed]
        creator.merch.exclude(pk__in=[m.pk for m in kept]).delete()
    return kept


def refresh_one(*, merch: Merch) -> Merch:
    """Read one item back from Printora (after a sale, or a refusal about its stock)."""
    try:
        remote = get_client().merch.get(_printora_id(merch.creator), merch.printora_merch_id)
    except PrintoraError as exc:
        raise explain(exc) from exc
    with transaction.atomic():
        return _mirror(merch.creator, remote)


# --- merch writes -----------------------------------------------------------------------


@dataclass(frozen=True)
class Created:
    merch: Merch
    edit_session: EditSession | None


def create_merch(
    *,
    creator: Creator,
    title: str,
    product_id: str,
    variant_ids: Sequence[str],
    design_image_url: str,
    description: str = "",
    stock_limit: int | None = None,
    artwork: Artwork | None = None,
    idempotency_key: str | None = None,
) -> Created:
    """Create a merch item at Printora, then mirror it; the reply's edit session is kept
    for the caller (the creator's design editor link), never stored."""
    try:
        remote = get_client().merch.create(
            _printora_id(creator),
            title=title,
            product_id=product_id,
            variant_ids=list(variant_ids),
            design_image_url=design_image_url,
            description=description or None,
            stock_limit=stock_limit,
            idempotency_key=idempotency_key,
        )
    except PrintoraError as exc:
        raise explain(exc) from exc
    with transaction.atomic():
        merch = _mirror(creator, remote, artwork)
    return Created(merch, remote.edit_session)


def update_merch(*, merch: Merch, **changes) -> Merch:
    """``changes``: any of title, description, stock_limit, status, variant_ids."""
    try:
        remote = get_client().merch.update(
            _printora_id(merch.creator), merch.printora_merch_id, **changes
        )
    except PrintoraError as exc:
        raise explain(exc) from exc
    with transaction.atomic():
        return _mirror(merch.creator, remote)


def new_edit_session(*, merch: Merch) -> EditSession:
    try:
        return get_client().merch.new_edit_session(
            _printora_id(merch.creator), merch.printora_merch_id
        )
    except PrintoraError as exc:
        raise explain(exc) from exc
