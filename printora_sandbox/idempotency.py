"""Replays of the creator platform's POSTs (creators, merch, edit sessions) by Idempotency-Key.

Printora's contract asks partners to send an ``Idempotency-Key`` on every POST
so that a retry after a lost answer creates nothing twice. The first answer
(2xx only: an error creates nothing) is kept per partner and key; the same key
with the same path and body gets that answer again, with another body
``409 IDEMPOTENCY_KEY_REUSED``. Without a key the POST simply runs: Printora
does not require one on these endpoints.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.http import JsonResponse

from printora_sandbox.api import ApiError, PartnerRequest
from printora_sandbox.models import SandboxIdempotentReply
from printora_sandbox.services import fingerprint


def replay_or_run(request: PartnerRequest, run: Callable[[], JsonResponse]) -> JsonResponse:
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key:
        return run()
    if len(key) > 255:
        raise ApiError(400, "VALIDATION_ERROR", "Idempotency-Key is longer than 255 characters")
    digest = fingerprint({"path": request.path, "body": request.body.decode(errors="replace")})
    stored = _stored(request.partner, key, digest)
    if stored is not None:
        return stored
    try:
        with transaction.atomic():
            response = run()
            if 200 <= response.status_code < 300:
                SandboxIdempotentReply.objects.create(
                    partner=request.partner,
                    key=key,
                    request_fingerprint=digest,
                    status=response.status_code,
                    body=json.loads(response.content),
                )
    except IntegrityError:
        # A concurrent request with this key won: undo ours and answer as it did.
        stored = _stored(request.partner, key, digest)
        if stored is None:
            raise
        return stored
    return response


def _stored(partner: str, key: str, digest: str) -> JsonResponse | None:
    reply = SandboxIdempotentReply.objects.filter(partner=partner, key=key).first()
    if reply is None:
        return None
    if reply.request_fingerprint != digest:
        raise ApiError(
            409,
            "IDEMPOTENCY_KEY_REUSED",
            "This Idempotency-Key was already used with a different request",
        )
    return JsonResponse(reply.body, status=reply.status)
