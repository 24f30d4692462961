"""Delivers sandbox webhooks like Printora does: signed, off the request thread, with retries.

Every event is a ``SandboxWebhookLog`` row and every attempt is appended to it,
so pending retries survive a restart: whichever process runs ``run_due`` next
picks them up. A row is claimed with a conditional update before it is sent,
so two workers never send the same attempt.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from datetime import datetime, timedelta
from typing import Any, Protocol

import requests
from django.conf import settings
from django.db import close_old_connections, connections, transaction
from django.utils import timezone

from printora_client.signatures import sign
from printora_sandbox.events import iso
from printora_sandbox.models import SandboxOrder, SandboxWebhookLog

logger = logging.getLogger(__name__)

# Printora's schedule: the first attempt at once, then 1 min, 5 min, 30 min and
# 2 h after each failure; after five failed attempts the delivery is "failed".
RETRY_DELAYS = (0, 60, 300, 1800, 7200)
MAX_ATTEMPTS = len(RETRY_DELAYS)
# How long a claimed row stays hidden from other dispatchers while being sent.
CLAIM_LEASE = timedelta(seconds=60)
USER_AGENT = "Printora-Webhook/1.0"
EXCERPT_LENGTH = 500


def queue(
    *,
    event_type: str,
    session_id: str,
    body: str,
    order: SandboxOrder | None = None,
    note: str = "",
) -> SandboxWebhookLog:
    """Store one event to deliver; the background dispatcher sends it after commit."""
    log = SandboxWebhookLog.objects.create(
        order=order,
        session_id=session_id,
        event_type=event_type,
        body=body,
        url=settings.SANDBOX_WEBHOOK_URL,
        note=note,
        next_attempt_at=timezone.now(),
    )
    transaction.on_commit(wake)
    return log


class Reply(Protocol):
    @property
    def status_code(self) -> int: ...
    @property
    def text(self) -> str: ...


class Transport(Protocol):
    """What the dispatcher posts with: a ``requests.Session``, or a test's stand-in."""

    def post(self, url: str, *, data: bytes, headers: dict[str, str], timeout: float) -> Reply: ...


class Dispatcher:
    def __init__(self, *, http: Transport | None = None, timeout: float = 5.0) -> None:
        self.http = http or requests.Session()
        self.timeout = timeout

    def run_due(self, *, limit: int = 50) -> int:
        """Attempt every delivery that is due now; return how many were attempted."""
        now = timezone.now()
        due = SandboxWebhookLog.objects.filter(
            status__in=[SandboxWebhookLog.Status.PENDING, SandboxWebhookLog.Status.RETRYING],
            next_attempt_at__lte=now,
        ).order_by("next_attempt_at", "id")[:limit]
        attempted = 0
        for log in due:
            # The lease starts when the row is claimed, not when the batch began.
            if self._claim(log, timezone.now()):
                self.attempt(log)
                attempted += 1
        return attempted

    def _claim(self, log: SandboxWebhookLog, now: datetime) -> bool:
        claimed = SandboxWebhookLog.objects.filter(
            pk=log.pk, next_attempt_at=log.next_attempt_at, status=log.status
        ).update(next_attempt_at=now + CLAIM_LEASE)
        return claimed == 1

    def attempt(self, log: SandboxWebhookLog) -> dict[str, Any]:
        """Send ``log`` once, record the attempt and schedule the next one if it failed."""
        body = log.body.encode()
        started = time.perf_counter()
        record: dict[str, Any] = {"at": iso(timezone.now())}
        try:
            headers = {
                "Content-Type": "application/json",
                "User-Agent": USER_AGENT,
                "x-printora-signature": sign(body, settings.PRINTORA_WEBHOOK_SECRETS[0]),
            }
            response = self.http.post(log.url, data=body, headers=headers, timeout=self.timeout)
            record.update(status=response.status_code, response=response.text[:EXCERPT_LENGTH])
            delivered = 200 <= response.status_code < 300
        except Exception as exc:  # any failure is a failed attempt, never a lost event
            record.update(status=None, error=type(exc).__name__)
            delivered = False
        record["ms"] = round((time.perf_counter() - started) * 1000, 1)
        self._record(log.pk, record, delivered)
        logger.info(
            "sandbox webhook log=%s event=%s status=%s ms=%s",
            log.pk,
            log.event_type,
            record.get("status"),
            record["ms"],
        )
        return record

    @staticmethod
    @transaction.atomic
    def _record(log_id: int, record: dict[str, Any], delivered: bool) -> None:
        # Re-read under a lock: an operator may have pressed "retry" meanwhile.
        log = SandboxWebhookLog.objects.select_for_update().get(pk=log_id)
        log.attempts = [*log.attempts, record]
        made = attempts_this_round(log)
        if delivered:
            log.status, log.next_attempt_at = SandboxWebhookLog.Status.SENT, None
        elif made >= MAX_ATTEMPTS:
            log.status, log.next_attempt_at = SandboxWebhookLog.Status.FAILED, None
        else:
            delay = RETRY_DELAYS[made] * settings.SANDBOX_RETRY_SCALE
            log.status = SandboxWebhookLog.Status.RETRYING
            log.next_attempt_at = timezone.now() + timedelta(seconds=delay)
        log.save(update_fields=["attempts", "status", "next_attempt_at"])


