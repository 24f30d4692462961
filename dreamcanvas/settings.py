"""Django settings for DreamCanvas.

Every value comes from the environment (and ``.env`` when present), read once here
with django-environ. ``.env.example`` documents each variable. A missing or
malformed value stops start-up with one line naming the variable; see
``dreamcanvas/config.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import environ

from dreamcanvas import config

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
_read_dot_env = os.environ.get("DJANGO_READ_DOT_ENV_FILE", "true")
if config.boolean("DJANGO_READ_DOT_ENV_FILE", _read_dot_env) and (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")

DEV_SECRET_KEY = "dev-only-insecure-key-never-used-when-DEBUG-is-false-0123456789"  # noqa: S105
STAGING_API_URL = "https://api-staging.printora.ai"
PRODUCTION_API_URL = "https://api.printora.ai"


def _value(name: str, default: str = "") -> str:
    """The variable's value; an empty one (``KEY=`` in .env) counts as unset."""
    value = env.str(name, default="").strip()
    return value or default


def _number(name: str, default: str, cast: type) -> int | float:
    try:
        return cast(_value(name, default))
    except ValueError:
        raise config.ConfigError(f"{name} must be a number.") from None


def _checked_url(name: str, value: str) -> str:
    config.http_url(name, value)
    return value


def _read_configuration() -> dict:
    debug = config.boolean("DEBUG", _value("DEBUG", "false"))
    # Unset, APP_URL follows HOST and PORT (make run PORT=8001 → http://127.0.0.1:8001).
    default_app_url = config.default_app_url(_value("HOST"), _value("PORT"))
    app_url = config.http_url(
        "APP_URL", _value("APP_URL", _value("NEXT_PUBLIC_APP_URL", default_app_url))
    )
    secret_key = _value("SECRET_KEY")
    if not debug:
        config.secret_key(secret_key)
    api_key = config.api_key(_value("PRINTORA_API_KEY"))
    sandbox = config.sandbox_mode(debug=debug, api_key=api_key, explicit=_value("PRINTORA_SANDBOX"))
    # The sandbox stands in for Printora on this same site, under /sandbox/.
    if sandbox:
        default_api_url = f"{app_url}/sandbox"
    elif api_key.startswith("pk_live_"):
        default_api_url = PRODUCTION_API_URL
    else:
        default_api_url = STAGING_API_URL
    api_url = config.http_url("PRINTORA_API_URL", _value("PRINTORA_API_URL", default_api_url))
    webhook_secrets = config.webhook_secrets(_value("PRINTORA_WEBHOOK_SECRET"))

    if sandbox:
        # Derived from SECRET_KEY: stable across workers and restarts, yet not a
        # constant that anyone could use to post fake orders to a deployed demo.
        own_key, own_secret = config.sandbox_credentials(
            debug=debug, secret_key=secret_key, dev_secret_key=DEV_SECRET_KEY
        )
        if not debug:
            config.refuse_real_looking_demo(
                api_key=api_key, webhook_secrets=webhook_secrets, own_secret=own_secret
            )
        api_key = api_key or own_key
        webhook_secrets = webhook_secrets or [own_secret]
    if not debug and not sandbox and not webhook_secrets:
        raise config.ConfigError(
            "PRINTORA_WEBHOOK_SECRET is required when PRINTORA_SANDBOX is off: copy the webhook "
            "secret (whsec_...) from the Printora partner dashboard."
        )

    default_hosts = sorted({config.host_of(app_url), "localhost", "127.0.0.1", "[::1]"})
    allowed_hosts = [h.strip() for h in _value("ALLOWED_HOSTS").split(",") if h.strip()]

    return {
        "debug": debug,
        "secret_key": secret_key or DEV_SECRET_KEY,
        "app_url": app_url,
        "api_key": api_key,
        "api_url": api_url,
        "sandbox": sandbox,
        "webhook_secrets": webhook_secrets,
        "database": config.database(_value("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")),
        "allowed_hosts": allowed_hosts or default_hosts,
        "timeout": _number("PRINTORA_TIMEOUT", "10", float),
        "max_retries": _number("PRINTORA_MAX_RETRIES", "2", int),
        "conn_max_age": _number("CONN_MAX_AGE", "60", int),
        "cache": config.cache(_value("CACHE_URL", "locmem://")),
        # Validated, but kept exactly as given: a receiver may or may not want the slash.
        "sandbox_webhook_url": _checked_url(
            "SANDBOX_WEBHOOK_URL", _value("SANDBOX_WEBHOOK_URL", f"{app_url}/api/webhooks/")
        ),
        "sandbox_retry_scale": _number("SANDBOX_RETRY_SCALE", "1", float),
        "webhook_max_body": _number("WEBHOOK_MAX_BODY_BYTES", str(1024 * 1024), int),
        "log_level": config.log_level(_value("LOG_LEVEL", "INFO")),
        # HTTPS: on by default in production; behind a proxy that terminates TLS,
        # set SECURE_PROXY_SSL_HEADER=true so Django trusts X-Forwarded-Proto.
        "ssl_redirect": config.boolean(
            "SECURE_SSL_REDIRECT", _value("SECURE_SSL_REDIRECT", str(not debug))
        ),
        "proxy_ssl_header": config.boolean(
            "SECURE_PROXY_SSL_HEADER", _value("SECURE_PROXY_SSL_HEADER", "false")
        ),
        "hsts_seconds": _number("SECURE_HSTS_SECONDS", "0" if debug else "31536000", int),
        "hsts_preload": config.boolean(
            "SECURE_HSTS_PRELOAD", _value("SECURE_HSTS_PRELOAD", str(not debug))
        ),
        # The dashboard shows customers' personal data: staff only, unless this is
        # a sandbox demo (no real customers) or the partner says otherwise.
        "dashboard_public": config.boolean(
            "DASHBOARD_PUBLIC", _value("DASHBOARD_PUBLIC", str(sandbox))
        ),
    }


