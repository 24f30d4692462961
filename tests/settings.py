"""Settings for the test suite: the real settings, with a test-only environment.

pytest-django imports settings before any conftest runs, so the environment the
tests need is prepared here rather than in a fixture.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ["DJANGO_READ_DOT_ENV_FILE"] = "false"  # a developer's .env must not leak in
# No statement timeout in tests: the test runner's DROP DATABASE at teardown runs on a
# connection with these options, and on a loaded machine it can take longer than
# production's 30 s. The lock timeout stays (tests/dreamcanvas/test_database_timeouts.py).
os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT", "0")
# The suite runs the sandbox as a public demo would: explicitly, with DEBUG off.
os.environ.setdefault("PRINTORA_SANDBOX", "true")
os.environ.setdefault("SECRET_KEY", "test-secret-key-" + "x9K2mQ7vL4pR8sT1wY6zA3bN5cD0eF" * 2)

from dreamcanvas.settings import *  # noqa: F403

# The manifest exists only after collectstatic; tests serve files as they are.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not Django's shared in-memory database: live-server threads and the
    # sandbox's sender then use connections of their own, as in production.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"dreamcanvas-test-{os.getpid()}.sqlite3")
    }
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Serve static files straight from the finders, as runserver does.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests drive sandbox webhook delivery explicitly (Dispatcher.run_due) instead of
# through a background thread, except the test that exercises that thread.
SANDBOX_BACKGROUND_DISPATCH = False
SANDBOX_RETRY_SCALE = 0.0
# The test client and live_server speak plain HTTP; production's HTTPS settings
# are checked by tests/dreamcanvas/test_deploy_checks.py in a subprocess.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
