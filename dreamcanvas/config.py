"""Validation of environment configuration.

Settings call these while reading the environment, so that a missing or malformed
value stops start-up with one line naming the variable instead of failing later
with a traceback. Messages never contain the offending value: it may be a secret.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from urllib.parse import urlsplit

import environ

API_KEY_PREFIXES = ("pk_test_", "pk_live_")

# Django's own deploy check (security.W009) wants at least 50 characters and
# 5 distinct ones; we refuse the same keys at start-up rather than warn later.
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE_CHARS = 5
_PLACEHOLDER_MARKERS = (
    "change-me",
    "changeme",
    "change_me",
    "replace-me",
    "replace_me",
    "placeholder",
    "your-secret",
    "your_secret",
    "django-insecure",
    "example",
)


class ConfigError(ValueError):
    """A configuration value is missing or malformed; the message names the variable."""


def http_url(name: str, value: str) -> str:
    """Return ``value`` without a trailing slash if it is an absolute http(s) URL."""
    value = value.strip()
    try:
        parts = urlsplit(value)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        parts, port_ok = None, False
    if (
        not parts
        or not port_ok
        or parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.query
        or parts.fragment
        or any(ch.isspace() for ch in value)
    ):
        raise ConfigError(
            f"{name} must be an absolute http(s) URL such as https://example.com "
            "(no query string or fragment)."
        )
    return value.rstrip("/")


def api_key(value: str) -> str:
    value = value.strip()
    if value and not value.startswith(API_KEY_PREFIXES):
        raise ConfigError(
            "PRINTORA_API_KEY must start with pk_test_ (staging) or pk_live_ (production); "
            "copy it from the Printora partner dashboard."
        )
    return value


def secret_key(value: str) -> str:
    lowered = value.lower()
    if (
        len(value) < SECRET_KEY_MIN_LENGTH
        or len(set(value)) < SECRET_KEY_MIN_UNIQUE_CHARS
        or any(marker in lowered for marker in _PLACEHOLDER_MARKERS)
    ):
        raise ConfigError(
            "SECRET_KEY is missing, too short or a placeholder: with DEBUG=false set it to a "
            f"random string of at least {SECRET_KEY_MIN_LENGTH} characters, e.g. the output of "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
        )
    return value


def webhook_secrets(value: str) -> list[str]:
    """Split a comma-separated list of webhook secrets (several during a rotation)."""
    return [part.strip() for part in value.split(",") if part.strip()]


def host_of(url: str) -> str:
    return urlsplit(url).hostname or ""


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off", ""})


def boolean(name: str, value: str) -> bool:
    """Strict boolean: a typo such as DEBUG=flase must not silently mean False."""
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ConfigError(f"{name} must be true or false (also accepted: 1/0, yes/no, on/off).")


def database(url: str) -> dict:
    """Parse DATABASE_URL into Django's DATABASES entry."""
    try:
        parsed = environ.Env.db_url_config(url)
    except Exception:
        parsed = {}
    if not parsed.get("ENGINE") or not parsed.get("NAME"):
        # The URL may hold a password: name the variable, never echo the value.
        raise ConfigError(
            "DATABASE_URL must be a database URL such as sqlite:///db.sqlite3 or "
            "postgres://user:password@host:5432/dbname."
        )
    if parsed["ENGINE"] == "django.db.backends.sqlite3":
        # Several threads write (the server, the sandbox's webhook sender): take the
        # write lock when a transaction starts and wait for it, rather than failing
        # with "database is locked" halfway through.
        # WAL lets readers work while one connection writes, and synchronous=NORMAL
        # (safe with WAL) makes a commit cost a write, not several fsyncs.
        parsed.setdefault("OPTIONS", {}).update(
            transaction_mode="IMMEDIATE",
            timeout=20,
            init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        )
    return parsed


def derived_secret(secret_key: str, prefix: str) -> str:
    """A stable secret derived from SECRET_KEY, for the sandbox's key and webhook secret."""
    digest = hmac.new(secret_key.encode(), prefix.encode(), hashlib.sha256).hexdigest()
    return prefix + digest[:32]


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def log_level(value: str) -> str:
    level = value.strip().upper()
    if level not in LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}.")
    return level


# --- APP_URL: its default and its start-up warnings ------------------------------------
# Kept apart from the checks above: they answer "where does this site live?", not "is
# this value well formed?".

_ANY_ADDRESS = {"", "0.0.0.0", "::", "[::]"}  # noqa: S104 (a bind address, not a bind)
_LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def default_app_url(host: str, port: str) -> str:
    """APP_URL when it is not set: where `make run` / `make serve` listen (HOST, PORT).

    A server bound to every address is reached on 127.0.0.1 from this machine, which is
    what the sandbox (the site calling itself) needs.
    """
    host = host.strip()
    port = port.strip() or "8000"
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ConfigError("PORT must be a TCP port number between 1 and 65535.")
    if host in _ANY_ADDRESS:
        host = "127.0.0.1"
    elif ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 address in a URL
    return f"http://{host}:{int(port)}"


def is_loopback(url: str) -> bool:
    host = host_of(url).lower()
    if host in _LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def app_url_warnings(app_url: str, *, sandbox: bool) -> list[str]:
    """One line per reason Printora (staging or production) could not use APP_URL.

    In sandbox mode the site talks to itself, so a loopback http:// URL is fine.
    """
    if sandbox:
        return []
    warnings = []
    if is_loopback(app_url):
        warnings.append(
            "APP_URL is a loopback address: Printora cannot fetch artwork images or reach the "
            "webhook there; use the public URL (a tunnel when on a laptop, see docs/DEPLOYMENT.md)."
        )
    if not app_url.startswith("https://"):
        warnings.append(
            "APP_URL is not HTTPS: Printora expects https:// image, callback and webhook URLs."
        )
    return warnings
