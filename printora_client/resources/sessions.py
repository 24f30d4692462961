"""Partner sessions: flow A (an image), flow B (a creator's storefront), flow C (one merch item)."""

from __future__ import annotations

from urllib.parse import quote
from uuid import UUID

from printora_client._arguments import require_text
from printora_client.models import CreateSessionRequest, PartnerSession
from printora_client.resources._base import APIResource, idempotency_key_for, validate_request


class SessionsResource(APIResource):
    """``client.sessions``; ``client.create_session`` and friends call these."""

    def create(
        self,
        *,
        image_url: str | None = None,
        creator_id: str | UUID | None = None,
        merch_id: str | UUID | None = None,
        variant_id: str | UUID | None = None,
        quantity: int | None = None,
        user_email: str | None = None,
        user_name: str | None = None,
        user_first_name: str | None = None,
        user_last_name: str | None = None,
        success_url: str,
        failed_url: str,
        idempotency_key: str | None = None,
    ) -> PartnerSession:
        """Create a partner session; the key sent is on the result as ``idempotency_key``.

        Exactly one of ``image_url`` (flow A), ``creator_id`` (flow B) or
        ``merch_id`` (flow C, optionally with ``variant_id`` and ``quantity``).
        ``user_name`` is also sent split into first and last name; pass
        ``user_first_name``/``user_last_name`` when you know them.
        Pass ``idempotency_key`` (stored before calling) so that a later retry of
        the same logical request, even from another process, reuses it.
        Arguments are validated before any HTTP: ``InvalidRequestError`` with
        ``status=None`` and per-field ``details``.
        """
        user = {
            "email": user_email,
            "name": user_name,
            "first_name": user_first_name,
            "last_name": user_last_name,
        }
        request = validate_request(
            CreateSessionRequest,
            "create_session",
            {
                "image_url": image_url,
                "creator_id": creator_id,
                "merch_id": merch_id,
                "variant_id": variant_id,
                "quantity": quantity,
                "user_data": user if any(v is not None for v in user.values()) else None,
                "success_url": success_url,
                "failed_url": failed_url,
            },
        )
        idempotency_key = idempotency_key_for(idempotency_key)
        response = self._transport.request(
            "POST",
            "/api/v1/partner-session",
            body=request.to_payload(),
            idempotency_key=idempotency_key,
        )
        session = self._transport.parse(response, PartnerSession, idempotency_key)
        if not session.redirect_url:
            raise self._transport.unexpected(
                response, "the created session has no redirectUrl", idempotency_key
            )
        session._idempotency_key = idempotency_key
        return session

    def get(self, session_id: str) -> PartnerSession:
        """Read a session back (with its order, once there is one)."""
        session_id = require_text("session_id", session_id)
        response = self._transport.request(
            "GET", f"/api/v1/partner-session/{quote(session_id, safe='')}"
        )
        return self._transport.parse(response, PartnerSession)

    def get_by_token(self, token: str) -> PartnerSession:
        """Read a session by its editor token (the last segment of the redirect URL)."""
        token = require_text("token", token)
        response = self._transport.request(
            "GET",
            f"/api/v1/partner-session/by-token/{quote(token, safe='')}",
            # The token opens the shopper's editor session: keep it out of logs.
            log_path="/api/v1/partner-session/by-token/<token>",
        )
        return self._transport.parse(response, PartnerSession)
