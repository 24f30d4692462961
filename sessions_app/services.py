"""Starting a Printora session for a shopper: the one path both the gallery and the form use."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.urls import reverse

from dreamcanvas.printora import get_client
from gallery.models import Artwork
from printora_client import (
    APIConnectionError,
    InvalidRequestError,
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


def callback_urls() -> dict[str, str]:
    return {
        "success_url": settings.APP_URL + reverse("sessions_app:callback-success"),
        "failed_url": settings.APP_URL + reverse("sessions_app:callback-failed"),
    }


def start_session(
    *,
    image_url: str,
    customer_email: str = "",
    customer_name: str = "",
    artwork: Artwork | None = None,
    source: str = PartnerSession.Source.GALLERY,
) -> PartnerSession:
    """Ask Printora for a partner session and keep a ``PartnerSession`` row of it.

    Raises ``SessionStartError`` with a shopper-friendly message and the HTTP
    status our endpoint should answer with.
    """
    row = PartnerSession.objects.create(
        idempotency_key=new_idempotency_key(),
        image_url=image_url,
        artwork=artwork,
        customer_email=customer_email,
        customer_name=customer_name,
        source=source,
    )
    started = time.perf_counter()
    urls = callback_urls()
    try:
        session = get_client().create_session(
            image_url=image_url,
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
        failure = _shopper_facing(exc)
        row.status = PartnerSession.Status.FAILED
        row.error = str(exc)[:500]
        row.save(update_fields=["status", "error"])
        _log(row, started, outcome="failed", status=failure.status)
        raise failure from exc
    row.session_id = session.session_id
    row.redirect_url = session.redirect_url
    row.redirect_expires_at = row.created + REDIRECT_LIFETIME
    row.status = PartnerSession.Status.OPEN
    row.save(update_fields=["session_id", "redirect_url", "redirect_expires_at", "status"])
    _log(row, started, outcome="created", status=201)
    return row


def _shopper_facing(exc: PrintoraError) -> SessionStartError:
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
        "session start outcome=%s status=%s session=%s artwork=%s source=%s ms=%.1f",
        outcome,
        status,
        row.session_id or "-",
        row.artwork_id or "-",
        row.source,
        (time.perf_counter() - started) * 1000,
    )
