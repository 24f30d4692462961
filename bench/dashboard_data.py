"""The dashboard bench's order book, part 1: the people, products and places it draws
from, and the fast JSON/COPY text helpers (see dashboard_book.py)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: bench/ is on the path, not the project
    sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    CANCELLED,
    CREATED,
    DELIVERED,
    PAID,
    SHIPPED,
)

# --------------------------------------------------------------------------- the data

# Life cycles of an order and how often each occurs. Events later than "now" have
# not happened yet, so recent orders are still pending, paid or shipped.
LIFECYCLES: list[tuple[tuple[str, ...], int]] = [
    ((CREATED, PAID, SHIPPED, DELIVERED), 77),
    # Refunded after delivery: the status stays delivered, the payment is refunded.
    ((CREATED, PAID, SHIPPED, DELIVERED, CANCELLED), 2),
    ((CREATED, PAID, SHIPPED), 2),  # never scanned as delivered
    ((CREATED, PAID, CANCELLED), 6),  # refunded before shipping
    ((CREATED, CANCELLED), 5),  # checkout voided
    ((CREATED,), 8),  # checkout abandoned: pending for ever
]
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
    CREATED: "pending",
    PAID: "processing",
    SHIPPED: "shipped",
    DELIVERED: "delivered",
    CANCELLED: "cancelled",
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