def _read_trust_configuration(debug: bool, sandbox: bool) -> dict:
    """Who may reach what, and how the site protects itself (issue 9)."""
    return {
        # Reverse proxies whose X-Forwarded-For we believe (dreamcanvas/clientip.py).
        "trusted_proxies": config.trusted_proxies(_value("TRUSTED_PROXIES")),
        # /create-session/ starts sessions with any image URL on the partner's key: a
        # developer tool, for staff only in production unless opened.
        "create_session_public": config.boolean(
            "CREATE_SESSION_PUBLIC", _value("CREATE_SESSION_PUBLIC", str(debug or sandbox))
        ),
        "db_lock_timeout": _number("DATABASE_LOCK_TIMEOUT", "3", float),
        "db_statement_timeout": _number("DATABASE_STATEMENT_TIMEOUT", "30", float),
        "db_prepared_statements": config.boolean(
            "DATABASE_PREPARED_STATEMENTS", _value("DATABASE_PREPARED_STATEMENTS", "true")
        ),
    }


try:
    _config = _read_configuration()
    _config.update(_read_trust_configuration(_config["debug"], _config["sandbox"]))
except config.ConfigError as exc:
    # SystemExit prints one line and no traceback, whichever command imported us.
    raise SystemExit(f"DreamCanvas configuration error: {exc}") from None

# Logged once at start-up by DreamCanvasConfig.ready(), one line each.
APP_URL_WARNINGS = config.app_url_warnings(_config["app_url"], sandbox=_config["sandbox"])
CACHE_WARNINGS = config.cache_warnings(_config["cache"], debug=_config["debug"])

DEBUG = _config["debug"]
SECRET_KEY = _config["secret_key"]
ALLOWED_HOSTS = _config["allowed_hosts"]
APP_URL = _config["app_url"]
CSRF_TRUSTED_ORIGINS = [config.origin_of(APP_URL)]

