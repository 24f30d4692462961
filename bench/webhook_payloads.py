"""The webhook bench's traffic: realistic signed deliveries of order life cycles
(payloads, signatures, duplicates), and the statuses they must leave behind."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import random
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bench.common import (
    CANCELLED,
    CREATED,
    DELIVERED,
    PAID,
    SHIPPED,
    STATUS_OF_EVENT,
)

# Status an order ends in after a given event, and the rank that decides which wins.
EVENT_STATUS = STATUS_OF_EVENT


# Life cycles and how often each occurs.
LIFECYCLES: list[tuple[tuple[str, ...], int]] = [
    ((CREATED, PAID, SHIPPED, DELIVERED), 70),
    ((CREATED, PAID, SHIPPED), 15),
    ((CREATED, PAID, CANCELLED), 8),
    ((CREATED, CANCELLED), 7),
]


# Orders are emitted in waves: every order of a wave gets its created event, then
# every one its paid event, and so on, so one order's events are about a wave apart
# and arrive in life-cycle order even with many connections in flight.
WAVE = 100


PRODUCTS = [
    ("Canvas Print - 16x20", 13.99),
    ("Canvas Print - 24x36", 29.99),
    ("Framed Poster - A3", 24.50),
    ("Premium T-Shirt", 19.00),
    ("Ceramic Mug - 11oz", 9.99),
    ("Throw Pillow - 18x18", 22.00),
    ("Phone Case", 15.49),
    ("Tote Bag", 14.00),
]


VARIANTS = [None, "Black", "White", "M", "L", "Matte", "Glossy"]


FIRST_NAMES = ["John", "Maria", "Wei", "Aisha", "Lucas", "Sofia", "Kenji", "Amara", "Noah", "Ines"]


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
]


ADDRESSES = [
    ("San Francisco", "CA", "941", "United States"),
    ("Austin", "TX", "787", "United States"),
    ("Brooklyn", "NY", "112", "United States"),
    ("Seattle", "WA", "981", "United States"),
    ("Toronto", "ON", "M5V", "Canada"),
    ("London", "", "EC1", "United Kingdom"),
]


STREETS = ["Main St", "Oak Ave", "Market St", "Pine Rd", "Elm St", "Harbour Way"]


CARRIERS = [
    ("UPS", "https://www.ups.com/track?tracknum="),
    ("USPS", "https://tools.usps.com/go/TrackConfirmAction?tLabels="),
    ("DHL", "https://www.dhl.com/track?id="),
]


CREATORS = [
    {"id": "5b0e0c1e-8d55-4a7b-9d7e-2f0b8f6c1a11", "name": "Anya Artwork", "slug": "anya-artwork"},
    {"id": "9c7d4a10-2b3e-4f5a-8b6c-7d8e9f0a1b2c", "name": "Neon Fox", "slug": "neon-fox"},
    None,
]


@dataclass(frozen=True)
class Delivery:
    order_id: str
    event: str
    signature: str
    body: bytes


def sign(body: bytes, secret: str) -> str:
    """What Printora sends in ``x-printora-signature`` (computed here so the bench
    does not depend on ``printora_client``)."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _iso(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


