"""HMAC-SHA256 signatures of webhook bodies (``x-printora-signature``).

The signature covers the raw request bytes: verify before parsing, and never
re-serialise the JSON (key order and spacing would change the bytes).
"""

from __future__ import annotations

import hashlib
import hmac
import string
from collections.abc import Iterable

SIGNATURE_PREFIX = "sha256="
_HEX_LENGTH = hashlib.sha256().digest_size * 2
_HEX_DIGITS = frozenset(string.hexdigits)


def _digest(body: bytes, secret: str) -> str:
    return hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def _as_bytes(body: bytes | bytearray | memoryview) -> bytes:
    if isinstance(body, str):
        raise TypeError("sign/verify need the raw body bytes, not a decoded str")
    return bytes(body)


def _secrets(secret: str | Iterable[str] | None) -> list[str]:
    # A comma-separated string lets PRINTORA_WEBHOOK_SECRET hold the old and
    # the new secret while a rotation is in progress.
    if secret is None:
        return []
    candidates = secret.split(",") if isinstance(secret, str) else list(secret)
    return [c.strip() for c in candidates if isinstance(c, str) and c.strip()]


def sign(body: bytes, secret: str) -> str:
    """``"sha256=<lowercase hex HMAC-SHA256 of body>"`` keyed with one webhook secret."""
    secrets = _secrets(secret)
    if len(secrets) != 1:
        raise ValueError("sign() needs exactly one non-empty secret (no comma-separated list)")
    return SIGNATURE_PREFIX + _digest(_as_bytes(body), secrets[0])


def _normalise_header(header: str | bytes | None) -> str | None:
    if isinstance(header, bytes):
        try:
            header = header.decode("ascii")
        except UnicodeDecodeError:
            return None
    if not isinstance(header, str):
        return None
    candidate = header.strip()
    if candidate[: len(SIGNATURE_PREFIX)].lower() == SIGNATURE_PREFIX:
        candidate = candidate[len(SIGNATURE_PREFIX) :]
    if len(candidate) != _HEX_LENGTH or not _HEX_DIGITS.issuperset(candidate):
        return None
    return candidate.lower()


def verify(
    body: bytes,
    header: str | None,
    secret: str | Iterable[str] | None,
) -> bool:
    """True when ``header`` is a valid signature of ``body`` under any of the secrets.

    Never raises on a malformed header (the receiver answers 401, not 500).
    An empty secret validates nothing.
    """
    raw = _as_bytes(body)
    candidate = _normalise_header(header)
    secrets = _secrets(secret)
    if candidate is None or not secrets:
        return False
    matched = False
    for each in secrets:
        # Check every secret, so timing does not reveal which one matched.
        matched |= hmac.compare_digest(_digest(raw, each), candidate)
    return matched
