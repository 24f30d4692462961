"""Partner sessions: the create request (three modes) and the session read back."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar
from uuid import UUID

from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    model_validator,
)

from printora_client.models._base import (
    ColourCode,
    HttpUrlString,
    Money,
    PrintoraModel,
    Timestamp,
    none_to_list,
    reject_bool,
    safe_browser_url,
)
from printora_client.models.orders import PartnerOrder


def blank_to_none(value: Any) -> Any:
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
OptionalName = Annotated[PersonName | None, BeforeValidator(blank_to_none)]


class UserData(PrintoraModel):
    """Optional checkout pre-fill; ``name`` is also sent split as ``firstName``/``lastName``."""

    model_config = ConfigDict(extra="forbid")

    email: Annotated[Email | None, BeforeValidator(blank_to_none)] = None
    name: OptionalName = None
    first_name: OptionalName = None
    last_name: OptionalName = None

    @model_validator(mode="after")
    def _split_name(self) -> UserData:
        # Printora's checkout has separate first and last name fields. The first
        # word is taken as the first name and the rest as the last name: a
        # guess, so a caller that knows better passes first/last explicitly.
        if self.name and self.first_name is None and self.last_name is None:
            first, _, last = self.name.strip().partition(" ")
            self.first_name = first or None
            self.last_name = last.strip() or None
        return self

    @property
    def is_empty(self) -> bool:
        return not (self.email or self.name or self.first_name or self.last_name)


class CreateSessionRequest(PrintoraModel):
    """Body of ``POST /api/v1/partner-session``: one of three modes, validated locally."""

    model_config = ConfigDict(extra="forbid")
    unwraps_envelope: ClassVar[bool] = False

    image_url: HttpUrlString | None = None
    creator_id: UUID | None = None
    merch_id: UUID | None = None
    variant_id: UUID | None = None
    quantity: Annotated[int, BeforeValidator(reject_bool), Field(ge=1, le=100)] | None = None
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
        if self.user_data is not None and self.user_data.is_empty:
            self.user_data = None
        return self

    def to_payload(self) -> dict[str, Any]:
        """The current camelCase JSON body, absent values left out."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


class SessionMerch(PrintoraModel):
    """The merch item a flow C session was opened on."""

    id: str
    title: str | None = None
    description: str | None = None
    design_image_url: str | None = None
    product_id: str | None = None
    variant_ids: list[str] = Field(default_factory=list)


class CartItem(PrintoraModel):
    """One line Printora put in the shopper's cart for a flow C session."""

    product_id: str | None = None
    name: str | None = None
    price: Money | None = None
    product_type: str | None = None
    size: str | None = None
    color: str | None = None
    color_code: ColourCode = None
    variant_id: str | None = None
    partner_session_id: str | None = None
    quantity: int | None = None
    sku: str | None = None
    image: str | None = None
    preview: str | None = None
    mockup_preview_url: str | None = None
    design_url: str | None = None


class PartnerSession(PrintoraModel):
    """A partner session as created or read back, in any of the three modes."""

    session_id: str
    redirect_url: Annotated[str | None, AfterValidator(safe_browser_url)] = None
    # "image", "creator" or "merch"; kept as any string (Printora may add modes).
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
    merch: SessionMerch | None = None
    cart_items: Annotated[list[CartItem], BeforeValidator(none_to_list)] = Field(
        default_factory=list
    )

    _idempotency_key: str | None = PrivateAttr(default=None)

    @property
    def idempotency_key(self) -> str | None:
        """The ``Idempotency-Key`` sent when this session was created (None when read back)."""
        return self._idempotency_key
