"""``manage.py refresh_merch``: read every Printora creator's merch back into our mirror.

Sales by shoppers who never came back to our success page, and changes made
outside the studio, reach the mirror when this runs (e.g. from cron, every few
minutes). A creator Printora refuses is reported and the others still refreshed.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from gallery import services
from gallery.models import Creator


class Command(BaseCommand):
    help = "Refresh the merch mirror of every creator registered at Printora."

    def handle(self, *args, **options) -> None:
        failed = 0
        for creator in Creator.objects.exclude(printora_creator_id=None).order_by("name"):
            try:
                merch = services.refresh_merch(creator=creator)
            except services.PrintoraWriteError as exc:
                failed += 1
                self.stderr.write(f"{creator.name}: {exc}")
                continue
            self.stdout.write(f"{creator.name}: {len(merch)} merch item(s)")
        if failed:
            raise CommandError(f"{failed} creator(s) could not be refreshed.")
