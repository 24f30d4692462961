"""gunicorn settings for `make serve` and production (`gunicorn -c gunicorn.conf.py ...`)."""

from __future__ import annotations

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND") or (
    f"{os.environ.get('HOST') or '0.0.0.0'}:{os.environ.get('PORT') or '8000'}"  # noqa: S104
)
workers = int(os.environ.get("WEB_CONCURRENCY") or min(4, multiprocessing.cpu_count() * 2))
# Threads: a request to Printora (or to our own sandbox) must not block the worker.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS") or 4)
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
graceful_timeout = 20
keepalive = 5
# Load the app in the master so a configuration error stops start-up once, with
# its one-line message, instead of every worker crashing in a loop.
preload_app = True
accesslog = "-"
# The path without its query string: a dashboard search (?q=<email>) or a
# callback's ids must not land in the access log.
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms "%(a)s"'
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