PRINTORA_API_KEY = _config["api_key"]
PRINTORA_API_URL = _config["api_url"]
PRINTORA_SANDBOX = _config["sandbox"]
# A list: during a rotation Printora may sign with the old or the new secret.
PRINTORA_WEBHOOK_SECRETS = _config["webhook_secrets"]
PRINTORA_TIMEOUT = _config["timeout"]
PRINTORA_MAX_RETRIES = _config["max_retries"]
# Sandbox: where its webhooks go, and how its retry schedule is scaled (1.0 =
# Printora's real schedule; tests use a tiny factor).
SANDBOX_WEBHOOK_URL = _config["sandbox_webhook_url"]
SANDBOX_RETRY_SCALE = _config["sandbox_retry_scale"]
SANDBOX_RATE_LIMIT_PER_MINUTE = 60
# "Print on Product" tries per client address per minute (protects the Printora quota).
SESSION_RATE_LIMIT_PER_MINUTE = 10
SANDBOX_BACKGROUND_DISPATCH = True
DASHBOARD_PUBLIC = _config["dashboard_public"]
CREATE_SESSION_PUBLIC = _config["create_session_public"]
TRUSTED_PROXIES = _config["trusted_proxies"]
# Failed sign-ins (staff login and /admin/login/) per account and per client address,
# counted over LOGIN_FAILURE_WINDOW seconds; successful sign-ins are never counted.
LOGIN_FAILURES_PER_ACCOUNT = 5
LOGIN_FAILURES_PER_CLIENT = 20
LOGIN_FAILURE_WINDOW = 15 * 60
# Tracebacks (DEBUG pages, error e-mails) never show secrets, in any mode.
DEFAULT_EXCEPTION_REPORTER_FILTER = "dreamcanvas.reporting.SecretsFilter"
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/dashboard/"
LOGOUT_REDIRECT_URL = "/"
# Security headers. `manage.py check --deploy` is clean with the production defaults.
SECURE_SSL_REDIRECT = _config["ssl_redirect"]
# The health check answers over plain HTTP for load balancers.
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]
if _config["proxy_ssl_header"]:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = _config["hsts_seconds"]
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = _config["hsts_preload"] and SECURE_HSTS_SECONDS > 0
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin-allow-popups"  # the editor opens in a new tab
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
# No inline scripts anywhere (templates load static files only); inline styles
# are allowed for the few colour custom properties set in templates.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        # Artwork and partner images may live on any CDN.
        "img-src 'self' data: https:" + (" http:" if DEBUG else ""),
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
        # The no-JS "Print on Product" form is answered with a redirect to Printora.
        "form-action 'self' https:" + (" http:" if DEBUG else ""),
    ]
)

# Webhook bodies above this size get 413 without being read.
WEBHOOK_MAX_BODY_BYTES = _config["webhook_max_body"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "dreamcanvas",
    "orders",
    "webhooks",
    "gallery",
    "sessions_app",
]
if PRINTORA_SANDBOX:
    INSTALLED_APPS.append("printora_sandbox")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "dreamcanvas.middleware.reject_nul_bytes",
    "dreamcanvas.middleware.content_security_policy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
if PRINTORA_SANDBOX:
    # Resumes pending sandbox webhook deliveries after a restart.
    MIDDLEWARE.append("printora_sandbox.middleware.start_webhook_dispatcher")

ROOT_URLCONF = "dreamcanvas.urls"
WSGI_APPLICATION = "dreamcanvas.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dreamcanvas.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": config.postgres_timeouts(
        _config["database"],
        lock_seconds=_config["db_lock_timeout"],
        statement_seconds=_config["db_statement_timeout"],
    )
}
config.postgres_prepared_statements(DATABASES["default"], enabled=_config["db_prepared_statements"])
DATABASES["default"]["CONN_MAX_AGE"] = _config["conn_max_age"]
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rate-limit counters and the dashboard's cached summary (CACHE_URL: Redis in production).
CACHES = {"default": _config["cache"]}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": _config["log_level"]},
    "loggers": {
        # urllib3 logs full URLs at DEBUG; keep it quiet even when LOG_LEVEL=DEBUG.
        "urllib3": {"level": "WARNING"},
    },
}
