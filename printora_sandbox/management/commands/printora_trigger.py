"""``manage.py printora_trigger EVENT``: post realistic, signed Printora webhooks.

Like ``stripe trigger``: it builds the event Printora would send, signs the exact
bytes with the webhook secret and posts them to a receiver (ours by default, or
any URL, e.g. a deployed site), then prints the reply. It needs no sandbox
order and no running sandbox: only this command's code, so any receiver can be
exercised with it.

``--set field=value`` and ``--data FILE`` change the event's ``data``;
``--scenario`` sends several events about one order: ``lifecycle`` (created,
paid, shipped, delivered, with timestamps minutes and hours apart, as a real
order gets them), ``out-of-order`` (the same, newest first) and ``duplicate``
(one event twice).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import requests
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from printora_client.signatures import sign
from printora_sandbox import events
from printora_sandbox.dispatcher import USER_AGENT

TIMEOUT_SECONDS = 10
REPLY_EXCERPT = 500
# The session id of an order given with --order but no --session: derived from
# the order id, so every event about that order carries the same session.
SESSION_NAMESPACE = uuid.UUID("8f5b7a52-3a0e-4c1b-9d59-6a8f3f6e2c10")

# When each event of a lifecycle happens, after the checkout: paid within minutes,
# shipped the next day, delivered two days later. The last one is a few minutes ago.
LIFECYCLE = (
    (events.CREATED, timedelta(0)),
    (events.PAID, timedelta(minutes=4, seconds=12)),
    (events.SHIPPED, timedelta(hours=19, minutes=37)),
    (events.DELIVERED, timedelta(days=2, hours=3, minutes=8)),
)
LIFECYCLE_ENDS_BEFORE_NOW = timedelta(minutes=6)
# The data field that holds each event's own time (the envelope's timestamp too).
TIME_FIELDS = {
    events.CREATED: ("createdAt",),
    events.PAID: ("paidAt",),
    events.SHIPPED: ("shippedAt",),
    events.DELIVERED: ("deliveredAt",),
    events.CANCELLED: ("cancelledAt",),
}
SCENARIOS = ("lifecycle", "out-of-order", "duplicate")


def event_type(name: str) -> str:
    """``paid`` or ``order.paid`` → ``order.paid``; anything else is a CommandError."""
    wanted = name.strip().lower()
    full = wanted if wanted.startswith("order.") else f"order.{wanted}"
    if full not in events.EVENT_TYPES:
        choices = ", ".join(events.EVENT_TYPES)
        raise CommandError(f"unknown event {name!r}: use one of {choices} (or paid, shipped…)")
    return full


# --- Changing the data: --data FILE and --set field=value -------------------------------


def parse_assignment(text: str) -> tuple[list[str], Any]:
    """``shippingAddress.city=Paris`` → (["shippingAddress", "city"], "Paris").

    The value is JSON when it parses as JSON (``12.5``, ``null``, ``true``,
    ``{"a": 1}``, ``"007"``), else the text as given.
    """
    path, sep, raw = text.partition("=")
    keys = path.strip().split(".")
    if not sep or not all(key.strip() for key in keys):
        raise CommandError(f"--set {text!r}: expected field=value, e.g. totalAmount=12.5")
    try:
        value = json.loads(raw)
    except ValueError:
        value = raw
    return [key.strip() for key in keys], value


def set_path(data: dict[str, Any], keys: Sequence[str], value: Any) -> None:
    """Set ``value`` at a dotted path, creating missing objects; a number indexes a list."""
    target: Any = data
    for depth, key in enumerate(keys):
        last = depth == len(keys) - 1
        if isinstance(target, list):
            index = int(key) if key.lstrip("-").isdigit() else None
            if index is None or not -len(target) <= index < len(target):
                where = ".".join(keys[: depth + 1])
                raise CommandError(f"--set {where}: no item {key!r} in that list")
            if last:
                target[index] = value
            else:
                target = target[index]
            continue
        if not isinstance(target, dict):
            where = ".".join(keys[:depth])
            raise CommandError(f"--set {'.'.join(keys)}: {where} is not an object")
        if last:
            target[key] = value
        else:
            if target.get(key) is None:
                target[key] = {}
            target = target[key]


def merge(data: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """``extra`` over ``data``; objects are merged key by key, anything else replaced."""
    merged = dict(data)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def read_data_file(path: str) -> dict[str, Any]:
    try:
        loaded = json.loads(Path(path).read_text())
    except OSError as exc:
        raise CommandError(f"--data {path}: {exc.strerror or type(exc).__name__}") from None
    except ValueError as exc:
        raise CommandError(f"--data {path}: not JSON ({' '.join(str(exc).split())})") from None
    if not isinstance(loaded, dict):
        raise CommandError(f'--data {path}: must hold a JSON object, e.g. {{"totalAmount": 9}}')
    return loaded


@dataclass(frozen=True)
class Changes:
    """What ``--data`` and ``--set`` change in every event's ``data``, in that order."""

    extra: dict[str, Any]
    assignments: Sequence[tuple[list[str], Any]]

    def apply(self, data: dict[str, Any]) -> dict[str, Any]:
        data = merge(data, self.extra)
        for keys, value in self.assignments:
            set_path(data, keys, value)
        return data


# --- Building the events -------------------------------------------------------------


@dataclass(frozen=True)
class Planned:
    kind: str
    body: bytes
    at: datetime