@transaction.atomic
def retry_now(log: SandboxWebhookLog) -> bool:
    """Printora's "retry" button: a new round of attempts, starting now.

    Earlier attempts stay in the log; a marker starts the new round's count. A
    delivery that is still pending (about to be sent) is left alone: returns False.
    """
    fresh = SandboxWebhookLog.objects.select_for_update().get(pk=log.pk)
    if fresh.status == SandboxWebhookLog.Status.PENDING:
        return False
    now = timezone.now()
    fresh.status = SandboxWebhookLog.Status.PENDING
    fresh.attempts = [*fresh.attempts, {"at": iso(now), "retry_requested": True}]
    fresh.next_attempt_at = now
    fresh.save(update_fields=["status", "attempts", "next_attempt_at"])
    transaction.on_commit(wake)
    log.refresh_from_db()
    return True


def attempts_this_round(log: SandboxWebhookLog) -> int:
    made = 0
    for record in reversed(log.attempts):
        if record.get("retry_requested"):
            break
        made += 1
    return made


# --- The background thread: one per process, started on demand -----------------------

_wakeup = threading.Event()
_stopping = threading.Event()
_lock = threading.Lock()
_thread: threading.Thread | None = None
_started_in_pid: int | None = None
POLL_SECONDS = 1.0


def wake() -> None:
    _wakeup.set()


def ensure_running() -> None:
    """Start this process's dispatcher thread if it is not running yet.

    Keyed on the process id: a gunicorn worker forked from a master that had a
    thread does not inherit it, and must start its own.
    """
    global _started_in_pid, _thread
    if not settings.SANDBOX_BACKGROUND_DISPATCH or _started_in_pid == os.getpid():
        return
    with _lock:
        if _started_in_pid == os.getpid():
            return
        _stopping.clear()
        _thread = threading.Thread(target=_loop, name="sandbox-webhooks", daemon=True)
        _thread.start()
        _started_in_pid = os.getpid()


def stop(timeout: float = 5.0) -> None:
    """Stop this process's dispatcher thread (tests; a clean shutdown)."""
    global _started_in_pid
    with _lock:
        _stopping.set()
        _wakeup.set()
        if _thread is not None:
            _thread.join(timeout)
        _started_in_pid = None


def _loop() -> None:
    dispatcher = Dispatcher()
    while not _stopping.is_set():
        _wakeup.wait(timeout=POLL_SECONDS)
        if _stopping.is_set():
            break
        _wakeup.clear()
        try:
            close_old_connections()
            while dispatcher.run_due():
                pass
        except Exception:
            logger.exception("sandbox webhook dispatcher failed; trying again shortly")
        finally:
            close_old_connections()
    connections.close_all()
