"""``manage.py printora RESOURCE ACTION``: the Partner API from the command line.

    python manage.py printora orders list --status paid
    python manage.py printora sessions get SESSION_ID --json
    python manage.py printora webhooks resend order.paid --order ORDER_ID
    python manage.py printora creators create --name "Maya Chen"

Tables by default, ``--json`` for scripts, a progress line on stderr for long lists,
one-line errors with the API's code and message, and exit codes scripts can use
(``dreamcanvas/partner_cli.py``). It talks to whatever PRINTORA_API_URL points at:
the sandbox or the real API, through the client built in ``dreamcanvas/printora.py``.
"""

from __future__ import annotations

import logging
import sys
from argparse import Namespace
from typing import TextIO, cast

from django.core.management.base import BaseCommand

from dreamcanvas import (  # noqa: F401 (they register the subcommands)
    partner_commands,
    partner_creator_commands,
)
from dreamcanvas.partner_cli import build_parser, run
from dreamcanvas.printora import get_client


class Command(BaseCommand):
    help = "Call the Printora Partner API: sessions, orders, webhooks, catalog, creators, merch."
    requires_system_checks: list[str] = []  # a client: no need to check the site first

    def add_arguments(self, parser) -> None:
        build_parser(parser)

    def handle(self, *args, **options) -> None:
        namespace = Namespace(**options)
        # Lines are written whole; a progress line ends in "\r" on a terminal.
        self.stdout.ending = self.stderr.ending = ""
        # The client logs each attempt and retry for servers; a command prints one error
        # line instead (-v 2 shows the attempts).
        client_log = logging.getLogger("printora_client")
        level = client_log.level
        if options["verbosity"] < 2:
            client_log.setLevel(logging.CRITICAL)
        try:
            code = run(
                get_client(),
                namespace,
                out=cast(TextIO, self.stdout),  # an OutputWrapper: a TextIOBase
                err=cast(TextIO, self.stderr),
                quiet=options["verbosity"] == 0,
            )
        finally:
            client_log.setLevel(level)
        if code:
            sys.exit(code)
