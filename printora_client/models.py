"""Pydantic models for what the client sends to and reads from Printora.

Printora's documents disagree on spelling and shape (camelCase vs snake_case,
``{"success": true, "data": ...}`` vs the bare object), so every response model
accepts all of them, and keeps fields it does not know: a new field from
Printora must not break a partner's integration, nor be silently dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated, Any, ClassVar
from urllib.parse import urlsplit
from uuid import UUID

from pydantic import (
    AfterValidator,
    AliasChoices,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    Strict,
    StringConstraints,
    model_validator,
)
from pydantic.alias_generators import to_camel

from printora_client import events

# The event types this client knows: read from the one registry (printora_client.events).
KNOWN_EVENTS = events.EVENT_NAMES


def _money(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("a money amount cannot be a boolean")
    if isinstance(value, float):
        # repr() is the shortest string that round-trips, i.e. what the JSON
        # said: 29.99 -> Decimal("29.99"), not 29.989999999999998436805981327779591083526611328125.
        return Decimal(repr(value))
    return value


def _assume_utc(value: datetime) -> datetime:
    # Printora sends "Z" timestamps; a naive one is read as UTC rather than in
    # whatever zone this server happens to run in.
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _require_http_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError("must be an absolute http(s) URL")
    if any(character.isspace() for character in value):
        raise ValueError("must not contain whitespace")
    return value


def _reject_bool(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("must be a whole number, not a boolean")
    return value


Money = Annotated[Decimal, BeforeValidator(_money)]
Timestamp = Annotated[datetime, AfterValidator(_assume_utc)]
HttpUrlString = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=2048),
    AfterValidator(_require_http_url),
]


class PrintoraModel(BaseModel):
    """Base of every model: camelCase or snake_case in, wrapped or bare, extras kept."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        validate_by_name=True,
        validate_by_alias=True,
        extra="allow",
        coerce_numbers_to_str=True,
    )

    unwraps_envelope: ClassVar[bool] = True

    @model_validator(mode="before")
    @classmethod
    def _accept_wrapped_and_bare(cls, value: Any) -> Any:
        wrapper: Mapping[str, Any] | None = None
        if (
            cls.unwraps_envelope
            and isinstance(value, Mapping)
            and value.get("success") is True
            and "data" in value
        ):
            wrapper, value = value, value["data"]
        return cls._normalise_input(value, wrapper)

    @classmethod
    def _normalise_input(cls, value: Any, wrapper: Mapping[str, Any] | None) -> Any:
        return value


# --- Requests -------------------------------------------------------------------------


def _blank_to_none(value: Any) -> Any:
    # An empty form field means "not given", not "pre-fill with nothing".
    if isinstance(value, str):
        return value.strip() or None
    return value


def _email_shape(value: str) -> str:
    local, at, domain = value.rpartition("@")
    if not at or not local or not domain or any(c.isspace() for c in value):
        raise ValueError("must look like name@example.com")
    return value


Email = Annotated[str, StringConstraints(max_length=254), AfterValidator(_email_shape)]
PersonName = Annotated[str, StringConstraints(max_length=200)]


class UserData(PrintoraModel):
    """Optional checkout pre-fill."""

    model_config = ConfigDict(extra="forbid")

    email: Annotated[Email | None, BeforeValidator(_blank_to_none)] = None
    name: Annotated[PersonName | None, BeforeValidator(_blank_to_none)] = None


