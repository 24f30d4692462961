"""Starting a Printora session for a shopper: the one path the gallery, the creator pages,
the merch panel and the form use.

Flow A sends an image URL, flow B a creator (their storefront), flow C one merch item
with an optional variant and quantity. Printora checks the stock of flow C; its
refusals ("Only 2 units remaining for this merch item", sold out) become sentences
for the shopper, and the merch mirror is read back so the page shows the truth.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.urls import reverse

from dreamcanvas import sql
from dreamcanvas.printora import get_client
from gallery import services as gallery_services
from gallery.models import Artwork, Creator, Merch
from printora_client import (
    APIConnectionError,
    InvalidRequestError,
    NotFoundError,
    PrintoraError,
    RateLimitError,
    ServerError,
    UnexpectedResponseError,
    new_idempotency_key,
)
from sessions_app.models import PartnerSession

logger = logging.getLogger(__name__)

REDIRECT_LIFETIME = timedelta(minutes=15)


@dataclass
class SessionStartError(Exception):
    """Printora could not start a session; ``message`` is written for the shopper."""

    status: int
    message: str
    retry_after: int | None = None

    def __str__(self) -> str:
        return self.message


@dataclass
class UnknownTarget(Exception):
    field: str
    message: str


def resolve_target(
    *, artwork: str, creator: str, merch: str, variant: str = "", colour: str = "", size: str = ""
) -> dict[str, Any]:
    """Our rows behind the endpoint's input: ``start_session``'s keyword arguments."""
    if artwork:
        # Only what the image URL needs, and no ORDER BY (first() would add the
        # model's; the slug is unique): this runs before every "Print on Product".
        rows = Artwork.objects.filter(slug=artwork).only("id", "image", "static_image")
        found = next(iter(rows.order_by()[:1]), None)
        if found is None:
            raise UnknownTarget("artwork", "That artwork does not exist.")
        return {"image_url": found.absolute_image_url, "artwork": found}
    if creator:
        shop = Creator.objects.filter(slug=creator).first()
        if shop is None:
            raise UnknownTarget("creator", "That creator does not exist.")
        return {"creator": shop}
    item = Merch.objects.select_related("creator", "artwork").filter(printora_merch_id=merch)
    found_merch = item.first()
    if found_merch is None:
        raise UnknownTarget("merch", "That merch item does not exist.")
    if not variant and (colour or size):
        chosen = found_merch.find_variant(colour, size)
        if chosen is None:
            raise UnknownTarget(
                "size", f"This item is not made in {colour or 'that colour'}, size {size or '?'}."
            )
        variant = chosen["id"]
    if variant and found_merch.variant(variant) is None:
        raise UnknownTarget("variant", "That colour and size is not available for this item.")
    return {"merch": found_merch, "variant_id": variant}


def callback_urls() -> dict[str, str]:
    return {
        "success_url": settings.APP_URL + reverse("sessions_app:callback-success"),
        "failed_url": settings.APP_URL + reverse("sessions_app:callback-failed"),
    }


def start_session(
    *,
    image_url: str = "",
    creator: Creator | None = None,
    merch: Merch | None = None,
    variant_id: str = "",
    quantity: int = 1,
    customer_email: str = "",
    customer_name: str = "",
    artwork: Artwork | None = None,
    source: str = PartnerSession.Source.GALLERY,
) -> PartnerSession:
    """Ask Printora for a partner session and keep a ``PartnerSession`` row of it:
    ``image_url`` (flow A), ``creator`` (flow B) or ``merch`` (flow C, with
    ``variant_id`` and ``quantity``), exactly one.

    Raises ``SessionStartError`` with a shopper-friendly message and the HTTP
    status our endpoint should answer with.
    """
    if sum(map(bool, (image_url, creator, merch))) != 1:
        raise ValueError("start_session needs exactly one of image_url, creator, merch")
    if merch is not None:
        mode, creator = PartnerSession.Mode.MERCH, merch.creator
    else:
        mode = PartnerSession.Mode.CREATOR if creator else PartnerSession.Mode.IMAGE
    row = PartnerSession(
        idempotency_key=new_idempotency_key(),
        mode=mode,
        image_url=image_url,
        creator=creator,
        merch=merch,
        variant_id=variant_id if merch else "",
        quantity=quantity if merch else 1,
        artwork=artwork or (merch.artwork if merch else None),
        customer_email=customer_email,
        customer_name=customer_name,
        source=source,
    )
    # Stored before the call, so a retry from another process finds its idempotency key.
    sql.insert(row)
    started = time.perf_counter()
    urls = callback_urls()
    try:
        if mode != PartnerSession.Mode.IMAGE and not (creator and creator.printora_creator_id):
            raise NotFoundError("Creator not found", status=404)
        session = get_client().create_session(
            image_url=image_url or None,
            creator_id=creator.printora_creator_id if mode == "creator" and creator else None,
            merch_id=merch.printora_merch_id if merch else None,
            variant_id=(variant_id or None) if merch else None,
            quantity=quantity if merch else None,
            user_email=customer_email or None,
            user_name=customer_name or None,
            idempotency_key=row.idempotency_key,
            success_url=urls["success_url"],
            failed_url=urls["failed_url"],
        )
        if session.redirect_url is None:
            # The client already refuses a created session without one; the model is
            # shared with read-backs, where it may be missing, so say it again here
            # (no cast) and fail the row like any reply we cannot use.
            raise UnexpectedResponseError("the created session has no redirectUrl")
    except PrintoraError as exc:
        failure = _shopper_facing(exc, mode)
        if merch is not None and failure.status == 400:
            _read_back(merch)
        row.status = PartnerSession.Status.FAILED
        row.error = str(exc)[:500]
        sql.update(row, ["status", "error"])
        _log(row, started, outcome="failed", status=failure.status)
        raise failure from exc
    row.session_id = session.session_id
    row.redirect_url = session.redirect_url
    row.redirect_expires_at = row.created + REDIRECT_LIFETIME
    row.status = PartnerSession.Status.OPEN
    sql.update(row, ["session_id", "redirect_url", "redirect_expires_at", "status"])
    _log(row, started, outcome="created", status=201)
    return row


def _read_back(merch: Merch) -> None:
    # Printora refused on stock or availability: the mirror was stale, read it back so
    # the next page shows what Printora knows. A failure here changes nothing.
    try:
        gallery_services.refresh_one(merch=merch)
    except gallery_services.PrintoraWriteError:
        logger.info("merch read-back failed merch=%s", merch.printora_merch_id)


def read_back_after_checkout(session: PartnerSession | None) -> None:
    """The shopper is back from a paid flow C checkout: the item's stock has changed at
    Printora. Read it back once (the first such return since the session started), so
    the panel and the creator page show what is left. Other shoppers' sales show when
    the studio is opened, or when Printora refuses an order on stock."""
    if session is None or session.merch is None:
        return
    if session.merch.refreshed_at < session.created:
        _read_back(session.merch)


_REMAINING = re.compile(r"only (\d+) units? remaining", re.IGNORECASE)


def _about_the_merch(exc: PrintoraError) -> SessionStartError | None:
    """Flow B and C refusals, in the shopper's words (Printora's own are terse)."""
    words = (exc.message or "").strip()
    lowered = words.lower()
    remaining = _REMAINING.search(words)
    if remaining:
        n = int(remaining.group(1))
        unit = "unit" if n == 1 else "units"
        return SessionStartError(
            400, f"Only {n} {unit} left of this limited edition: choose {n} or fewer."
        )
    if "sold out" in lowered:
        return SessionStartError(400, "Sorry, this limited edition is sold out.")
    if "variant" in lowered:
        return SessionStartError(400, "That colour and size is not available for this item.")
    if isinstance(exc, NotFoundError):
        return SessionStartError(400, "This is no longer available at Printora.")
    if isinstance(exc, InvalidRequestError) and "quantity" in lowered:
        return SessionStartError(400, "Choose a quantity from 1 to 100.")
    return None


def _shopper_facing(exc: PrintoraError, mode: str = "image") -> SessionStartError:
    if isinstance(exc, RateLimitError):
        wait = max(1, round(exc.retry_after or 30))
        return SessionStartError(
            429, f"Printora is busy right now. Please try again in {wait} s.", wait
        )
    if isinstance(exc, ServerError | APIConnectionError):
        # The message names the URL tried (never the key), e.g. a wrong port in APP_URL.
        logger.warning("Printora unavailable: %s", exc)
        return SessionStartError(
            503, "Printora is unavailable right now. Please try again in a minute."
        )
    if mode != PartnerSession.Mode.IMAGE and isinstance(exc, InvalidRequestError | NotFoundError):
        about = _about_the_merch(exc)
        if about is not None:
            return about
    if isinstance(exc, InvalidRequestError) and _about_the_image(exc):
        return SessionStartError(
            400, "This image can't be printed: Printora could not use its URL."
        )
    # Authentication, permissions, an unexpected reply: our side needs fixing.
    logger.error("Printora refused to start a session: %s", exc)
    return SessionStartError(
        502, "We couldn't reach the print service just now. Please try again later."
    )


def _about_the_image(exc: InvalidRequestError) -> bool:
    fields = {str(detail.get("field") or "") for detail in exc.details or []}
    return bool(fields & {"imageUrl", "image_url"})


def _log(row: PartnerSession, started: float, *, outcome: str, status: int) -> None:
    # key=value, one line per attempt to start a session; no emails, no keys.
    logger.info(
        "session start outcome=%s status=%s session=%s mode=%s artwork=%s merch=%s source=%s "
        "ms=%.1f",
        outcome,
        status,
        row.session_id or "-",
        row.mode,
        row.artwork_id or "-",
        row.merch_id or "-",
        row.source,
        (time.perf_counter() - started) * 1000,
    )