class PayloadFactory:
    """Realistic, distinct orders; one signed body per event."""

    def __init__(self, secret: str, seed: int) -> None:
        self.secret = secret
        self.rng = random.Random(seed)
        self.sequence = 0
        self.clock = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)

    def _uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def order_events(self) -> list[Delivery]:
        rng = self.rng
        self.sequence += 1
        self.clock += dt.timedelta(seconds=rng.randint(5, 90), milliseconds=rng.randint(0, 999))
        lifecycle = rng.choices(
            [events for events, _ in LIFECYCLES], weights=[w for _, w in LIFECYCLES]
        )[0]
        order_id = self._uuid()
        session_id = self._uuid()
        number = f"ORD-2026-{self.sequence:07d}"
        creator = rng.choice(CREATORS)
        items: list[dict[str, Any]] = []
        for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
            name, price = rng.choice(PRODUCTS)
            items.append(
                {
                    "productName": name,
                    "price": price,
                    "quantity": rng.choice((1, 1, 1, 2, 3)),
                    "imageUrl": f"https://cdn.printora.ai/mockups/{self._uuid()}.jpg",
                    "variant": rng.choice(VARIANTS),
                }
            )
        total = round(sum(i["price"] * i["quantity"] for i in items) + 4.99, 2)
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        city, state, zip_prefix, country = rng.choice(ADDRESSES)
        customer = {
            "email": f"{first.lower()}.{last.lower()}.{self.sequence}@example.com",
            "phone": rng.choice((None, f"+1 415 555 {rng.randint(1000, 9999)}")),
            "firstName": first,
            "lastName": last,
        }
        address = {
            "firstName": first,
            "lastName": last,
            "street": f"{rng.randint(1, 999)} {rng.choice(STREETS)}",
            "apartment": rng.choice((None, "", f"Apt {rng.randint(1, 30)}{rng.choice('ABCD')}")),
            "city": city,
            "state": state,
            "zipCode": f"{zip_prefix}{rng.randint(10, 99)}",
            "country": country,
        }
        created_at = self.clock
        paid_at = created_at + dt.timedelta(minutes=rng.randint(1, 60), seconds=rng.random() * 60)
        shipped_at = paid_at + dt.timedelta(days=rng.randint(1, 4), hours=rng.randint(0, 23))
        delivered_at = shipped_at + dt.timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 23))
        cancelled_at = paid_at + dt.timedelta(hours=rng.randint(1, 48))
        carrier, tracking_base = rng.choice(CARRIERS)
        tracking = f"1Z{rng.getrandbits(60):016X}"

        data: dict[str, tuple[dt.datetime, dict[str, Any]]] = {
            CREATED: (
                created_at,
                {
                    "orderNumber": number,
                    "status": "pending",
                    "paymentStatus": "pending",
                    "paymentUrl": f"https://printora.ai/checkout/pay/{order_id[:8]}",
                    "totalAmount": total,
                    "currency": "USD",
                    "creator": creator,
                    "createdAt": _iso(created_at),
                },
            ),
            PAID: (
                paid_at,
                {
                    "orderNumber": number,
                    "status": "processing",
                    "paymentStatus": "paid",
                    "paymentMethod": "stripe",
                    "paidAt": _iso(paid_at),
                    "totalAmount": total,
                    "currency": "USD",
                    "items": items,
                    "customer": customer,
                    "shippingAddress": address,
                    "partnerImageUrl": f"https://dreamcanvas.example/art/{self.sequence}.jpg",
                    "creator": creator,
                    "createdAt": _iso(created_at),
                },
            ),
            SHIPPED: (
                shipped_at,
                {
                    "orderNumber": number,
                    "status": "shipped",
                    "trackingNumber": tracking,
                    "carrier": carrier,
                    "trackingUrl": tracking_base + tracking,
                    "creator": creator,
                    "shippedAt": _iso(shipped_at),
                },
            ),
            DELIVERED: (
                delivered_at,
                {
                    "orderNumber": number,
                    "status": "delivered",
                    "creator": creator,
                    "deliveredAt": _iso(delivered_at),
                },
            ),
            CANCELLED: (
                cancelled_at,
                {
                    "status": "cancelled",
                    "paymentStatus": "refunded" if PAID in lifecycle else "voided",
                    "totalAmount": total,
                    "currency": "USD",
                },
            ),
        }
        deliveries = []
        for event in lifecycle:
            when, fields = data[event]
            envelope = {
                "sessionId": session_id,
                "event": event,
                "timestamp": _iso(when + dt.timedelta(milliseconds=rng.randint(20, 900))),
                "data": {"orderId": order_id, **fields},
            }
            # Compact JSON: no newline inside a body, so a body is one line for wrk.
            body = json.dumps(envelope, separators=(",", ":")).encode()
            deliveries.append(Delivery(order_id, event, sign(body, self.secret), body))
        return deliveries

    def stream(self, count: int) -> list[Delivery]:
        """At least ``count`` deliveries of fresh orders, in waves (see WAVE)."""
        out: list[Delivery] = []
        while len(out) < count:
            wave = [self.order_events() for _ in range(WAVE)]
            for step in range(max(len(events) for events in wave)):
                out.extend(events[step] for events in wave if step < len(events))
        return out


def expected_statuses(streams: Sequence[Sequence[Delivery]], sent: Sequence[int]) -> Counter:
    """Final status of every order, given the first ``sent[i]`` deliveries of stream i."""
    best: dict[str, tuple[int, str]] = {}
    for stream, count in zip(streams, sent, strict=True):
        for delivery in stream[: min(count, len(stream))]:
            status, rank = EVENT_STATUS[delivery.event]
            if rank >= best.get(delivery.order_id, (-1, ""))[0]:
                best[delivery.order_id] = (rank, status)
    return Counter(status for _, status in best.values())
