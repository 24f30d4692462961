"""What an incoming event may hold, checked before any of it is stored.

A signed event is stored as it came (its envelope in a JSON column, some fields
in their own columns) and read back by every page of the order book, so one value
a database cannot store, or stores but cannot read back, would fail every retry
of the event, or every page after it. Per field:

- refused (the event is answered 400, with the reason): a string with a NUL
  character or an unpaired surrogate anywhere (PostgreSQL cannot store either),
  a non-finite number, JSON nested deeper than ``MAX_JSON_DEPTH``, an order or
  session id longer than ``MAX_ID_LENGTH``, a time outside ``EARLIEST`` to
  ``LATEST`` (the envelope's ``timestamp`` and every time field of its ``data``),
  a total at or above ``AMOUNT_LIMIT`` (the order book keeps 10 digits and cents);
- clamped (by the order book): any other text to its column's length, an amount
  to cents;
- stored as given: everything else, unknown fields included.

Plain Python, no Django: any integration can use the same bounds.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from decimal import Decimal

MAX_ID_LENGTH = 100
MAX_JSON_DEPTH = 32
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)
AMOUNT_LIMIT = Decimal(10) ** 10


def json_problem(value: object) -> str | None:
    """Why ``value`` (parsed JSON) cannot be stored, naming where; None if it can.

    Iterative, so a deep document cannot exhaust the stack while it is checked.
    """
    stack: list[tuple[object, int, tuple[str | int, ...]]] = [(value, 0, ())]
    while stack:
        node, depth, path = stack.pop()
        if isinstance(node, str):
            problem = text_problem(node)
            if problem:
                return f"{_where(path)} {problem}"
        elif isinstance(node, float):
            if not math.isfinite(node):
                return f"{_where(path)} is not a finite number"
        elif isinstance(node, dict | list):
            if depth >= MAX_JSON_DEPTH:
                return f"JSON is nested deeper than {MAX_JSON_DEPTH} levels at {_where(path)}"
            if isinstance(node, dict):
                for key, child in node.items():
                    problem = text_problem(key)
                    if problem:
                        return f"a key in {_where(path)} {problem}"
                    stack.append((child, depth + 1, (*path, key)))
            else:
                stack.extend((child, depth + 1, (*path, i)) for i, child in enumerate(node))
    return None


def text_problem(text: str) -> str | None:
    if "\x00" in text:
        return "contains a NUL character"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "contains an unpaired surrogate"
    return None


def time_problem(moment: datetime) -> str | None:
    try:
        in_range = EARLIEST <= moment.astimezone(UTC) < LATEST
    except (OverflowError, ValueError):
        in_range = False
    if in_range:
        return None
    return f"must be between {EARLIEST:%Y-%m-%d} and {LATEST:%Y-%m-%d}"


def amount_problem(amount: Decimal) -> str | None:
    if not amount.is_finite() or abs(amount) >= AMOUNT_LIMIT:
        return f"must be a number below {AMOUNT_LIMIT:,}"
    return None


def _where(path: tuple[str | int, ...]) -> str:
    text = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path)
    return text.removeprefix(".")[:200] or "the body"
