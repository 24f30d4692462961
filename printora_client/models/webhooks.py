"""Webhooks: Printora's delivery log (partner side) and the event envelope it POSTs."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import AliasChoices, Field, Strict, StringConstraints

from printora_client.events import EVENT_NAMES
from printora_client.models._base import Page, PrintoraModel, Timestamp
from printora_client.models.orders import OrderData

# The registry in printora_client.events is the one place that names event types.
KNOWN_EVENTS: tuple[str, ...] = EVENT_NAMES


class WebhookLog(PrintoraModel):
    id: str
    event_type: str | None = None
    status: str | None = None
    attempts: int | None = None
    url: str | None = None
    order_id: str | None = None
    session_id: str | None = None
    response_status: int | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None
    last_attempt_at: Timestamp | None = None
    next_retry_at: Timestamp | None = None


class WebhookLogPage(Page):
    items_field: ClassVar[str] = "logs"

    logs: list[WebhookLog] = Field(
        default_factory=list,
        validation_alias=AliasChoices("logs", "webhookLogs", "webhook_logs", "items"),
    )


class WebhookEvent(PrintoraModel):
    """The envelope Printora POSTs to the partner; parse it only after verifying the signature."""

    # The envelope has its own "data" key: never mistake it for a response wrapper.
    unwraps_envelope: ClassVar[bool] = False

    # Strict: the base config turns numbers into strings (ids), but an envelope
    # whose event or session id is a number is malformed, not an unknown event.
    session_id: Annotated[str, Strict(), StringConstraints(min_length=1)]
    event: Annotated[str, Strict(), StringConstraints(min_length=1)]
    timestamp: Timestamp
    data: OrderData

    @property
    def is_known(self) -> bool:
        """False for event types this client does not know (they should be acknowledged)."""
        return self.event in KNOWN_EVENTS