class CreateSessionRequest(PrintoraModel):
    """Body of ``POST /api/v1/partner-session``: one of three modes, validated locally."""

    model_config = ConfigDict(extra="forbid")
    unwraps_envelope: ClassVar[bool] = False

    image_url: HttpUrlString | None = None
    creator_id: UUID | None = None
    merch_id: UUID | None = None
    variant_id: UUID | None = None
    quantity: Annotated[int, BeforeValidator(_reject_bool), Field(ge=1, le=100)] | None = None
    user_data: UserData | None = None
    success_url: HttpUrlString
    failed_url: HttpUrlString

    @model_validator(mode="after")
    def _exactly_one_mode(self) -> CreateSessionRequest:
        chosen = [v for v in (self.image_url, self.creator_id, self.merch_id) if v is not None]
        if len(chosen) != 1:
            raise ValueError("give exactly one of image_url, creator_id or merch_id")
        if self.variant_id is not None and self.merch_id is None:
            raise ValueError("variant_id can only be given together with merch_id")
        if self.user_data is not None and self.user_data.email is None and not self.user_data.name:
            self.user_data = None
        return self

    def to_payload(self) -> dict[str, Any]:
        """The current camelCase JSON body, absent values left out."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


# --- Orders (shared by the order list and the webhook ``data`` object) ----------------


class OrderItem(PrintoraModel):
    product_name: str | None = None
    price: Money | None = None
    quantity: int | None = None
    image_url: str | None = None
    variant: Any = None


class Customer(PrintoraModel):
    email: str | None = None
    phone: str | None = None
    first_name: str | None = None
    last_name: str | None = None


class ShippingAddress(PrintoraModel):
    street: str | None = None
    apartment: str | None = None
    city: str | None = None
    state: str | None = None
    zip_code: str | None = None
    country: str | None = None
    first_name: str | None = None
    last_name: str | None = None


class CreatorRef(PrintoraModel):
    id: str | None = None
    name: str | None = None
    slug: str | None = None


class OrderData(PrintoraModel):
    """An order as Printora describes it; any field may be missing or null."""

    order_id: str | None = None
    order_number: str | None = None
    session_id: str | None = None
    status: str | None = None
    payment_status: str | None = None
    payment_method: str | None = None
    payment_url: str | None = None
    paid_at: Timestamp | None = None
    total_amount: Money | None = None
    currency: str | None = None
    partner_image_url: str | None = None
    items: list[OrderItem] | None = None
    customer: Customer | None = None
    shipping_address: ShippingAddress | None = None
    tracking_number: str | None = None
    carrier: str | None = None
    tracking_url: str | None = None
    shipped_at: Timestamp | None = None
    delivered_at: Timestamp | None = None
    cancelled_at: Timestamp | None = None
    creator: CreatorRef | None = None
    created_at: Timestamp | None = None


class PartnerOrder(OrderData):
    """One row of ``GET /api/v1/partners/orders``."""

    order_id: str
    updated_at: Timestamp | None = None


class _Page(PrintoraModel):
    items_field: ClassVar[str]

    total: int | None = None
    limit: int | None = None
    offset: int | None = None

    @classmethod
    def _normalise_input(cls, value: Any, wrapper: Mapping[str, Any] | None) -> Any:
        if isinstance(value, list):
            value = {cls.items_field: value}
        if not isinstance(value, Mapping):
            return value
        value = dict(value)
        pagination = value.get("pagination")
        if not isinstance(pagination, Mapping) and wrapper is not None:
            pagination = wrapper.get("pagination")
        if isinstance(pagination, Mapping):
            for key in ("total", "limit", "offset"):
                if value.get(key) is None and pagination.get(key) is not None:
                    value[key] = pagination[key]
        return value


class OrderPage(_Page):
    items_field: ClassVar[str] = "orders"

    orders: list[PartnerOrder] = Field(default_factory=list)


# --- Sessions -------------------------------------------------------------------------


def _safe_redirect(value: str | None) -> str | None:
    # The redirect URL ends up in a browser; anything but http(s) (javascript:,
    # data:) would be a script-injection hole, so it is refused here.
    return None if value is None else _require_http_url(value)


class PartnerSession(PrintoraModel):
    """A partner session as created or read back."""

    session_id: str
    redirect_url: Annotated[str | None, AfterValidator(_safe_redirect)] = None
    session_mode: str | None = None
    image_url: str | None = None
    creator_id: str | None = None
    merch_id: str | None = None
    variant_id: str | None = None
    quantity: int | None = None
    status: str | None = None
    created_at: Timestamp | None = None
    expires_at: Timestamp | None = None
    order: PartnerOrder | None = None

    _idempotency_key: str | None = PrivateAttr(default=None)

    @property
    def idempotency_key(self) -> str | None:
        """The ``Idempotency-Key`` sent when this session was created (None when read back)."""
        return self._idempotency_key


# --- Webhook delivery logs (Printora side) --------------------------------------------


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


class WebhookLogPage(_Page):
    items_field: ClassVar[str] = "logs"

    logs: list[WebhookLog] = Field(
        default_factory=list,
        validation_alias=AliasChoices("logs", "webhookLogs", "webhook_logs", "items"),
    )


# --- Incoming webhooks ----------------------------------------------------------------


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
        return events.is_known(self.event)
