"""Server time of the orders dashboard on a large, realistic order book (PostgreSQL).

    .venv/bin/python bench/dashboard.py [--orders 100000] [--runs 30] [--warmup 5]
        [--captured 5] [--status shipped] [--slow-ms 10] [--no-what-if] [--profile]
        [--keep] [--seed N] [--sample 300]

1. Drops and recreates the PostgreSQL database ``dreamcanvas_bench_dashboard`` on
   127.0.0.1:5432 (user postgres), migrates it, and fills it with ``--orders``
   orders (default 100,000) placed over the last year, the webhook events that built
   each of them, the webhook deliveries of the last 30 days (90 for failures) and the
   partner sessions they came from: four PostgreSQL ``COPY`` streams (psycopg 3) fed
   while the rows are generated, then ``VACUUM (ANALYZE)``. A sample of orders is
   checked against ``orders.services._project`` (each order is what the
   application's own projection makes of its stored events).
2. With production-like settings (``DEBUG=false``, a random ``SECRET_KEY``, no
   sandbox, ``DASHBOARD_PUBLIC=true``, HTTPS redirect on, hashed static files from a
   private ``collectstatic``) it times in-process, with Django's test ``Client``
   over HTTPS, the list page (unfiltered, filtered by ``--status``, searched by a
   returning customer's email), the richest recent order's page and the live
   endpoint (cursor ~10 changes back; and unchanged, answered 304): ``--runs`` timed
   requests after ``--warmup`` ones, median and p95 wall time, then ``--captured``
   requests with their queries captured (``CaptureQueriesContext``): count and time.
   Target: a median ≤ 30 ms for each page.
3. Every query slower than ``--slow-ms`` (median) is printed with the top of its
   ``EXPLAIN (ANALYZE, BUFFERS)`` plan and notes on what it reads.
4. What-if (unless ``--no-what-if``): creates the indexes this bench suggests in the
   throwaway database (through Django's schema editor, from the ``models.Index``
   definitions it prints) and times every page again. No model, migration or view
   of the project is touched.
5. Drops the database (unless ``--keep``).

A measurement, not a test: a missed target is printed, not turned into an exit
status (1 only when the bench could not run). Bounded and local: one database on
127.0.0.1, nothing leaves the machine. See bench/README.md.
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import dataclasses
import datetime as dt
import hashlib
import heapq
import itertools
import json
import logging
import math
import os
import platform
import random
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PG_HOST, PG_PORT = "127.0.0.1", 5432
PG_ADMIN_URL = f"postgres://postgres@{PG_HOST}:{PG_PORT}/postgres"
BENCH_DATABASE = "dreamcanvas_bench_dashboard"
DATABASE_URL = f"postgres://postgres@{PG_HOST}:{PG_PORT}/{BENCH_DATABASE}"
SERVER_NAME = "testserver"

TARGET_MEDIAN_MS = 30.0  # from the issue, for PostgreSQL

# --------------------------------------------------------------------------- the data

# Life cycles of an order and how often each occurs. Events later than "now" have
# not happened yet, so recent orders are still pending, paid or shipped.
LIFECYCLES: list[tuple[tuple[str, ...], int]] = [
    (("order.created", "order.paid", "order.shipped", "order.delivered"), 77),
    # Refunded after delivery: the status stays delivered, the payment is refunded.
    (("order.created", "order.paid", "order.shipped", "order.delivered", "order.cancelled"), 2),
    (("order.created", "order.paid", "order.shipped"), 2),  # never scanned as delivered
    (("order.created", "order.paid", "order.cancelled"), 6),  # refunded before shipping
    (("order.created", "order.cancelled"), 5),  # checkout voided
    (("order.created",), 8),  # checkout abandoned: pending for ever
]
STATUS_OF_EVENT = {
    "order.created": ("pending", 0),
    "order.paid": ("paid", 1),
    "order.shipped": ("shipped", 2),
    "order.cancelled": ("cancelled", 3),
    "order.delivered": ("delivered", 4),
}
PRODUCTS = [
    ("Canvas Print - 16x20", 13.99),
    ("Canvas Print - 24x36", 29.99),
    ("Framed Poster - A3", 24.5),
    ("Framed Poster - A2", 34.0),
    ("Premium T-Shirt", 19.0),
    ("Hoodie", 39.95),
    ("Ceramic Mug - 11oz", 9.99),
    ("Throw Pillow - 18x18", 22.0),
    ("Phone Case", 15.49),
    ("Tote Bag", 14.0),
    ("Metal Print - 12x12", 44.0),
    ("Sticker Sheet", 4.5),
]
VARIANTS = [None, None, "Black", "White", "M", "L", "XL", "Matte", "Glossy"]
CURRENCIES = [("USD", 72), ("EUR", 12), ("GBP", 9), ("CAD", 7)]
FIRST_NAMES = [
    "John",
    "Maria",
    "Wei",
    "Aisha",
    "Lucas",
    "Sofia",
    "Kenji",
    "Amara",
    "Noah",
    "Ines",
    "Olivia",
    "Liam",
    "Emma",
    "Mateo",
    "Chloe",
    "Arjun",
    "Priya",
    "Hannah",
    "Jonas",
    "Elif",
    "Mohammed",
    "Fatima",
    "Diego",
    "Camila",
    "Yuki",
    "Sven",
    "Nora",
    "Omar",
    "Leila",
    "Grace",
    "Ethan",
    "Zoe",
    "Pierre",
    "Amelie",
    "Tomasz",
    "Ana",
    "Kwame",
    "Ama",
    "Ravi",
    "Mei",
]
LAST_NAMES = [
    "Doe",
    "García",
    "Chen",
    "Okafor",
    "Martin",
    "Rossi",
    "Sato",
    "Nowak",
    "Silva",
    "Berg",
    "Smith",
    "Johnson",
    "Müller",
    "Dubois",
    "Kowalski",
    "Nguyen",
    "Kim",
    "Patel",
    "Singh",
    "Haddad",
    "Cohen",
    "Jensen",
    "Larsen",
    "Ivanova",
    "Costa",
    "Ferreira",
    "O'Brien",
    "Murphy",
    "Schmidt",
    "Fischer",
    "Tanaka",
    "Yamamoto",
    "Mensah",
    "Adeyemi",
    "Rahman",
    "Ali",
    "Lopez",
    "Herrera",
    "Andersson",
    "Novak",
]
MAIL_DOMAINS = [
    ("gmail.com", 45),
    ("yahoo.com", 10),
    ("outlook.com", 10),
    ("icloud.com", 9),
    ("hotmail.com", 6),
    ("proton.me", 4),
    ("gmx.de", 4),
    ("orange.fr", 3),
    ("example.org", 9),
]
ADDRESSES = {
    "USD": [
        ("San Francisco", "CA", "941", "United States"),
        ("Austin", "TX", "787", "United States"),
        ("Brooklyn", "NY", "112", "United States"),
        ("Seattle", "WA", "981", "United States"),
        ("Chicago", "IL", "606", "United States"),
    ],
    "EUR": [
        ("Berlin", "", "101", "Germany"),
        ("Paris", "", "750", "France"),
        ("Madrid", "", "280", "Spain"),
        ("Amsterdam", "", "101", "Netherlands"),
    ],
    "GBP": [("London", "", "EC1", "United Kingdom"), ("Manchester", "", "M1 ", "United Kingdom")],
    "CAD": [("Toronto", "ON", "M5V", "Canada"), ("Vancouver", "BC", "V6B", "Canada")],
}
STREETS = ["Main St", "Oak Ave", "Market St", "Pine Rd", "Elm St", "Harbour Way", "High St"]
CARRIERS = [
    ("UPS", "https://www.ups.com/track?tracknum="),
    ("USPS", "https://tools.usps.com/go/TrackConfirmAction?tLabels="),
    ("DHL", "https://www.dhl.com/track?id="),
    ("Royal Mail", "https://www.royalmail.com/track-your-item#/tracking-results/"),
]
CREATORS = [
    {"id": "5b0e0c1e-8d55-4a7b-9d7e-2f0b8f6c1a11", "name": "Anya Artwork", "slug": "anya-artwork"},
    {"id": "9c7d4a10-2b3e-4f5a-8b6c-7d8e9f0a1b2c", "name": "Neon Fox", "slug": "neon-fox"},
    {"id": "1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b", "name": "Studio Kumo", "slug": "studio-kumo"},
    None,
    None,
]
USER_AGENT = "Printora-Webhooks/1.0"
RETURNING_CUSTOMERS = 0.25
DELIVERY_DAYS = 30  # prune_webhook_deliveries' defaults
FAILED_DELIVERY_DAYS = 90
NULL = "\\N"  # COPY's NULL
PRINTORA_STATUS = {
    "order.created": "pending",
    "order.paid": "processing",
    "order.shipped": "shipped",
    "order.delivered": "delivered",
    "order.cancelled": "cancelled",
}

# Every line below is built with f-strings from JSON fragments, not json.dumps and
# a generic COPY escaper: it is the difference between ~15 s and ~60 s of Python for
# 100,000 orders. That is safe because no text the bench writes needs escaping,
# in JSON or in COPY (checked here), and correct because a sample of the result is
# compared with what the application's own projection makes of the stored events.
_UNSAFE = ('"', "\\", "\t", "\n", "\r")


def _plain(*texts: Any) -> None:
    for text in texts:
        if isinstance(text, str) and any(c in text for c in _UNSAFE):
            raise AssertionError(f"{text!r} would need escaping")


_plain(
    *(name for name, _ in PRODUCTS),
    *(v for v in VARIANTS if v),
    *FIRST_NAMES,
    *LAST_NAMES,
    *(d for d, _ in MAIL_DOMAINS),
    *(x for rows in ADDRESSES.values() for row in rows for x in row),
    *STREETS,
    *(x for row in CARRIERS for x in row),
    *(v for c in CREATORS if c for v in c.values()),
)


def js(value: str | float | None) -> str:
    """A JSON scalar (the bench's strings never need escaping, see ``_plain``)."""
    if value is None:
        return "null"
    if isinstance(value, str):
        return f'"{value}"'
    return repr(value)


def js_object(pairs: Sequence[tuple[str, str]]) -> str:
    """A JSON object from (key, JSON value) pairs."""
    return "{" + ",".join(f'"{key}":{value}' for key, value in pairs) + "}"


def times(moment: dt.datetime) -> tuple[str, str, str]:
    """One instant (whole milliseconds, UTC) three ways: for COPY (ISO 8601), as
    Printora writes it (milliseconds and a Z), as pydantic dumps it in JSON mode."""
    iso = moment.isoformat()
    if moment.microsecond:
        return iso, iso[:23] + "Z", iso[:26] + "Z"
    return iso, iso[:19] + ".000Z", iso[:19] + "Z"


CREATOR_JSON = [
    js_object([(k, js(v)) for k, v in creator.items()]) if creator else "null"
    for creator in CREATORS
]


def copy_value(value: Any) -> str:
    """One field of PostgreSQL's COPY text format (the rarely used, generic way)."""
    if value is None:
        return NULL
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return "\\\\x" + value.hex()
    if isinstance(value, dict | list):
        value = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = str(value)
    for char, escaped in (("\\", "\\\\"), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r")):
        text = text.replace(char, escaped)
    return text


def copy_line(values: Sequence[Any]) -> str:
    return "\t".join(copy_value(v) for v in values) + "\n"


class Writer(Protocol):
    def write(self, text: str, /) -> Any: ...


class Event:
    """One stored webhook event, waiting (in a heap) for its turn to be written."""

    __slots__ = (
        "duplicates",
        "failed_first",
        "order_id",
        "order_pk",
        "payload",
        "received_at",
        "session_id",
        "timestamp",
        "timestamp_iso",
        "type",
    )

    def __init__(
        self,
        *,
        type: str,
        timestamp: dt.datetime,
        timestamp_iso: str,
        received_at: dt.datetime,
        payload: str,
        order_pk: int,
        order_id: str,
        session_id: str,
        failed_first: bool = False,
        duplicates: int = 0,
    ) -> None:
        self.type = type
        self.timestamp = timestamp  # the envelope's, Printora's clock
        self.timestamp_iso = timestamp_iso
        self.received_at = received_at  # when the delivery that stored it came in
        self.payload = payload  # the envelope, as JSON
        self.order_pk = order_pk
        self.order_id = order_id
        self.session_id = session_id
        self.failed_first = failed_first  # first delivery got a 500, the retry applied it
        self.duplicates = duplicates  # later deliveries answered "duplicate"


@dataclasses.dataclass
class Customer:
    email: str
    first: str
    last: str
    phone: str | None
    street: str
    apartment: str | None
    zip_suffix: int
    json: str = ""  # the envelope's "customer" object
    orders: int = 0


@dataclasses.dataclass
class FillCounts:
    orders: int = 0
    events: int = 0
    deliveries: int = 0
    sessions: int = 0
    by_status: Counter = dataclasses.field(default_factory=Counter)
    by_currency: Counter = dataclasses.field(default_factory=Counter)
    deliveries_by_outcome: Counter = dataclasses.field(default_factory=Counter)


class OrderBook:
    """Generates the order book as COPY lines, every order consistent with its events.

    Orders come in the order they were placed; events and deliveries come out in the
    order they were received (a heap holds the events of orders still in progress),
    so ids grow with time in every table, as they would in production.
    """

    def __init__(
        self, *, orders: int, seed: int, now: dt.datetime, artwork_ids: Sequence[int]
    ) -> None:
        self.count = orders
        self.rng = random.Random(seed)
        self.now = now
        self.artwork_ids = list(artwork_ids)
        self.counts = FillCounts()
        rng = self.rng
        # A quarter of the orders come from returning customers (any earlier one,
        # equally likely): most customers order once, the earliest up to ~10 times.
        self.customers: list[Customer] = []
        self.lifecycles = [events for events, _ in LIFECYCLES]
        self.lifecycle_weights = list(itertools.accumulate(w for _, w in LIFECYCLES))
        self.currency_weights = list(itertools.accumulate(w for _, w in CURRENCIES))
        self.domain_weights = list(itertools.accumulate(w for _, w in MAIL_DOMAINS))
        span = 365 * 86400
        starts = sorted(rng.random() * span for _ in range(orders))
        self.year_ago = now - dt.timedelta(seconds=span)
        self.placed = [self._ms(self.year_ago + dt.timedelta(seconds=s)) for s in starts]
        self.pending: list[tuple[dt.datetime, int, Event]] = []
        self.sequence = itertools.count()
        self.event_pk = 0
        self.delivery_pk = 0
        self.session_pk = 0
        self.delivery_from = now - dt.timedelta(days=DELIVERY_DAYS)
        self.failure_from = now - dt.timedelta(days=FAILED_DELIVERY_DAYS)
        self.secret = secrets.token_bytes(32)

    @staticmethod
    def _ms(moment: dt.datetime) -> dt.datetime:
        return moment.replace(microsecond=moment.microsecond // 1000 * 1000)

    def _uuid(self) -> str:
        h = f"{self.rng.getrandbits(128):032x}"
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-{h[20:]}"

    # random.choice and randint cost ~5x more, and there are ~25 draws per order.
    def _choice(self, seq: Sequence[Any]) -> Any:
        return seq[int(self.rng.random() * len(seq))]

    def _randint(self, low: int, high: int) -> int:
        return low + int(self.rng.random() * (high - low + 1))

    def _pick(self, cumulative: list[int]) -> int:
        return bisect.bisect_right(cumulative, self.rng.random() * cumulative[-1])

    def _customer(self, k: int) -> Customer:
        first, last = self._choice(FIRST_NAMES), self._choice(LAST_NAMES)
        domain = MAIL_DOMAINS[self._pick(self.domain_weights)][0]
        plain_last = (
            last.lower().replace("'", "").replace("í", "i").replace("ü", "ue").replace("ç", "c")
        )
        local = self._choice(
            (
                f"{first.lower()}.{plain_last}",
                f"{first.lower()}{plain_last}",
                f"{first[0].lower()}.{plain_last}",
                f"{first.lower()}_{plain_last}",
            )
        )
        customer = Customer(
            email=f"{local}{k}@{domain}",
            first=first,
            last=last,
            phone=self._choice((None, None, f"+1 415 555 {self._randint(1000, 9999)}")),
            street=f"{self._randint(1, 999)} {self._choice(STREETS)}",
            apartment=self._choice(
                (None, None, "", f"Apt {self._randint(1, 30)}{self._choice('ABCD')}")
            ),
            zip_suffix=self._randint(10, 99),
        )
        customer.json = js_object(
            [
                ("email", js(customer.email)),
                ("phone", js(customer.phone)),
                ("firstName", js(first)),
                ("lastName", js(last)),
            ]
        )
        return customer

    # ----------------------------------------------------------------------- output

    def generate(
        self, orders: Writer, events: Writer, deliveries: Writer, sessions: Writer
    ) -> None:
        """Writes every table's COPY lines, each table in id order."""
        push = heapq.heappush
        for index, placed in enumerate(self.placed):
            if self.pending and self.pending[0][0] <= placed:
                self._flush_events_until(placed, events, deliveries)
            order_line, order_events, session_line = self._order(index + 1, placed)
            orders.write(order_line)
            sessions.write(session_line)
            if self.rng.random() < 0.3:  # a session that never became an order
                sessions.write(self._session_line(self._uuid(), placed, None, None))
            for event in order_events:
                push(self.pending, (event.received_at, next(self.sequence), event))
        self._flush_events_until(None, events, deliveries)

    def _flush_events_until(
        self, moment: dt.datetime | None, events: Writer, deliveries: Writer
    ) -> None:
        pending = self.pending
        lines = []
        while pending and (moment is None or pending[0][0] <= moment):
            event = heapq.heappop(pending)[2]
            self.event_pk += 1
            delivery_pk = (
                self._deliveries(event, deliveries)
                if event.received_at >= self.failure_from
                else None
            )
            lines.append(
                f"{self.event_pk}\t{event.order_pk}\t{event.session_id}\t{event.type}\t"
                f"{event.timestamp_iso}\t{event.received_at.isoformat()}\t"
                f"{event.payload}\t{NULL if delivery_pk is None else delivery_pk}\n"
            )
        self.counts.events += len(lines)
        events.write("".join(lines))

    def _deliveries(self, event: Event, deliveries: Writer) -> int | None:
        """The ``WebhookDelivery`` rows of a recent event; the id of the one that applied it."""
        received = event.received_at
        delivery_pk = None
        if event.failed_first and received >= self.failure_from + dt.timedelta(minutes=2):
            # The first try failed (a transient database error); Printora retried a
            # minute later and that one applied the event.
            self._delivery(
                deliveries,
                received - dt.timedelta(minutes=1, seconds=self.rng.random()),
                event,
                outcome="failed",
                status=500,
                detail="OperationalError: could not serialize access due to concurrent update",
            )
        if received >= self.delivery_from:
            delivery_pk = self._delivery(deliveries, received, event, outcome="applied", status=200)
            for n in range(event.duplicates):
                later = received + dt.timedelta(minutes=1 + 4 * n, seconds=self.rng.random())
                if later < self.now:
                    self._delivery(deliveries, later, event, outcome="duplicate", status=200)
        if self.rng.random() < 0.004:
            # Someone posting with a stale secret: rejected, body kept (up to 4 KB).
            self._delivery(
                deliveries,
                received + dt.timedelta(seconds=30 + 600 * self.rng.random()),
                event,
                outcome="rejected",
                status=401,
                detail="signature does not match",
                signature_valid=False,
            )
        return delivery_pk

    def _delivery(
        self,
        deliveries: Writer,
        received: dt.datetime,
        event: Event,
        *,
        outcome: str,
        status: int,
        detail: str = "",
        signature_valid: bool = True,
    ) -> int:
        self.delivery_pk += 1
        raw = event.payload.encode()
        signature = "sha256=" + hashlib.sha256(self.secret + raw).hexdigest()
        headers = {
            "Content-Type": "application/json",
            "Content-Length": str(len(raw)),
            "User-Agent": USER_AGENT,
            "X-Printora-Signature": signature
            if signature_valid
            else "sha256=" + secrets.token_hex(32),
            "X-Request-Id": self._uuid(),
        }
        deliveries.write(
            copy_line(
                (
                    self.delivery_pk,
                    received,
                    f"34.120.{self._randint(0, 255)}.{self._randint(1, 254)}",
                    headers,
                    raw,
                    len(raw),
                    False,
                    signature_valid,
                    outcome,
                    detail,
                    status,
                    event.type,
                    event.session_id,
                    event.order_id,
                    round(3 + self.rng.random() * 20, 2),
                    None,
                )
            )
        )
        self.counts.deliveries += 1
        self.counts.deliveries_by_outcome[outcome] += 1
        return self.delivery_pk

    def _session_line(
        self,
        session_id: str,
        placed: dt.datetime,
        customer: Customer | None,
        image_url: str | None,
    ) -> str:
        rng = self.rng
        self.session_pk += 1
        self.counts.sessions += 1
        created = placed - dt.timedelta(minutes=1 + rng.random() * 30)
        expires = created + dt.timedelta(hours=24)
        artwork = (
            self._choice(self.artwork_ids) if self.artwork_ids and rng.random() < 0.8 else None
        )
        email = name = ""
        if artwork is None and customer is not None:  # the create-session form asks for them
            email, name = customer.email, f"{customer.first} {customer.last}"
        image = image_url or f"https://dreamcanvas.example/media/art/s{self.session_pk}.jpg"
        return (
            f"{self.session_pk}\t{rng.getrandbits(128):032x}\t{session_id}\t"
            f"https://printora.ai/editor/{session_id}\t{image}\t"
            f"{NULL if artwork is None else artwork}\t{email}\t{name}\t"
            f"{'form' if artwork is None else 'gallery'}\topen\t\t"
            f"{created.isoformat()}\t{expires.isoformat()}\n"
        )

    # ----------------------------------------------------------------------- one order

    def _order(self, pk: int, placed: dt.datetime) -> tuple[str, list[Event], str]:
        """One order's COPY line, its events and its partner session's line.

        The order's columns are what ``orders.services._project`` makes of the events
        (``check_consistency`` verifies it on a sample)."""
        rng = self.rng
        random_ = rng.random
        td = dt.timedelta
        lifecycle = self.lifecycles[self._pick(self.lifecycle_weights)]
        currency = CURRENCIES[self._pick(self.currency_weights)][0]
        if self.customers and random_() < RETURNING_CUSTOMERS:
            customer = self._choice(self.customers)
        else:
            customer = self._customer(len(self.customers))
            self.customers.append(customer)
        order_id = self._uuid()
        session_id = self._uuid()
        number = f"ORD-{placed.year}-{pk:07d}"
        creator = self._choice(CREATOR_JSON)

        payload_items, dumped_items, subtotal = [], [], 0.0
        for _ in range(self._choice((1, 1, 1, 2, 2, 3))):
            name, price = self._choice(PRODUCTS)
            quantity = self._choice((1, 1, 1, 2, 3))
            subtotal += price * quantity
            tail = (
                f',"quantity":{quantity},"imageUrl":"https://cdn.printora.ai/mockups/'
                f'{self._uuid()}.jpg","variant":{js(self._choice(VARIANTS))}}}'
            )
            payload_items.append(f'{{"productName":"{name}","price":{price!r}{tail}')
            dumped_items.append(f'{{"productName":"{name}","price":"{price!r}"{tail}')
        items_payload = "[" + ",".join(payload_items) + "]"
        items_dumped = "[" + ",".join(dumped_items) + "]"
        total = round(subtotal + 4.99, 2)

        city, state, zip_prefix, country = self._choice(ADDRESSES[currency])
        address = [
            ("firstName", customer.first),
            ("lastName", customer.last),
            ("street", customer.street),
            ("apartment", customer.apartment),
            ("city", city),
            ("state", state),
            ("zipCode", f"{zip_prefix}{customer.zip_suffix}"),
            ("country", country),
        ]
        address_json = js_object([(k, js(v)) for k, v in address])
        address_column = js_object([(k, js(v)) for k, v in address if v])
        image_url = f"https://dreamcanvas.example/media/art/{pk}.jpg"

        created_at = placed
        paid_at = self._ms(placed + td(seconds=60 + random_() * 3540))
        shipped_at = self._ms(paid_at + td(hours=20 + random_() * 76))
        delivered_at = self._ms(shipped_at + td(hours=40 + random_() * 150))
        paid = "order.paid" in lifecycle
        if "order.delivered" in lifecycle:  # refunded after delivery
            cancelled_at = self._ms(delivered_at + td(days=3 + random_() * 17))
        elif paid:
            cancelled_at = self._ms(paid_at + td(hours=1 + random_() * 47))
        else:
            cancelled_at = self._ms(placed + td(hours=24 + random_() * 48))
        carrier, tracking_base = self._choice(CARRIERS)
        tracking = f"1Z{rng.getrandbits(60):016X}"
        method = ("stripe", "stripe", "stripe", "paypal", "apple_pay")[int(random_() * 5)]
        refund = "refunded" if paid else "voided"
        pay_url = f"https://printora.ai/checkout/pay/{order_id[:8]}"
        created_iso, created_p, created_d = times(created_at)
        paid_iso, paid_p, paid_d = times(paid_at)
        shipped_iso, shipped_p, shipped_d = times(shipped_at)
        delivered_iso, delivered_p, delivered_d = times(delivered_at)
        head = f'{{"orderId":"{order_id}","orderNumber":"{number}",'
        data = {
            "order.created": (
                created_at,
                f'{head}"status":"pending","paymentStatus":"pending","paymentUrl":"{pay_url}",'
                f'"totalAmount":{total!r},"currency":"{currency}","creator":{creator},'
                f'"createdAt":"{created_p}"}}',
            ),
            "order.paid": (
                paid_at,
                f'{head}"status":"processing","paymentStatus":"paid",'
                f'"paymentMethod":"{method}","paidAt":"{paid_p}",'
                f'"totalAmount":{total!r},"currency":"{currency}","items":{items_payload},'
                f'"customer":{customer.json},"shippingAddress":{address_json},'
                f'"partnerImageUrl":"{image_url}","creator":{creator},'
                f'"createdAt":"{created_p}"}}',
            ),
            "order.shipped": (
                shipped_at,
                f'{head}"status":"shipped","trackingNumber":"{tracking}",'
                f'"carrier":"{carrier}","trackingUrl":"{tracking_base}{tracking}",'
                f'"creator":{creator},"shippedAt":"{shipped_p}"}}',
            ),
            "order.delivered": (
                delivered_at,
                f'{head}"status":"delivered","creator":{creator},"deliveredAt":"{delivered_p}"}}',
            ),
            "order.cancelled": (
                cancelled_at,
                f'{{"orderId":"{order_id}","status":"cancelled","paymentStatus":"{refund}",'
                f'"totalAmount":{total!r},"currency":"{currency}"}}',
            ),
        }
        events: list[Event] = []
        for event_type in lifecycle:
            when, fields = data[event_type]
            timestamp = self._ms(when + td(milliseconds=self._randint(20, 900)))
            # Printora's delivery latency; 2 % of deliveries are retried later.
            lag = 0.15 + random_() * 1.5
            if random_() < 0.02:
                lag += self._choice((60, 300, 1800))
            received = timestamp + td(seconds=lag)
            if received >= self.now:
                break  # has not happened yet
            timestamp_iso, timestamp_p, _ = times(timestamp)
            events.append(
                Event(
                    type=event_type,
                    timestamp=timestamp,
                    timestamp_iso=timestamp_iso,
                    received_at=received,
                    payload=f'{{"sessionId":"{session_id}","event":"{event_type}",'
                    f'"timestamp":"{timestamp_p}","data":{fields}}}',
                    order_pk=pk,
                    order_id=order_id,
                    session_id=session_id,
                    failed_first=random_() < 0.003,
                    duplicates=1 if random_() < 0.015 else 0,
                )
            )
        if not events:  # placed a moment ago: its first event just came in
            events.append(
                Event(
                    type="order.created",
                    timestamp=created_at,
                    timestamp_iso=created_iso,
                    received_at=min(self.now, created_at + td(milliseconds=300)),
                    payload=f'{{"sessionId":"{session_id}","event":"order.created",'
                    f'"timestamp":"{created_p}","data":'
                    f"{data['order.created'][1]}}}",
                    order_pk=pk,
                    order_id=order_id,
                    session_id=session_id,
                )
            )

        # --- the projection (events are in Printora-timestamp order already)
        present = {event.type: event for event in events}
        last = events[-1]
        status = max((STATUS_OF_EVENT[t] for t in present), key=lambda s: s[1])[0]
        payment_status = "pending"
        for event_type, word in (
            ("order.created", "pending"),
            ("order.paid", "paid"),
            ("order.cancelled", refund),
        ):
            if event_type in present:
                payment_status = word
        shipped = "order.shipped" in present
        is_paid = "order.paid" in present
        delivered = "order.delivered" in present
        cancelled = present.get("order.cancelled")
        data_pairs = [
            ("orderId", js(order_id)),
            ("orderNumber", js(number)),
            ("status", js(PRINTORA_STATUS[last.type])),
            ("paymentStatus", js(payment_status)),
            ("paymentUrl", js(pay_url)),
            ("totalAmount", f'"{total!r}"'),
            ("currency", js(currency)),
            ("createdAt", js(created_d)),
        ]
        if creator != "null":
            data_pairs.append(("creator", creator))
        if is_paid:
            data_pairs += [
                ("paymentMethod", js(method)),
                ("paidAt", js(paid_d)),
                ("items", items_dumped),
                ("customer", customer.json),
                ("shippingAddress", address_json),
                ("partnerImageUrl", js(image_url)),
            ]
            customer.orders += 1
        if shipped:
            data_pairs += [
                ("trackingNumber", js(tracking)),
                ("carrier", js(carrier)),
                ("trackingUrl", js(tracking_base + tracking)),
                ("shippedAt", js(shipped_d)),
            ]
        if delivered:
            data_pairs.append(("deliveredAt", js(delivered_d)))
        received = [event.received_at for event in events]
        row = {
            "id": str(pk),
            "printora_order_id": order_id,
            "order_number": number,
            "session_id": session_id,
            "status": status,
            "printora_status": PRINTORA_STATUS[last.type],
            "payment_status": payment_status,
            "payment_method": method if is_paid else "",
            "payment_url": pay_url,
            "total_amount": f"{total:.2f}",
            "currency": currency,
            "customer_email": customer.email if is_paid else "",
            "customer_name": f"{customer.first} {customer.last}" if is_paid else "",
            "customer_phone": (customer.phone or "") if is_paid else "",
            "items": items_dumped if is_paid else "[]",
            "shipping_address": address_column if is_paid else "{}",
            "tracking_number": tracking if shipped else "",
            "carrier": carrier if shipped else "",
            "tracking_url": tracking_base + tracking if shipped else "",
            "partner_image_url": image_url if is_paid else "",
            "creator": NULL if creator == "null" else creator,
            "data": js_object(data_pairs),
            "printora_created_at": created_iso,
            "paid_at": paid_iso if is_paid else NULL,
            "shipped_at": shipped_iso if shipped else NULL,
            "delivered_at": delivered_iso if delivered else NULL,
            # No cancelledAt in the data: the envelope's timestamp stands in.
            "cancelled_at": cancelled.timestamp_iso if cancelled else NULL,
            "first_event_at": events[0].timestamp_iso,
            "last_event_at": last.timestamp_iso,
            "created": min(received).isoformat(),
            "updated": max(received).isoformat(),
        }
        self.counts.orders += 1
        self.counts.by_status[status] += 1
        self.counts.by_currency[currency] += 1
        line = "\t".join([row[column] for column in ORDER_COLUMNS]) + "\n"
        session_line = self._session_line(session_id, placed, customer, image_url)
        return line, events, session_line


ORDER_COLUMNS: list[str] = []  # set from the model once Django is set up
COPY_TABLES = {
    "orders_orderevent": [
        "id",
        "order_id",
        "session_id",
        "event_type",
        "occurred_at",
        "received_at",
        "payload",
        "delivery_id",
    ],
    "webhooks_webhookdelivery": [
        "id",
        "received_at",
        "remote_addr",
        "headers",
        "body",
        "body_size",
        "body_truncated",
        "signature_valid",
        "outcome",
        "detail",
        "http_status",
        "event_type",
        "session_id",
        "order_id",
        "processing_ms",
        "replay_of_id",
    ],
    "sessions_app_partnersession": [
        "id",
        "idempotency_key",
        "session_id",
        "redirect_url",
        "image_url",
        "artwork_id",
        "customer_email",
        "customer_name",
        "source",
        "status",
        "error",
        "created",
        "redirect_expires_at",
    ],
}


# --------------------------------------------------------------------------- database


class BenchError(RuntimeError):
    """The bench itself could not run (as opposed to a missed target)."""


def postgres_admin(statements: Sequence[str]) -> None:
    """Run statements on the maintenance database with psql, outside a transaction."""
    for statement in statements:
        finished = subprocess.run(
            ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", PG_ADMIN_URL, "-c", statement],
            capture_output=True,
            text=True,
            check=False,
        )
        if finished.returncode != 0:
            raise BenchError(f"psql {statement!r} failed: {finished.stderr.strip()}")


def drop_database() -> None:
    try:
        postgres_admin([f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)'])
    except Exception as exc:  # cleanup must not hide the figures already printed
        print(f"warning: could not drop {BENCH_DATABASE}: {exc}", file=sys.stderr)


def configure_environment() -> None:
    """Production-like settings, before Django reads them."""
    dropped = ("PRINTORA_", "DJANGO_", "NEXT_PUBLIC_", "SECURE_", "SANDBOX_")
    for name in list(os.environ):
        if name.startswith(dropped) or name in (
            "DATABASE_URL",
            "DEBUG",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "APP_URL",
            "LOG_LEVEL",
            "DASHBOARD_PUBLIC",
            "CONN_MAX_AGE",
        ):
            del os.environ[name]
    os.environ.update(
        DJANGO_SETTINGS_MODULE="dreamcanvas.settings",
        DJANGO_READ_DOT_ENV_FILE="false",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(64),
        # Production-like: a partner with real credentials runs without the sandbox.
        PRINTORA_SANDBOX="false",
        # Never called by the bench, but production without the sandbox needs a key.
        PRINTORA_API_KEY="pk_test_bench_unused",
        PRINTORA_WEBHOOK_SECRET="whsec_bench_" + secrets.token_hex(16),
        DATABASE_URL=DATABASE_URL,
        ALLOWED_HOSTS=SERVER_NAME,
        APP_URL=f"https://{SERVER_NAME}",
        LOG_LEVEL="WARNING",
        DASHBOARD_PUBLIC="true",
        # One database connection for the whole timing phase (production: 60 s, so a
        # worker thread reconnects about once a minute); keeps reconnects out of p95.
        CONN_MAX_AGE="600",
    )


class CopyStream:
    """``COPY table FROM STDIN`` on a connection of its own, fed in ~256 kB chunks.

    The four tables are copied at the same time: PostgreSQL parses and indexes rows
    (in four backends) while Python generates the next ones, and a queued writer
    (a thread per stream) keeps a slow backend from stalling the generator.
    """

    def __init__(self, table: str, columns: Sequence[str]) -> None:
        import psycopg
        from psycopg.copy import QueuedLibpqWriter

        self.stack = contextlib.ExitStack()
        connection = self.stack.enter_context(psycopg.connect(DATABASE_URL, autocommit=True))
        cursor = self.stack.enter_context(connection.cursor())
        self.copy = self.stack.enter_context(
            cursor.copy(
                f"COPY {table} ({', '.join(columns)}) FROM STDIN",
                writer=QueuedLibpqWriter(cursor),
            )
        )
        self.parts: list[str] = []
        self.size = 0

    def write(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)
        if self.size >= 1 << 18:
            self.copy.write("".join(self.parts))
            self.parts.clear()
            self.size = 0

    def finish(self) -> None:
        """Send the rest and end the COPY (its transaction commits)."""
        if self.parts:
            self.copy.write("".join(self.parts))
            self.parts.clear()
        self.stack.close()


def fill(orders: int, seed: int) -> tuple[OrderBook, float]:
    from django.db import connection

    from gallery.models import Artwork
    from orders.models import Order

    ORDER_COLUMNS[:] = [field.column for field in Order._meta.concrete_fields]
    started = time.perf_counter()
    now = OrderBook._ms(dt.datetime.now(dt.UTC))
    book = OrderBook(
        orders=orders,
        seed=seed,
        now=now,
        artwork_ids=list(Artwork.objects.values_list("pk", flat=True)),
    )
    columns = {"orders_order": ORDER_COLUMNS, **COPY_TABLES}
    # Finished in this order: an event's foreign keys (its order, its delivery) are
    # checked when its COPY commits, so the events go last.
    tables = [
        "orders_order",
        "sessions_app_partnersession",
        "webhooks_webhookdelivery",
        "orders_orderevent",
    ]
    streams: dict[str, CopyStream] = {}
    try:
        for table in tables:
            streams[table] = CopyStream(table, columns[table])
        book.generate(
            streams["orders_order"],
            streams["orders_orderevent"],
            streams["webhooks_webhookdelivery"],
            streams["sessions_app_partnersession"],
        )
        generated = time.perf_counter()
        for table in tables:
            streams.pop(table).finish()
    finally:
        for stream in streams.values():  # after an error: close what is left
            with contextlib.suppress(Exception):
                stream.stack.close()
    copied = time.perf_counter()
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(
                # Table names are this file's constants, not input.
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
            )
        # A year-old table has been through autovacuum many times; a freshly copied
        # one has not: no visibility map (so no index-only scans) and no hint bits
        # (so the first queries write). VACUUM (ANALYZE) brings it to that steady state.
        cursor.execute("VACUUM (ANALYZE)")
    analyzed = time.perf_counter()
    print(
        f"  generated {generated - started:.1f} s (COPY streaming meanwhile), "
        f"COPY finished {copied - generated:.1f} s later; VACUUM (ANALYZE) "
        f"{analyzed - copied:.1f} s"
    )
    return book, copied - started


def check_consistency(sample: int, seed: int) -> tuple[int, int, list[str]]:
    """Rebuild ``sample`` random orders from their stored events with the app's own
    projection and compare: (checked, matching, first differences)."""
    from orders.models import Order
    from orders.services import PROJECTED_FIELDS, _project
    from printora_client.models import WebhookEvent

    rng = random.Random(seed)
    ids = list(Order.objects.values_list("pk", flat=True))
    chosen = rng.sample(ids, min(sample, len(ids)))
    differences: list[str] = []
    matching = 0
    for order in Order.objects.filter(pk__in=chosen).prefetch_related("events"):
        stored = {name: getattr(order, name) for name in PROJECTED_FIELDS}
        rebuilt = Order(printora_order_id=order.printora_order_id)
        events = [WebhookEvent.model_validate(e.payload) for e in order.events.all()]
        _project(rebuilt, events)
        different = [name for name in PROJECTED_FIELDS if getattr(rebuilt, name) != stored[name]]
        if different:
            if len(differences) < 5:
                name = different[0]
                differences.append(
                    f"order {order.pk} {different}: {name} stored {stored[name]!r} "
                    f"projected {getattr(rebuilt, name)!r}"
                )
        else:
            matching += 1
    return len(chosen), matching, differences


# --------------------------------------------------------------------------- timing


@dataclasses.dataclass
class Scenario:
    name: str
    path: str
    headers: dict[str, str] = dataclasses.field(default_factory=dict)
    expect: int = 200
    note: str = ""


@dataclasses.dataclass
class QueryTiming:
    sql: str
    times_ms: list[float]
    scenarios: set[str]

    @property
    def median_ms(self) -> float:
        return statistics.median(self.times_ms)


@dataclasses.dataclass
class Measurement:
    scenario: Scenario
    status: int
    times_ms: list[float]
    cpu_ms: list[float]
    queries: int
    query_counts: set[int]
    sql_ms: float
    response_bytes: int
    slowest: list[tuple[float, str]]
    error: str = ""

    @property
    def median_ms(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def p95_ms(self) -> float:
        ordered = sorted(self.times_ms)
        return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]


class PageErrors:
    """The first exception of each page, reported once in the table rather than as a
    traceback per request (``django.request`` is silenced meanwhile)."""

    def __init__(self) -> None:
        self.current = ""
        self.first: dict[str, str] = {}

    def __call__(self, **_: Any) -> None:
        error = sys.exc_info()[1]
        if error is not None and self.current not in self.first:
            self.first[self.current] = f"{type(error).__name__}: {str(error)[:300]}"

    @contextlib.contextmanager
    def watching(self) -> Iterator[PageErrors]:
        from django.core.signals import got_request_exception

        got_request_exception.connect(self, dispatch_uid="bench-dashboard")
        request_log = logging.getLogger("django.request")
        level = request_log.level
        request_log.setLevel(logging.CRITICAL)
        try:
            yield self
        finally:
            request_log.setLevel(level)
            got_request_exception.disconnect(dispatch_uid="bench-dashboard")


class QueryTimer:
    """A database execute wrapper that keeps each query's duration (ms)."""

    def __init__(self) -> None:
        self.durations: list[float] = []

    def __call__(self, execute: Callable[..., Any], *args: Any) -> Any:
        start = time.perf_counter()
        try:
            return execute(*args)
        finally:
            self.durations.append((time.perf_counter() - start) * 1000)


def measure_pages(
    client: Any,
    scenarios: Sequence[Scenario],
    *,
    runs: int,
    warmup: int,
    captured: int,
    queries: dict[str, QueryTiming],
) -> list[Measurement]:
    """Times every page ``runs`` times, round-robin (page 1, 2, … 6, 1, 2, …), so
    that a burst of load from elsewhere on the machine hits all pages alike."""
    errors = PageErrors()

    def get(scenario: Scenario) -> Any:
        errors.current = scenario.name
        return client.get(scenario.path, headers=scenario.headers, secure=True)

    times: dict[str, list[float]] = {s.name: [] for s in scenarios}
    cpu: dict[str, list[float]] = {s.name: [] for s in scenarios}
    statuses: dict[str, Counter] = {s.name: Counter() for s in scenarios}
    sizes: dict[str, int] = {}
    with errors.watching():
        for _ in range(warmup):
            for scenario in scenarios:
                get(scenario)
        for _ in range(runs):
            for scenario in scenarios:
                cpu_start = time.thread_time()
                start = time.perf_counter()
                response = get(scenario)
                times[scenario.name].append((time.perf_counter() - start) * 1000)
                cpu[scenario.name].append((time.thread_time() - cpu_start) * 1000)
                statuses[scenario.name][response.status_code] += 1
                sizes[scenario.name] = len(response.content) if not response.streaming else 0
        results = []
        for scenario in scenarios:
            count, sql_ms, slowest = capture_queries(
                lambda scenario=scenario: get(scenario), scenario.name, captured, queries
            )
            results.append(
                Measurement(
                    scenario=scenario,
                    status=statuses[scenario.name].most_common(1)[0][0],
                    times_ms=times[scenario.name],
                    cpu_ms=cpu[scenario.name],
                    queries=max(count) if count else 0,
                    query_counts=count,
                    sql_ms=sql_ms,
                    response_bytes=sizes.get(scenario.name, 0),
                    slowest=slowest,
                    error=errors.first.get(scenario.name, ""),
                )
            )
    return results


def capture_queries(
    get: Callable[[], Any], name: str, captured: int, queries: dict[str, QueryTiming]
) -> tuple[set[int], float, list[tuple[float, str]]]:
    """Separate requests with their queries captured (the debug cursor costs a
    little): query counts seen, median total SQL time, the 3 slowest queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts: set[int] = set()
    per_position: list[list[float]] = []
    sqls: list[str] = []
    sql_totals: list[float] = []
    for _ in range(captured):
        # CaptureQueriesContext rounds times to the millisecond: time them here too.
        timer = QueryTimer()
        with CaptureQueriesContext(connection) as context, connection.execute_wrapper(timer):
            get()
        captured_queries = context.captured_queries
        durations = timer.durations
        if len(durations) != len(captured_queries):  # should not happen; fall back
            durations = [float(q["time"]) * 1000 for q in captured_queries]
        counts.add(len(captured_queries))
        sql_totals.append(sum(durations))
        for position, (query, duration) in enumerate(zip(captured_queries, durations, strict=True)):
            if position >= len(per_position):
                per_position.append([])
                sqls.append(query["sql"])
            per_position[position].append(duration)
    slowest = []
    for sql, position_times in zip(sqls, per_position, strict=True):
        timing = queries.setdefault(sql, QueryTiming(sql, [], set()))
        timing.times_ms.extend(position_times)
        timing.scenarios.add(name)
        slowest.append((statistics.median(position_times), sql))
    slowest.sort(reverse=True)
    return counts, statistics.median(sql_totals) if sql_totals else 0.0, slowest[:3]


def explain(sql: str) -> tuple[list[str], list[str]]:
    """(the plan's lines, notes on what it reads) from EXPLAIN (ANALYZE, BUFFERS)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)
        document = cursor.fetchone()[0]
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        lines = [row[0] for row in cursor.fetchall()]
    if isinstance(document, str):
        document = json.loads(document)
    notes: list[str] = []

    def walk(node: dict[str, Any], depth: int) -> None:
        kind = node.get("Node Type", "")
        relation = node.get("Relation Name") or node.get("Index Name") or ""
        loops = node.get("Actual Loops", 1) or 1
        rows = node.get("Actual Rows", 0) * loops
        removed = node.get("Rows Removed by Filter", 0) * loops
        if kind == "Seq Scan":
            read = rows + removed
            if node.get("Filter"):
                notes.append(
                    f"Seq Scan on {relation} (x{loops}): read {read:,} rows to keep {rows:,} "
                    f"(Filter: {node['Filter'][:160]})"
                )
            else:
                notes.append(f"Seq Scan on {relation} (x{loops}): every row, {rows:,}")
        elif kind in ("Index Scan", "Index Only Scan", "Bitmap Heap Scan") and removed > max(
            1000, 10 * rows
        ):
            direction = " Backward" if node.get("Scan Direction") == "Backward" else ""
            index = node.get("Index Name", "")
            notes.append(
                f"{kind}{direction} on {node.get('Relation Name', '')}"
                + (f" using {index}" if index else "")
                + f": read {rows + removed:,} rows to keep {rows:,} (the filter is not in "
                "the index: " + str(node.get("Filter", ""))[:120] + ")"
            )
        elif kind in ("Index Scan", "Index Only Scan", "Bitmap Index Scan") and loops > 50:
            notes.append(f"{kind} on {relation} repeated {loops:,} times (once per outer row)")
        if kind == "Sort":
            notes.append(
                f"Sort by {', '.join(node.get('Sort Key', []))} ({node.get('Sort Method')}, "
                f"{node.get('Sort Space Used')} kB {node.get('Sort Space Type')}; "
                f"{rows:,} rows out)"
            )
        elif kind == "Incremental Sort":
            notes.append(
                f"Incremental Sort by {', '.join(node.get('Sort Key', []))} "
                f"(presorted on {', '.join(node.get('Presorted Key', []))}; {rows:,} rows out)"
            )
        if kind == "Aggregate" and node.get("Strategy") in ("Hashed", "Sorted") and depth == 0:
            notes.append(f"{node['Strategy']} aggregate over its input: {rows:,} groups")
        for child in node.get("Plans", []):
            walk(child, depth + 1)

    top = document[0]
    walk(top["Plan"], 0)
    notes.append(
        f"execution {top.get('Execution Time', 0):.1f} ms, planning "
        f"{top.get('Planning Time', 0):.1f} ms, shared buffers hit "
        f"{top['Plan'].get('Shared Hit Blocks', 0):,} "
        f"read {top['Plan'].get('Shared Read Blocks', 0):,}"
    )
    return lines, notes


# --------------------------------------------------------------------------- machine load


def _clock_ticks() -> int:
    return os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float | None:
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except (OSError, IndexError):
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / _clock_ticks()


def process_cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / _clock_ticks()
    except (OSError, IndexError, ValueError):
        return 0.0


def own_cpu_seconds() -> float:
    return time.process_time()


def code_fingerprint() -> str:
    parts = []
    for name in ("orders/views.py", "orders/selectors.py", "orders/models.py"):
        try:
            digest = hashlib.sha256((ROOT / name).read_bytes()).hexdigest()[:10]
        except OSError:
            digest = "missing"
        parts.append(f"{name} {digest}")
    return ", ".join(parts)


# --------------------------------------------------------------------------- main


@dataclasses.dataclass
class Options:
    orders: int
    runs: int
    warmup: int
    captured: int
    status: str
    slow_ms: float
    keep: bool
    seed: int
    sample: int
    what_if: bool
    profile: bool


def parse_args(argv: Sequence[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--orders", type=int, default=100_000, help="orders (default 100000)")
    parser.add_argument("--runs", type=int, default=30, help="timed requests per page (30)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests first (5)")
    parser.add_argument(
        "--captured", type=int, default=5, help="extra requests with queries captured (5)"
    )
    parser.add_argument(
        "--status", default="shipped", help="status of the filtered list (default shipped)"
    )
    parser.add_argument(
        "--slow-ms", type=float, default=10.0, help="explain queries slower than this (10)"
    )
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    parser.add_argument("--seed", type=int, default=20261127)
    parser.add_argument(
        "--sample", type=int, default=300, help="orders checked against their events (300)"
    )
    parser.add_argument(
        "--no-what-if",
        dest="what_if",
        action="store_false",
        help="skip timing the pages again with the suggested indexes",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also print a cProfile summary (Python side) of each page",
    )
    args = parser.parse_args(argv)
    if min(args.orders, args.runs, args.captured) < 1 or args.warmup < 0:
        parser.error("--orders, --runs, --captured must be >= 1 and --warmup >= 0")
    return Options(
        orders=args.orders,
        runs=args.runs,
        warmup=args.warmup,
        captured=args.captured,
        status=args.status,
        slow_ms=args.slow_ms,
        keep=args.keep,
        seed=args.seed,
        sample=args.sample,
        what_if=args.what_if,
        profile=args.profile,
    )


def pick_targets(book: OrderBook) -> dict[str, str]:
    """The email, order and cursors the scenarios use, chosen in the data."""
    from django.db.models import Count

    from orders.models import Order

    repeat = max(book.customers, key=lambda c: c.orders)
    recent = book.now - dt.timedelta(days=DELIVERY_DAYS)
    # The richest recent order: most events, then a duplicate delivery or two.
    detail = (
        Order.objects.filter(created__gte=recent)
        .annotate(n=Count("events"))
        .order_by("-n", "-created")
        .values_list("printora_order_id", flat=True)
        .first()
    )
    updates = list(Order.objects.order_by("-updated").values_list("updated", flat=True)[:12])
    shown = Order.objects.filter(printora_order_id=detail).first() if detail else None
    detail_note = ""
    if shown is not None:
        from webhooks.models import WebhookDelivery

        deliveries = WebhookDelivery.objects.filter(order_id=detail).count()
        detail_note = (
            f"{shown.order_number}: {shown.status}, {shown.events.count()} events, "
            f"{deliveries} webhook deliveries, {len(shown.items)} items"
        )
    return {
        "detail_note": detail_note,
        "email": repeat.email,
        "email_orders": str(repeat.orders),
        "detail": detail or "",
        # The 11th newest change: about ten changed orders after it (plus the
        # endpoint's 5 s overlap).
        "since": updates[min(10, len(updates) - 1)].isoformat() if updates else "",
        "latest": updates[0].isoformat() if updates else "",
    }


def build_scenarios(
    client: Any, targets: dict[str, str], status: str
) -> tuple[list[Scenario], list[str]]:
    from urllib.parse import urlencode

    from django.urls import NoReverseMatch, reverse

    missing: list[str] = []
    scenarios: list[Scenario] = []

    def url(name: str, *args: str) -> str | None:
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            missing.append(name)
            return None

    listing = url("orders:dashboard")
    if listing:
        scenarios += [
            Scenario("list, unfiltered", listing),
            Scenario(f"list, status={status}", f"{listing}?{urlencode({'status': status})}"),
            Scenario(
                "list, search by email",
                f"{listing}?{urlencode({'q': targets['email']})}",
                note=f"{targets['email']} ({targets['email_orders']} orders)",
            ),
        ]
    detail = url("orders:order", targets["detail"]) if targets["detail"] else None
    if detail:
        scenarios.append(Scenario("order detail", detail, note=targets["detail_note"]))
    live = url("orders:live")
    if live and targets["since"]:
        scenarios.append(
            Scenario(
                "live, recent cursor",
                f"{live}?{urlencode({'since': targets['since']})}",
                note="~10 orders changed since",
            )
        )
        unchanged = f"{live}?{urlencode({'since': targets['latest']})}"
        first = client.get(unchanged, secure=True)
        etag = first.headers.get("ETag")
        if etag:
            scenarios.append(
                Scenario(
                    "live, unchanged (304)",
                    unchanged,
                    headers={"If-None-Match": etag},
                    expect=304,
                    note="If-None-Match",
                )
            )
    return scenarios, missing


def run(options: Options) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="dreamcanvas-bench-dashboard-"))
    created = False
    try:
        print(f"bench/dashboard.py {' '.join(sys.argv[1:])}".rstrip())
        started = time.perf_counter()
        sum(range(10**6))
        calibration = (time.perf_counter() - started) * 1000
        print(
            f"machine: {os.cpu_count()} CPUs, Python {platform.python_version()} "
            f"(sum(range(10**6)) in {calibration:.0f} ms), {platform.system()} "
            f"{platform.release()}; code: {code_fingerprint()}"
        )
        postgres_admin(
            [
                f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)',
                f'CREATE DATABASE "{BENCH_DATABASE}"',
            ]
        )
        created = True
        configure_environment()
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        # Static files: the production storage needs a manifest; build one in a
        # private directory rather than touching the project's staticfiles/.
        settings.STATIC_ROOT = str(workdir / "static")
        step = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        print(f"migrate + collectstatic (private STATIC_ROOT): {time.perf_counter() - step:.1f} s")
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            server_version = cursor.fetchone()[0]
        print(f"database: fresh PostgreSQL {server_version} database {BENCH_DATABASE}")

        print(f"filling {options.orders:,} orders ...", flush=True)
        book, fill_seconds = fill(options.orders, options.seed)
        counts = book.counts
        print(
            f"fill: {counts.orders:,} orders, {counts.events:,} events "
            f"({counts.events / max(1, counts.orders):.2f} per order), "
            f"{counts.deliveries:,} webhook deliveries, {counts.sessions:,} partner sessions "
            f"in {fill_seconds:.1f} s (COPY)"
        )
        print(f"  orders by status: {dict(counts.by_status.most_common())}")
        print(f"  orders by currency: {dict(counts.by_currency.most_common())}")
        print(f"  deliveries by outcome: {dict(counts.deliveries_by_outcome.most_common())}")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT relname, pg_size_pretty(pg_total_relation_size(oid)) FROM pg_class "
                "WHERE relname IN ('orders_order', 'orders_orderevent', "
                "'webhooks_webhookdelivery', 'sessions_app_partnersession') ORDER BY relname"
            )
            print("  sizes (with indexes): " + ", ".join(f"{n} {s}" for n, s in cursor.fetchall()))
            cursor.execute(
                "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE tablename IN "
                "('orders_order', 'orders_orderevent') ORDER BY tablename, indexname"
            )
            indexes = cursor.fetchall()
        print("  indexes:")
        for _, _, definition in indexes:
            print(f"    {re.sub(r' USING btree', '', definition.replace('public.', ''))}")
        checked, matching, differences = check_consistency(options.sample, options.seed)
        print(
            f"  consistency: {matching}/{checked} sampled orders equal the projection "
            "(orders.services._project) of their stored events"
        )
        for line in differences:
            print(f"    {line}")

        targets = pick_targets(book)
        # A failing page is reported with its status (500), as a browser would see it.
        client = Client(SERVER_NAME=SERVER_NAME, raise_request_exception=False)
        scenarios, missing = build_scenarios(client, targets, options.status)
        if missing:
            print(f"NOT MEASURED (URL names missing from orders/urls.py): {', '.join(missing)}")
        print(
            f"\ntiming {len(scenarios)} pages in-process (django.test.Client, HTTPS, "
            f"DEBUG=false): {options.warmup} warm-up + {options.runs} timed requests each, "
            f"then {options.captured} with queries captured ...",
            flush=True,
        )
        results, queries = time_pages(client, scenarios, options)
        report(options, results, queries)
        if options.profile:
            for scenario in scenarios:
                profile_page(client, scenario)

        if options.what_if:
            print(
                "\nWHAT-IF: the same pages with the suggested indexes, created in this "
                "throwaway database only (no model or migration changes):"
            )
            for definition in add_candidate_indexes():
                print(f"  {definition}")
            with connection.cursor() as cursor:
                cursor.execute("VACUUM (ANALYZE) orders_order")
            results, queries = time_pages(client, scenarios, options)
            report(options, results, queries)

            restore = simulate_cached_summary(SUMMARY_TTL)
            if restore is not None:
                print(
                    f"\nWHAT-IF 2: the indexes, and the book summary (status counts, "
                    f"revenue) cached for {SUMMARY_TTL:g} s, the cursor still read fresh "
                    "(simulated in this process by wrapping orders.selectors.book_summary; "
                    "no file is changed):"
                )
                try:
                    results, queries = time_pages(client, scenarios, options)
                    report(options, results, queries)
                finally:
                    restore()
        return 0
    except BenchError as exc:
        print(f"bench failed: {exc}", file=sys.stderr)
        return 1
    finally:
        with contextlib.suppress(Exception):
            from django.db import connections

            connections.close_all()
        if created and not options.keep:
            drop_database()
            print(f"dropped database {BENCH_DATABASE}")
        elif created:
            print(f"kept database {BENCH_DATABASE} ({DATABASE_URL})")
        import shutil

        shutil.rmtree(workdir, ignore_errors=True)


def time_pages(
    client: Any, scenarios: Sequence[Scenario], options: Options
) -> tuple[list[Measurement], dict[str, QueryTiming]]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    before = background_load()
    queries: dict[str, QueryTiming] = {}
    machine_before = machine_busy_seconds()
    ours_before = own_cpu_seconds() + process_cpu_seconds(backend)
    wall_before = time.perf_counter()
    results = measure_pages(
        client,
        scenarios,
        runs=options.runs,
        warmup=options.warmup,
        captured=options.captured,
        queries=queries,
    )
    wall = time.perf_counter() - wall_before
    machine_after = machine_busy_seconds()
    ours = own_cpu_seconds() + process_cpu_seconds(backend) - ours_before
    after = background_load()
    if machine_before is not None and machine_after is not None:
        machine = machine_after - machine_before
        print(
            f"machine while timing ({wall:.0f} s): {machine / wall:.2f} of {os.cpu_count()} "
            f"cores busy; this process + its PostgreSQL backend {ours / wall:.2f}; the rest "
            f"{max(0.0, machine - ours) / wall:.2f} (other engineers' processes, and the "
            f"parallel workers of our own queries); other processes alone, bench idle 3 s "
            f"before and after: {before:.2f} and {after:.2f}"
        )
    return results, queries


def profile_page(client: Any, scenario: Scenario, requests: int = 10) -> None:
    """Where the Python side of a page spends its time (cProfile, CPU clock)."""
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile(time.thread_time)
    profiler.enable()
    for _ in range(requests):
        client.get(scenario.path, headers=scenario.headers, secure=True)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    # Cumulative: the project's own functions (views, selectors, template tags).
    project = re.escape(str(ROOT)) + r"/(?!\.venv)"
    stats.sort_stats("cumulative").print_stats(project, 12)
    stats.sort_stats("tottime").print_stats(15)
    print(f"\nprofile of {scenario.name} ({requests} requests, CPU seconds):")
    for line in out.getvalue().splitlines():
        if line.strip() and not line.startswith(("   Ordered by", "   List reduced")):
            print(f"  {line.replace(str(ROOT) + '/', '')[:170]}")


SUMMARY_TTL = 5.0  # seconds; the live endpoint polls every 4 s


def simulate_cached_summary(ttl: float) -> Callable[[], None] | None:
    """Replace ``orders.selectors.book_summary`` (in this process only) by a version
    that recomputes the full-table aggregate at most every ``ttl`` seconds and reads
    only the newest ``updated`` (an index lookup) on every call, as suggested.
    Returns the function that puts the original back, or None when the selectors
    have no such function (the code changed since this bench was written)."""
    from orders import selectors

    original = getattr(selectors, "book_summary", None)
    latest_update = getattr(selectors, "latest_update", None)
    if original is None or latest_update is None:
        print("WHAT-IF 2 skipped: orders.selectors has no book_summary/latest_update")
        return None
    kept: list[tuple[float, Any]] = []

    def cached() -> Any:
        if not kept or time.monotonic() - kept[0][0] > ttl:
            kept[:] = [(time.monotonic(), original())]
        summary = kept[0][1]
        counts = dataclasses.replace(summary.counts, latest_update=latest_update())
        return dataclasses.replace(summary, counts=counts)

    selectors.book_summary = cached

    def restore() -> None:
        selectors.book_summary = original

    return restore


def background_load(seconds: float = 3.0) -> float:
    """Cores kept busy by everything else while this process sleeps."""
    start = machine_busy_seconds()
    time.sleep(seconds)
    end = machine_busy_seconds()
    return (end - start) / seconds if start is not None and end is not None else float("nan")


def candidate_indexes() -> list[tuple[str, Any]]:
    """The indexes this bench suggests, as the Django definitions to add to
    ``Order.Meta.indexes`` (the GIN ones need ``TrigramExtension()`` in a migration)."""
    from django.contrib.postgres.indexes import GinIndex, OpClass
    from django.db.models import Index
    from django.db.models.functions import Upper

    indexes: list[tuple[str, Any]] = [
        (
            'models.Index(fields=["updated", "id"], name="order_updated_id")',
            Index(fields=["updated", "id"], name="order_updated_id"),
        ),
        (
            'models.Index(fields=["status", "currency"], '
            'include=["total_amount", "updated", "id"], name="order_book_summary")',
            Index(
                fields=["status", "currency"],
                include=["total_amount", "updated", "id"],
                name="order_book_summary",
            ),
        ),
    ]
    for column, short in SEARCH_COLUMNS:
        name = f"order_{short}_trgm"
        indexes.append(
            (
                f'GinIndex(OpClass(Upper("{column}"), name="gin_trgm_ops"), name="{name}")',
                GinIndex(OpClass(Upper(column), name="gin_trgm_ops"), name=name),
            )
        )
    return indexes


# The columns the dashboard's free-text search reads (orders.selectors.OrderFilters).
SEARCH_COLUMNS = [
    ("printora_order_id", "orderid"),
    ("order_number", "number"),
    ("session_id", "session"),
    ("customer_email", "email"),
    ("customer_name", "name"),
]


def add_candidate_indexes() -> list[str]:
    from django.contrib.postgres.indexes import OpClass
    from django.db import connection
    from django.db.models import OrderBy
    from django.db.models.functions import Collate
    from django.db.models.indexes import IndexExpression

    from orders.models import Order

    # What "django.contrib.postgres" in INSTALLED_APPS does at start-up: without
    # it, OpClass() inside an index expression is rendered with parentheses that
    # PostgreSQL rejects. The suggestion includes adding that app.
    IndexExpression.register_wrappers(OrderBy, OpClass, Collate)
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        existing = connection.introspection.get_constraints(cursor, Order._meta.db_table)
    leading = {
        tuple(info["columns"][:1]): name
        for name, info in existing.items()
        if info["index"] and info["columns"] and info["columns"][0]
    }
    done = []
    for definition, index in candidate_indexes():
        fields = [field.lstrip("-") for field in index.fields]
        # A btree whose first column already leads an index of the project's own
        # (it added one meanwhile) adds little: leave it out.
        if fields and not index.include and tuple(fields[:1]) in leading:
            done.append(f"{definition}  (skipped: {leading[tuple(fields[:1])]} exists)")
            continue
        if index.name in existing:
            done.append(f"{definition}  (skipped: already in the schema)")
            continue
        started = time.perf_counter()
        with connection.schema_editor() as editor:
            editor.add_index(Order, index)
        done.append(f"{definition}  ({time.perf_counter() - started:.1f} s to build)")
    return done


def verdict(median: float) -> str:
    if median <= TARGET_MEDIAN_MS:
        return "MET"
    return f"MISSED (+{median - TARGET_MEDIAN_MS:.1f} ms, {median / TARGET_MEDIAN_MS:.1f}x)"


def label(sql: str) -> str:
    """A short name for a query: what it selects and from where."""
    text = re.sub(r"\s+", " ", sql)
    # The FROM of the outer query: blank out parenthesised subqueries first.
    outer = text
    while True:
        shorter = re.sub(r"\([^()]*\)", "", outer)
        if shorter == outer:
            break
        outer = shorter
    table = re.search(r'FROM "(\w+)"', outer)
    what = "COUNT(*)" if "COUNT(*)" in text[:60] else ""
    if not what:
        if "GROUP BY" in text:
            what = "GROUP BY " + text.split("GROUP BY", 1)[1].split()[0]
        elif text.startswith("SELECT"):
            what = "SELECT"
        else:
            what = text.split()[0]
    where = " WHERE …" if " WHERE " in outer else ""
    return f"[{what} {table.group(1) if table else '?'}{where}]"


def shorten(sql: str, limit: int = 2000) -> str:
    return sql if len(sql) <= limit else sql[:limit] + f" … ({len(sql)} chars)"


def report(options: Options, results: list[Measurement], queries: dict[str, QueryTiming]) -> None:
    print()
    header = (
        f"{'page':<24}{'HTTP':>5}{'median ms':>11}{'p95 ms':>9}{'CPU ms':>8}"
        f"{'queries':>9}{'SQL ms':>8}{'kB':>7}  target ≤ {TARGET_MEDIAN_MS:.0f} ms median"
    )
    print(header)
    print("-" * len(header))
    for result in results:
        counts = result.query_counts
        query_text = str(result.queries) if len(counts) == 1 else f"{min(counts)}-{max(counts)}"
        status = result.status
        flag = "" if status == result.scenario.expect else f" (expected {result.scenario.expect})"
        print(
            f"{result.scenario.name:<24}{status:>5}{result.median_ms:>11.1f}{result.p95_ms:>9.1f}"
            f"{statistics.median(result.cpu_ms):>8.1f}{query_text:>9}{result.sql_ms:>8.1f}"
            f"{result.response_bytes / 1024:>7.1f}  {verdict(result.median_ms)}{flag}"
        )
    print(
        "\nmedian/p95: wall time of the whole request in-process (middleware, view, "
        "template, SQL round trips); CPU ms: this process's CPU (Python side); "
        "SQL ms: sum of the captured queries' times (median run); queries: "
        "CaptureQueriesContext (CONN_HEALTH_CHECKS' SELECT 1 is not captured)."
    )
    for result in results:
        print(f"  {result.scenario.name}: {result.scenario.path[:140]}")
        if result.error:
            print(f"    ERROR {result.error}")
        if result.scenario.note:
            print(f"    {result.scenario.note}")
        slowest = ", ".join(f"{ms:.1f} ms {label(sql)}" for ms, sql in result.slowest)
        print(f"    slowest queries: {slowest}")

    slow = sorted(
        (q for q in queries.values() if q.median_ms > options.slow_ms),
        key=lambda q: q.median_ms,
        reverse=True,
    )
    print(
        f"\nqueries slower than {options.slow_ms:g} ms (median of the captured runs): {len(slow)}"
    )
    for number, query in enumerate(slow, 1):
        print(
            f"\n[{number}] {query.median_ms:.1f} ms median, in: "
            f"{', '.join(sorted(query.scenarios))}"
        )
        print(f"    {shorten(query.sql)}")
        if not query.sql.lstrip().upper().startswith("SELECT"):
            continue
        try:
            plan, notes = explain(query.sql)
        except Exception as exc:
            print(f"    (EXPLAIN failed: {exc})")
            continue
        print("    plan (top lines):")
        for line in plan[:18]:
            print(f"      {line}")
        if len(plan) > 18:
            print(f"      … {len(plan) - 18} more lines")
        print("    notes:")
        for note in notes:
            print(f"      - {note}")


def main(argv: Sequence[str] | None = None) -> int:
    return run(parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
