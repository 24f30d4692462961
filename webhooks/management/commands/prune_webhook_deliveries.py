from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from webhooks.models import Outcome, RejectedRequestCount, WebhookDelivery

# Failures stay longer: they are what someone will come looking for.
KEPT_LONGER = (Outcome.FAILED, Outcome.REJECTED)


class Command(BaseCommand):
    help = "Delete old webhook delivery records (failed and rejected ones are kept longer)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=30, help="keep this many days (30)")
        parser.add_argument(
            "--failed-days", type=int, default=90, help="keep failures this many days (90)"
        )
        parser.add_argument("--dry-run", action="store_true", help="count, delete nothing")

    def handle(self, *args, days: int, failed_days: int, dry_run: bool, **options) -> None:
        now = timezone.now()
        old = WebhookDelivery.objects.exclude(outcome__in=KEPT_LONGER).filter(
            received_at__lt=now - timedelta(days=days)
        )
        old_failures = WebhookDelivery.objects.filter(
            outcome__in=KEPT_LONGER, received_at__lt=now - timedelta(days=failed_days)
        )
        # Events keep their payload; only their link to the pruned delivery goes.
        counts = (old.count(), old_failures.count())
        if not dry_run:
            old.delete()
            old_failures.delete()
            # The counts of unverified requests go with the failures they count.
            RejectedRequestCount.objects.filter(
                day__lt=(now - timedelta(days=failed_days)).date()
            ).delete()
        verb = "would delete" if dry_run else "deleted"
        self.stdout.write(
            f"{verb} {counts[0]} deliveries older than {days} days and "
            f"{counts[1]} failed/rejected ones older than {failed_days} days"
        )
