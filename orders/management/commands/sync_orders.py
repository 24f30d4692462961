"""``manage.py sync_orders``: bring in the orders whose webhooks we missed."""

from __future__ import annotations

import argparse
from datetime import datetime, time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from dreamcanvas.printora import get_client
from orders.services import LISTED_STATUS_EVENT
from orders.sync import SyncSummary, sync_orders


def parse_since(value: str) -> datetime:
    """An ISO date (midnight in the site's time zone) or date-time; CommandError otherwise."""
    try:
        moment = parse_datetime(value)
        if moment is None:
            day = parse_date(value)
            if day is None:
                raise ValueError(value)
            moment = datetime.combine(day, time.min)
    except ValueError:
        raise CommandError(
            f"--since {value!r} is not an ISO date (YYYY-MM-DD) or date-time "
            "(YYYY-MM-DDTHH:MM[:SS][+HH:MM])"
        ) from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number >= 1")
    return number


class Command(BaseCommand):
    help = (
        "Page through Printora's order list and reconcile our order book with it: create "
        "orders we never heard of and bring in status changes whose webhook we missed "
        "(a status never moves backwards)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--status",
            choices=sorted(LISTED_STATUS_EVENT),
            help="only orders Printora lists with this status",
        )
        parser.add_argument("--since", help="skip orders created before this ISO date or date-time")
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would change, write nothing"
        )
        parser.add_argument(
            "--max-pages", type=positive_int, help="stop after this many pages (100 orders each)"
        )

    def handle(self, *args, **options) -> None:
        since = parse_since(options["since"]) if options["since"] else None
        tty = self.stdout.isatty()
        shown_progress = False

        def progress(summary: SyncSummary) -> None:
            nonlocal shown_progress
            line = f"page {summary.pages}: {summary.counts}"
            if tty:
                # Rewrite one line in a terminal; one line per page in a log.
                self.stdout.write(f"\r{line}", ending="")
                self.stdout.flush()
            else:
                self.stdout.write(line)
            shown_progress = True

        summary = sync_orders(
            client=get_client(),
            status=options["status"],
            since=since,
            dry_run=options["dry_run"],
            max_pages=options["max_pages"],
            progress=progress if options["verbosity"] > 0 else None,
        )
        if tty and shown_progress:
            self.stdout.write("")
        counts, *rest = summary.lines()
        style = self.style.WARNING if summary.errors or summary.stopped else self.style.SUCCESS
        self.stdout.write(style(counts))
        for line in rest:
            self.stdout.write(line)
        if summary.stopped is not None:
            raise CommandError(summary.stop_reason)
