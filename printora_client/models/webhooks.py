"""Webhooks: Printora's delivery log (partner side) and the event envelope it POSTs."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import AliasChoices, Field, Strict, StringConstraints, model_validator
from pydantic.alias_generators import to_camel
from pydantic_core import PydanticCustomError

from printora_client.events import EVENT_NAMES, EVENT_TYPES
from printora_client.models import bounds
from printora_client.models._base import Page, PrintoraModel, Timestamp
from printora_client.models.orders import OrderData

# Every time field of an event's data (createdAt, paidAt, ...), from the registry.
_TIME_FIELDS = tuple(event.time_attribute for event in EVENT_TYPES)

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
    session_id: Annotated[
        str, Strict(), StringConstraints(min_length=1, max_length=bounds.MAX_ID_LENGTH)
    ]
    event: Annotated[str, Strict(), StringConstraints(min_length=1)]
    timestamp: Timestamp
    data: OrderData

    @model_validator(mode="before")
    @classmethod
    def _storable_json(cls, value: Any) -> Any:
        # Before anything else: no part of an envelope that fails here is stored.
        problem = bounds.json_problem(value)
        if problem:
            raise PydanticCustomError("unstorable", problem)
        return value

    @model_validator(mode="after")
    def _within_bounds(self) -> WebhookEvent:
        """The bounds of ``printora_client.models.bounds``, each naming its field."""
        data = self.data
        problems = [
            ("timestamp", bounds.time_problem(self.timestamp)),
            *(
                (f"data.{to_camel(name)}", bounds.time_problem(moment))
                for name in _TIME_FIELDS
                if (moment := getattr(data, name)) is not None
            ),
        ]
        if data.order_id is not None and len(data.order_id) > bounds.MAX_ID_LENGTH:
            problems.append(("data.orderId", f"must be at most {bounds.MAX_ID_LENGTH} characters"))
        if data.total_amount is not None:
            problems.append(("data.totalAmount", bounds.amount_problem(data.total_amount)))
        for field_name, problem in problems:
            if problem:
                raise PydanticCustomError("out_of_bounds", f"{field_name} {problem}")
        return self

    @property
    def is_known(self) -> bool:
        """False for event types this client does not know (they should be acknowledged)."""
        return self.event in KNOWN_EVENTS
