"""Reconciliation with Printora: page through its order list, reconcile each order.

One loop, used by ``manage.py sync_orders`` (every page) and by the dashboard's
"Sync with Printora" button (a bounded number of pages). Each order goes through
``orders.services.reconcile_order``, the only way sync changes the order book.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import DatabaseError

from orders.services import reconcile_order
from printora_client import PartnerOrder, PrintoraClient, PrintoraError, RateLimitError
from printora_client.client import MAX_PAGE_SIZE

logger = logging.getLogger(__name__)

# How many failed orders the summary names (the count covers them all).
MAX_ERRORS_LISTED = 10


@dataclass
class SyncSummary:
    dry_run: bool = False
    since: datetime | None = None
    pages: int = 0
    seen: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: int = 0
    # Listed orders created before ``since``: not looked at.
    skipped: int = 0
    # The page limit was reached while Printora may have more orders.
    truncated: bool = False
    # The Printora error that ended the run early, if any.
    stopped: PrintoraError | None = None
    error_messages: list[str] = field(default_factory=list)

    @property
    def counts(self) -> str:
        return (
            f"seen {self.seen}, created {self.created}, updated {self.updated}, "
            f"unchanged {self.unchanged}, errors {self.errors}"
        )

    @property
    def stop_reason(self) -> str | None:
        """One line saying why the run ended early; None when it did not."""
        error = self.stopped
        if error is None:
            return None
        if isinstance(error, RateLimitError):
            wait = error.retry_after
            when = "later" if wait is None else f"in {math.ceil(wait)} s"
            return f"stopped: Printora's rate limit (retry {when})"
        return "stopped: " + " ".join(str(error).split())

    def lines(self) -> list[str]:
        """The summary as printed: counts first, then what qualifies them."""
        lines = [self.counts]
        if self.skipped:
            lines.append(f"skipped {self.skipped} created before {self.since:%Y-%m-%d %H:%M %Z}")
        if self.truncated:
            lines.append(f"stopped after {self.pages} pages: Printora may list more orders")
        lines.extend(f"error: {message}" for message in self.error_messages)
        if self.errors > len(self.error_messages):
            lines.append(f"error: … and {self.errors - len(self.error_messages)} more")
        if self.dry_run:
            lines.append("dry run: nothing was written")
        return lines


def sync_orders(
    *,
    client: PrintoraClient,
    status: str | None = None,
    since: datetime | None = None,
    dry_run: bool = False,
    max_pages: int | None = None,
    page_size: int = MAX_PAGE_SIZE,
    progress: Callable[[SyncSummary], object] | None = None,
) -> SyncSummary:
    """Reconcile every order Printora lists (``status`` filters on its side).

    Orders created before ``since`` are skipped (one without a creation time is
    looked at). ``progress`` is called with the running summary after each page.
    A ``PrintoraError`` (rate limit left after the client's own retries, bad
    key, outage…) ends the run: it is in ``summary.stopped``, never raised, so
    the caller reports what was done. A listed order that cannot be reconciled
    counts as an error and the run goes on.

    Pages are read with ``list_orders`` rather than ``iter_orders`` so pages can
    be counted and capped; the loop stops as ``iter_orders`` does (an empty page,
    or ``total`` reached), advancing by what came back.
    """
    summary = SyncSummary(dry_run=dry_run, since=since)
    offset = 0
    while True:
        if max_pages is not None and summary.pages >= max_pages:
            summary.truncated = True
            break
        try:
            page = client.list_orders(limit=page_size, offset=offset, status=status)
        except PrintoraError as error:
            logger.warning("sync_orders stopped at offset %d: %r", offset, error)
            summary.stopped = error
            break
        summary.pages += 1
        for listed in page.orders:
            _reconcile(listed, summary)
        if progress is not None:
            progress(summary)
        offset += len(page.orders)
        if not page.orders or (page.total is not None and offset >= page.total):
            break
    logger.info("sync_orders: %s%s", summary.counts, " (dry run)" if dry_run else "")
    return summary


def _reconcile(listed: PartnerOrder, summary: SyncSummary) -> None:
    since = summary.since
    if since is not None and listed.created_at is not None and listed.created_at < since:
        summary.skipped += 1
        return
    summary.seen += 1
    try:
        outcome = reconcile_order(listed=listed, dry_run=summary.dry_run)
    except (ValueError, DatabaseError) as error:
        # ValueError covers UnreconcilableOrderError and pydantic's ValidationError.
        # Only the type and order id are logged: messages may quote customer data.
        logger.warning(
            "sync_orders could not reconcile order %s: %s", listed.order_id, type(error).__name__
        )
        summary.errors += 1
        if len(summary.error_messages) < MAX_ERRORS_LISTED:
            summary.error_messages.append(_error_line(listed, error))
        return
    setattr(summary, outcome, getattr(summary, outcome) + 1)


def _error_line(listed: PartnerOrder, error: Exception) -> str:
    text = " ".join(str(error).split())
    if len(text) > 200:
        text = text[:199] + "…"
    if listed.order_id not in text:
        text = f"order {listed.order_id}: {text}"
    return text
