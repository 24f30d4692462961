"""Printora's side of webhooks: its delivery log, retries and resends."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from printora_client._arguments import new_idempotency_key, require_text
from printora_client.errors import InvalidRequestError
from printora_client.models import WebhookLogPage
from printora_client.resources._base import APIResource, paging_params


class WebhooksResource(APIResource):
    """``client.webhooks``; the flat ``*_webhook_*`` methods of the client call these."""

    def list_logs(
        self,
        *,
        limit: int = 20,
        offset: int = 0,
        status: str | None = None,
        event_type: str | None = None,
    ) -> WebhookLogPage:
        """Printora's log of webhook deliveries to this partner."""
        params = paging_params(
            limit=limit, offset=offset, status=status or None, event_type=event_type or None
        )
        response = self._transport.request("GET", "/api/v1/partners/webhook-logs", params=params)
        return self._transport.parse(response, WebhookLogPage)

    def retry_log(self, log_id: str) -> dict[str, Any]:
        """Ask Printora to deliver a logged webhook again; returns the (unwrapped) JSON reply."""
        log_id = require_text("log_id", str(log_id))
        key = new_idempotency_key()
        response = self._transport.request(
            "POST",
            f"/api/v1/partners/webhook-logs/{quote(log_id, safe='')}/retry",
            idempotency_key=key,
        )
        return self._transport.json_object(response, key)

    def resend(
        self, *, event_type: str, order_id: str | None = None, session_id: str | None = None
    ) -> dict[str, Any]:
        """Ask Printora to send an event again for one order or one session."""
        event_type = require_text("event_type", event_type)
        if (order_id is None) == (session_id is None):
            raise InvalidRequestError(
                "give exactly one of order_id or session_id",
                details=[{"field": None, "message": "exactly one of order_id or session_id"}],
            )
        body: dict[str, Any] = {"eventType": event_type}
        if order_id is not None:
            body["orderId"] = require_text("order_id", order_id)
        else:
            body["sessionId"] = require_text("session_id", session_id)
        key = new_idempotency_key()
        response = self._transport.request(
            "POST", "/api/v1/partners/webhooks/resend", body=body, idempotency_key=key
        )
        return self._transport.json_object(response, key)
