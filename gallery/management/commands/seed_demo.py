"""``manage.py seed_demo``: the demo creators and their merch, made at Printora.

In sandbox mode it runs without asking (``make run`` calls it). Against a real
Printora account it only says what it would create, unless given ``--yes``.
The sandbox is reached over HTTP like Printora; when no server is running yet
(``make run`` seeds before it starts one), the command serves the site itself on
a free local port for the duration of the run.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.core.wsgi import get_wsgi_application

from dreamcanvas.printora import get_client
from gallery import demo_seed, services
from printora_client import APIConnectionError, PrintoraClient


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args) -> None:
        pass


class Command(BaseCommand):
    help = "Register the demo creators at Printora and create their merch (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--yes", action="store_true", help="Create them at a real Printora account."
        )

    def handle(self, *args, **options) -> None:
        sandbox = bool(settings.PRINTORA_SANDBOX)
        if not sandbox:
            self.stdout.write(f"This will create, at Printora ({settings.PRINTORA_API_URL}):")
            for line in demo_seed.plan():
                self.stdout.write(f"  - {line}")
            if not options["yes"]:
                self.stdout.write("Nothing was sent. Run again with --yes to create them.")
                return
        with _sandbox_reachable(sandbox):
            try:
                report = demo_seed.seed(say=self.stdout.write, sell_out=sandbox)
            except services.PrintoraWriteError as exc:
                raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Demo merch: {len(report.created)} created, {len(report.kept)} already there, "
            f"{len(report.registered)} creators registered, {len(report.sold_out)} sold out."
        )


def _answers() -> bool:
    probe = PrintoraClient(
        settings.PRINTORA_API_KEY, settings.PRINTORA_API_URL, timeout=(1, 5), max_retries=0
    )
    try:
        probe.catalog.list_products(limit=1)
    except APIConnectionError:
        return False
    finally:
        probe.close()
    return True


@contextmanager
def _sandbox_reachable(sandbox: bool) -> Iterator[None]:
    """Serve this site on a private port when the sandbox is not answering yet."""
    if not sandbox or _answers():
        yield
        return
    server = ThreadedWSGIServer(("127.0.0.1", 0), _QuietHandler)
    # This process's own requests to itself: plain HTTP on 127.0.0.1, also in a public
    # demo whose settings want HTTPS on its public host name.
    saved = {
        name: getattr(settings, name)
        for name in ("PRINTORA_API_URL", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT")
    }
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "127.0.0.1"]
    settings.SECURE_SSL_REDIRECT = False
    settings.PRINTORA_API_URL = f"http://127.0.0.1:{server.server_port}/sandbox"
    server.set_app(get_wsgi_application())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(settings, name, value)
        get_client().close()
        server.shutdown()
        server.server_close()
