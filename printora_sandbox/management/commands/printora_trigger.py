"""``manage.py printora_trigger EVENT``: post one realistic, signed Printora webhook.

Like ``stripe trigger``: it builds the event Printora would send, signs the exact
bytes with the webhook secret and posts them to a receiver (ours by default, or
any URL, e.g. a deployed site), then prints the reply. It needs no sandbox
order and no running sandbox: only this command's code, so any receiver can be
exercised with it.
"""

from __future__ import annotations

import uuid
from typing import Any

import requests
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from printora_client.signatures import sign
from printora_sandbox import events
from printora_sandbox.dispatcher import USER_AGENT

TIMEOUT_SECONDS = 10
REPLY_EXCERPT = 500
# The session id of an order given with --order but no --session: derived from
# the order id, so every event about that order carries the same session.
SESSION_NAMESPACE = uuid.UUID("8f5b7a52-3a0e-4c1b-9d59-6a8f3f6e2c10")


def event_type(name: str) -> str:
    """``paid`` or ``order.paid`` → ``order.paid``; anything else is a CommandError."""
    wanted = name.strip().lower()
    full = wanted if wanted.startswith("order.") else f"order.{wanted}"
    if full not in events.EVENT_TYPES:
        choices = ", ".join(events.EVENT_TYPES)
        raise CommandError(f"unknown event {name!r}: use one of {choices} (or paid, shipped…)")
    return full


def build_body(kind: str, *, order_id: str, session_id: str, snake_case: bool = False) -> bytes:
    """The exact bytes to sign and send."""
    data: dict[str, Any] = events.sample_data(kind, order_id)
    if snake_case:
        # The seed README's older form: snake_case data that also names the session.
        data = events.snake_case({**data, "sessionId": session_id})
    return events.encode(events.envelope(kind, session_id, data)).encode()


class Command(BaseCommand):
    help = (
        "Post a realistic, signed Printora webhook (order."
        + "|".join(name.removeprefix("order.") for name in events.EVENT_TYPES)
        + ") to a receiver and print its reply, like `stripe trigger`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "event",
            help=", ".join(events.EVENT_TYPES) + " (or just paid, shipped…)",
        )
        parser.add_argument("--order", help="order id (default: a new random UUID)")
        parser.add_argument(
            "--session",
            help="session id (default: derived from --order, so an order keeps one session)",
        )
        parser.add_argument(
            "--url", help="receiver URL (default: SANDBOX_WEBHOOK_URL, i.e. our own receiver)"
        )
        parser.add_argument(
            "--secret",
            help="webhook secret to sign with (default: the first of PRINTORA_WEBHOOK_SECRET)",
        )
        parser.add_argument(
            "--snake-case",
            action="store_true",
            help="send the older snake_case data (order_id, total_amount…)",
        )
        parser.add_argument(
            "--duplicate",
            action="store_true",
            help="send the very same bytes twice and print both replies",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        kind = event_type(options["event"])
        order_id = options["order"] or str(uuid.uuid4())
        session_id = options["session"] or str(uuid.uuid5(SESSION_NAMESPACE, order_id))
        url = options["url"] or settings.SANDBOX_WEBHOOK_URL
        body = build_body(
            kind, order_id=order_id, session_id=session_id, snake_case=options["snake_case"]
        )
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "x-printora-signature": self._signature(body, options["secret"]),
        }

        self.stdout.write(f"POST {url}")
        self.stdout.write(f"  {kind}  order={order_id}  session={session_id}")
        sends = 2 if options["duplicate"] else 1
        for number in range(1, sends + 1):
            response = self._post(url, body, headers)
            label = f"reply {number}: " if sends > 1 else "reply: "
            excerpt = response.text[:REPLY_EXCERPT]
            self.stdout.write(f"{label}{response.status_code} {response.reason}  {excerpt}")
            if not 200 <= response.status_code < 300:
                raise CommandError(
                    f"the receiver answered {response.status_code} {response.reason}: "
                    f"{' '.join(excerpt.split())[:200]}"
                )

    def _signature(self, body: bytes, secret: str | None) -> str:
        if secret is None:
            configured = getattr(settings, "PRINTORA_WEBHOOK_SECRETS", None) or []
            if not configured:
                raise CommandError(
                    "no webhook secret: pass --secret or set PRINTORA_WEBHOOK_SECRET"
                )
            secret = configured[0]
        try:
            return sign(body, secret)
        except ValueError:
            # Never echo the secret itself.
            raise CommandError(
                "--secret must be exactly one non-empty secret (no comma-separated list)"
            ) from None

    def _post(self, url: str, body: bytes, headers: dict[str, str]) -> requests.Response:
        try:
            # A fresh connection per request: nothing is kept alive afterwards.
            return requests.post(
                url,
                data=body,
                headers={**headers, "Connection": "close"},
                timeout=TIMEOUT_SECONDS,
            )
        except requests.RequestException as exc:
            raise CommandError(f"could not reach {url}: {type(exc).__name__}") from None
