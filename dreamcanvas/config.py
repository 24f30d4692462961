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
    # Django's generated "django-insecure-..." keys and our own public development key.
    "insecure",
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


REDIS_CACHE = "django.core.cache.backends.redis.RedisCache"
LOCMEM_CACHE = "django.core.cache.backends.locmem.LocMemCache"


def cache(url: str) -> dict:
    """Parse CACHE_URL into Django's CACHES["default"]: ``locmem://`` (one process,
    `make run`) or ``redis://HOST:6379/DB`` / ``rediss://`` (shared by every worker
    and host: production). Redis always goes through Django's own RedisCache."""
    scheme = url.partition("://")[0].lower()
    if scheme in ("locmem", "locmemcache"):
        return {"BACKEND": LOCMEM_CACHE, "LOCATION": url.partition("://")[2] or "dreamcanvas"}
    try:
        if scheme not in ("redis", "rediss"):
            raise ValueError(scheme)
        parsed = environ.Env.cache_url_config(url, backend=REDIS_CACHE)
    except Exception:
        # The URL may hold a password: name the variable, never echo the value.
        raise ConfigError(
            "CACHE_URL must be locmem:// or a Redis URL such as redis://127.0.0.1:6379/0 "
            "(rediss:// for TLS)."
        ) from None
    return parsed


def cache_warnings(cache: dict, *, debug: bool) -> list[str]:
    """A production site whose workers keep their own counts limits nobody reliably."""
    if debug or cache["BACKEND"] != LOCMEM_CACHE:
        return []
    return [
        "CACHE_URL is local memory: each worker keeps its own rate-limit counts and cached "
        "summaries; set CACHE_URL=redis://HOST:6379/0 when running more than one worker."
    ]


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


# --- Sandbox or real Printora: what may be public (issue 9, item 1) ---------------
# Kept apart from the URL helpers above: these decide whether customer data can be
# public, so they are read together.

SANDBOX_API_KEY_PREFIX = "pk_test_sandbox_"
SANDBOX_WEBHOOK_SECRET_PREFIX = "whsec_sandbox_"  # noqa: S105 (a prefix, not a secret)


def sandbox_mode(*, debug: bool, api_key: str, explicit: str) -> bool:
    """Whether the built-in sandbox stands in for Printora.

    With ``DEBUG`` on, a missing API key still means "sandbox" (``make run``). In
    production the sandbox is a public demo, so it must be asked for by name: a
    missing or misspelt key must never quietly publish real customers' data.
    """
    if explicit:
        sandbox = boolean("PRINTORA_SANDBOX", explicit)
    elif debug:
        sandbox = not api_key
    else:
        sandbox = False
    if not sandbox and not api_key:
        raise ConfigError(
            "PRINTORA_API_KEY is not set: set it (pk_live_... or pk_test_...) to talk to "
            "Printora, or set PRINTORA_SANDBOX=true for a public demo without real customers."
        )
    return sandbox


def sandbox_credentials(*, debug: bool, secret_key: str, dev_secret_key: str) -> tuple[str, str]:
    """The sandbox's own API key and webhook secret, derived from ``SECRET_KEY``.

    The development key is public (it is in this repository): outside ``DEBUG`` a key
    derived from it would let anyone sign webhooks for a deployed demo.
    """
    if not debug and (not secret_key or secret_key == dev_secret_key):
        raise ConfigError("SECRET_KEY must be set to your own random value when DEBUG=false.")
    base = secret_key or dev_secret_key
    return (
        derived_secret(base, SANDBOX_API_KEY_PREFIX),
        derived_secret(base, SANDBOX_WEBHOOK_SECRET_PREFIX),
    )


def refuse_real_looking_demo(*, api_key: str, webhook_secrets: list[str], own_secret: str) -> None:
    """A public demo (sandbox, ``DEBUG`` off) must not be fed real credentials.

    A live key, or a webhook secret other than the sandbox's own, means real
    Printora events could arrive and be shown on the demo's public pages.
    """
    if api_key.startswith("pk_live_"):
        raise ConfigError(
            "PRINTORA_SANDBOX=true cannot be used with a live PRINTORA_API_KEY (pk_live_...): "
            "unset PRINTORA_SANDBOX for a real shop."
        )
    if any(secret != own_secret for secret in webhook_secrets):
        raise ConfigError(
            "PRINTORA_SANDBOX=true cannot be used with a PRINTORA_WEBHOOK_SECRET of your own: "
            "the public demo would accept and show real Printora orders. Unset one of them."
        )


def trusted_proxies(value: str) -> list[str]:
    """TRUSTED_PROXIES: comma-separated addresses or networks (``10.0.0.0/8``)."""
    networks = []
    for part in (p.strip() for p in value.split(",")):
        if not part:
            continue
        try:
            networks.append(str(ipaddress.ip_network(part, strict=False)))
        except ValueError:
            raise ConfigError(
                "TRUSTED_PROXIES must be comma-separated IP addresses or networks, "
                "such as 127.0.0.1 or 10.0.0.0/8."
            ) from None
    return networks


def postgres_timeouts(database: dict, *, lock_seconds: float, statement_seconds: float) -> dict:
    """Server-side lock and statement timeouts for PostgreSQL connections.

    Without them a long table lock holds every worker thread that touches the table
    until it is released; with them the request fails fast (the webhook answers 5xx
    and Printora retries) and the other threads keep serving. ``options`` given in
    DATABASE_URL (``?options=-c%20lock_timeout%3D...``) win over these.
    """
    if database.get("ENGINE") != "django.db.backends.postgresql":
        return database
    options = database.setdefault("OPTIONS", {})
    if "options" not in options:
        flags = [
            f"-c lock_timeout={int(lock_seconds * 1000)}",
            f"-c statement_timeout={int(statement_seconds * 1000)}",
        ]
        options["options"] = " ".join(flags)
    return database


def postgres_prepared_statements(database: dict, *, enabled: bool) -> dict:
    """Let ``dreamcanvas.sql`` prepare its hot statements on PostgreSQL connections.

    psycopg prepares only statements sent with server-side binding, which Django's
    own cursors never use, so this changes nothing else. Off
    (DATABASE_PREPARED_STATEMENTS=false) behind a pooler in transaction mode that
    does not track prepared statements (PgBouncer before 1.21). A
    ``prepare_threshold`` given in DATABASE_URL wins.
    """
    if database.get("ENGINE") != "django.db.backends.postgresql":
        return database
    database.setdefault("OPTIONS", {}).setdefault("prepare_threshold", 0 if enabled else None)
    return database


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
