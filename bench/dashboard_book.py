"""The dashboard bench's order book, part 2: ``OrderBook`` generates orders, their
events, deliveries and sessions as PostgreSQL COPY lines."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import hashlib
import heapq
import itertools
import random
import secrets
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: bench/ is on the path, not the project
    sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    CANCELLED,
    CREATED,
    DELIVERED,
    PAID,
    SHIPPED,
    STATUS_OF_EVENT,
)
from bench.dashboard_data import (  # noqa: E402
    ADDRESSES,
    CARRIERS,
    CREATOR_JSON,
    CREATORS,
    CURRENCIES,
    DELIVERY_DAYS,
    FAILED_DELIVERY_DAYS,
    FIRST_NAMES,
    LAST_NAMES,
    LIFECYCLES,
    MAIL_DOMAINS,
    NULL,
    PRINTORA_STATUS,
    PRODUCTS,
    RETURNING_CUSTOMERS,
    STREETS,
    USER_AGENT,
    VARIANTS,
    copy_line,
    js,
    js_object,
    times,
)


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
            if event.received_at >= self.failure_from:
                self._deliveries(event, self.event_pk, deliveries)
            lines.append(
                f"{self.event_pk}\t{event.order_pk}\t{event.session_id}\t{event.type}\t"
                f"{event.timestamp_iso}\t{event.received_at.isoformat()}\t"
                f"{event.payload}\n"
            )
        self.counts.events += len(lines)
        events.write("".join(lines))

    def _deliveries(self, event: Event, event_pk: int, deliveries: Writer) -> int | None:
        """The ``WebhookDelivery`` rows of a recent event (the one that applied it points
        at ``event_pk``); the id of that one."""
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
            delivery_pk = self._delivery(
                deliveries, received, event, outcome="applied", status=200, order_event=event_pk
            )
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
        order_event: int | None = None,
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
                    order_event,
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
            f"{created.isoformat()}\t{expires.isoformat()}\timage\t1\t\n"
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
        creator_index = self._choice(range(len(CREATOR_JSON)))
        creator = CREATOR_JSON[creator_index]
        creator_fields = CREATORS[creator_index] or {}

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
        paid = PAID in lifecycle
        if DELIVERED in lifecycle:  # refunded after delivery
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
            CREATED: (
                created_at,
                f'{head}"status":"pending","paymentStatus":"pending","paymentUrl":"{pay_url}",'
                f'"totalAmount":{total!r},"currency":"{currency}","creator":{creator},'
                f'"createdAt":"{created_p}"}}',
            ),
            PAID: (
                paid_at,
                f'{head}"status":"processing","paymentStatus":"paid",'
                f'"paymentMethod":"{method}","paidAt":"{paid_p}",'
                f'"totalAmount":{total!r},"currency":"{currency}","items":{items_payload},'
                f'"customer":{customer.json},"shippingAddress":{address_json},'
                f'"partnerImageUrl":"{image_url}","creator":{creator},'
                f'"createdAt":"{created_p}"}}',
            ),
            SHIPPED: (
                shipped_at,
                f'{head}"status":"shipped","trackingNumber":"{tracking}",'
                f'"carrier":"{carrier}","trackingUrl":"{tracking_base}{tracking}",'
                f'"creator":{creator},"shippedAt":"{shipped_p}"}}',
            ),
            DELIVERED: (
                delivered_at,
                f'{head}"status":"delivered","creator":{creator},"deliveredAt":"{delivered_p}"}}',
            ),
            CANCELLED: (
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
                    type=CREATED,
                    timestamp=created_at,
                    timestamp_iso=created_iso,
                    received_at=min(self.now, created_at + td(milliseconds=300)),
                    payload=f'{{"sessionId":"{session_id}","event":"{CREATED}",'
                    f'"timestamp":"{created_p}","data":'
                    f"{data[CREATED][1]}}}",
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
            (CREATED, "pending"),
            (PAID, "paid"),
            (CANCELLED, refund),
        ):
            if event_type in present:
                payment_status = word
        shipped = SHIPPED in present
        is_paid = PAID in present
        delivered = DELIVERED in present
        cancelled = present.get(CANCELLED)
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
        arrivals = [event.received_at for event in events]
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
            "creator_id": creator_fields.get("id", ""),
            "creator_slug": creator_fields.get("slug", ""),
            "creator_name": creator_fields.get("name", ""),
            "data": js_object(data_pairs),
            "printora_created_at": created_iso,
            "paid_at": paid_iso if is_paid else NULL,
            "shipped_at": shipped_iso if shipped else NULL,
            "delivered_at": delivered_iso if delivered else NULL,
            # No cancelledAt in the data: the envelope's timestamp stands in.
            "cancelled_at": cancelled.timestamp_iso if cancelled else NULL,
            "first_event_at": events[0].timestamp_iso,
            "last_event_at": last.timestamp_iso,
            "has_synced_events": "f",  # every bench event is a real delivery
            "created": min(arrivals).isoformat(),
            "updated": max(arrivals).isoformat(),
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
        "order_event_id",
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
        # Flows B and C: every bench session is flow A (an image), one item.
        "mode",
        "quantity",
        "variant_id",
    ],
}