def build_body(
    kind: str,
    *,
    order_id: str,
    session_id: str,
    snake_case: bool = False,
    times: dict[str, datetime] | None = None,
    changes: Changes | None = None,
) -> bytes:
    """The exact bytes to sign and send.

    ``times`` says when each event of the order happened so far (default: this
    one, now); the envelope's timestamp is this event's, and the data's time
    fields (``createdAt``, ``paidAt``…) are those of the events they belong to.
    """
    times = times or {kind: timezone.now()}
    data: dict[str, Any] = events.sample_data(kind, order_id)
    for earlier, moment in times.items():
        for name in TIME_FIELDS.get(earlier, ()):
            if name in data or earlier == kind:
                data[name] = events.iso(moment)
    data["orderNumber"] = order_number(order_id, min(times.values()))
    if snake_case:
        # The seed README's older form: snake_case data that also names the session.
        data = events.snake_case({**data, "sessionId": session_id})
    if changes is not None:
        # After the spelling: --set names the fields as they are sent.
        data = changes.apply(data)
    return events.encode(events.envelope(kind, session_id, data, timestamp=times[kind])).encode()


def order_number(order_id: str, at: datetime) -> str:
    # One number per order id, so every event about the order carries the same one.
    digits = uuid.uuid5(SESSION_NAMESPACE, "number:" + order_id).int % 1_000_000
    return f"SBX-{at:%Y}-{digits:06d}"


def lifecycle_times(now: datetime) -> list[tuple[str, datetime]]:
    start = now - LIFECYCLE_ENDS_BEFORE_NOW - LIFECYCLE[-1][1]
    return [(kind, start + offset) for kind, offset in LIFECYCLE]


def plan(
    scenario: str | None,
    event: str | None,
    build: Callable[[str, dict[str, datetime]], bytes],
    now: datetime,
) -> list[Planned]:
    """The events to send, in sending order."""
    if scenario in ("lifecycle", "out-of-order"):
        if event is not None:
            raise CommandError(f"--scenario {scenario} sends its own events: leave out {event!r}")
        steps = lifecycle_times(now)
        # Each event carries the times of the events before it (paidAt on shipped…).
        planned = [
            Planned(kind, build(kind, dict(steps[: number + 1])), at)
            for number, (kind, at) in enumerate(steps)
        ]
        return planned[::-1] if scenario == "out-of-order" else planned
    kind = event_type(event or ("paid" if scenario == "duplicate" else ""))
    one = Planned(kind, build(kind, {kind: now}), now)
    return [one, one] if scenario == "duplicate" else [one]


class Command(BaseCommand):
    help = (
        "Post realistic, signed Printora webhooks to a receiver and print its replies, "
        "like `stripe trigger`: one EVENT, or a --scenario."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "event",
            nargs="?",
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
            help="send each event's very same bytes twice and print both replies",
        )
        parser.add_argument(
            "--set",
            dest="assignments",
            action="append",
            default=[],
            metavar="FIELD=VALUE",
            help="change one field of data (dotted path, e.g. shippingAddress.city=Paris; "
            "the value is JSON when it parses as JSON); repeatable",
        )
        parser.add_argument(
            "--data", metavar="FILE", help="a JSON object merged into data (before --set)"
        )
        parser.add_argument(
            "--scenario",
            choices=SCENARIOS,
            help="lifecycle: created, paid, shipped, delivered hours apart; out-of-order: "
            "the same, newest first; duplicate: EVENT (default paid) twice",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["event"] is None and options["scenario"] is None:
            raise CommandError("name an EVENT (e.g. paid) or a --scenario")
        changes = Changes(
            extra=read_data_file(options["data"]) if options["data"] else {},
            assignments=[parse_assignment(text) for text in options["assignments"]],
        )
        order_id = options["order"] or str(uuid.uuid4())
        session_id = options["session"] or str(uuid.uuid5(SESSION_NAMESPACE, order_id))
        url = options["url"] or settings.SANDBOX_WEBHOOK_URL
        secret = self._secret(options["secret"])

        def build(kind: str, times: dict[str, datetime]) -> bytes:
            return build_body(
                kind,
                order_id=order_id,
                session_id=session_id,
                snake_case=options["snake_case"],
                times=times,
                changes=changes,
            )

        planned = plan(options["scenario"], options["event"], build, timezone.now())
        self.stdout.write(f"POST {url}")
        self.stdout.write(f"  order={order_id}  session={session_id}")
        repeat = 2 if options["duplicate"] else 1
        sends = [item for item in planned for _ in range(repeat)]
        for number, item in enumerate(sends, start=1):
            self._send(url, item, secret, f"reply {number}: " if len(sends) > 1 else "reply: ")

    def _send(self, url: str, item: Planned, secret: str, label: str) -> None:
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "x-printora-signature": self._sign(item.body, secret),
        }
        response = self._post(url, item.body, headers)
        excerpt = response.text[:REPLY_EXCERPT]
        self.stdout.write(f"  {item.kind}  at {events.iso(item.at)}")
        self.stdout.write(f"{label}{response.status_code} {response.reason}  {excerpt}")
        if not 200 <= response.status_code < 300:
            raise CommandError(
                f"the receiver answered {response.status_code} {response.reason}: "
                f"{' '.join(excerpt.split())[:200]}"
            )

    def _secret(self, secret: str | None) -> str:
        if secret is None:
            configured = getattr(settings, "PRINTORA_WEBHOOK_SECRETS", None) or []
            if not configured:
                raise CommandError(
                    "no webhook secret: pass --secret or set PRINTORA_WEBHOOK_SECRET"
                )
            secret = configured[0]
        self._sign(b"", secret)  # a bad secret stops us before anything is sent
        return secret

    def _sign(self, body: bytes, secret: str) -> str:
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
