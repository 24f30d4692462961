"""Settings for the test suite: the real settings, with a test-only environment.

pytest-django imports settings before any conftest runs, so the environment the
tests need is prepared here rather than in a fixture.
"""

from __future__ import annotations

import os

os.environ["DJANGO_READ_DOT_ENV_FILE"] = "false"  # a developer's .env must not leak in
os.environ.setdefault("SECRET_KEY", "test-secret-key-" + "x9K2mQ7vL4pR8sT1wY6zA3bN5cD0eF" * 2)

from dreamcanvas.settings import *  # noqa: F403

# The manifest exists only after collectstatic; tests serve files as they are.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Serve static files straight from the finders, as runserver does.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
