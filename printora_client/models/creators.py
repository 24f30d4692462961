"""Creators of the partner's platform, their stats and their orders."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, ClassVar, Literal

from pydantic import AliasChoices, BeforeValidator, Field, StringConstraints, field_validator

from printora_client.models._base import (
    HttpUrlString,
    Money,
    NumberedPage,
    Page,
    PrintoraModel,
    RequestModel,
    RequiredText,
    Timestamp,
    none_to_list,
    refuse_null,
)
from printora_client.models.sessions import Email


def _none_to_zero(value: Any) -> Any:
    # A creator without orders may get nulls instead of zeros.
    return 0 if value is None else value


def _none_to_dict(value: Any) -> Any:
    return {} if value is None else value


class Creator(PrintoraModel):
    envelope_keys: ClassVar[tuple[str, ...]] = ("creator",)

    id: str
    name: str | None = None
    slug: str | None = None
    email: str | None = None
    description: str | None = None
    logo_url: str | None = None
    # "active", "inactive" or "suspended".
    status: str | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None


class CreatorPage(NumberedPage):
    items_field: ClassVar[str] = "creators"
    creators: list[Creator] = Field(default_factory=list)


class TopMerch(PrintoraModel):
    merch_id: str | None = None
    title: str | None = None
    order_count: int | None = None


class CreatorStats(PrintoraModel):
    envelope_keys: ClassVar[tuple[str, ...]] = ("stats",)

    total_orders: Annotated[int, BeforeValidator(_none_to_zero)] = 0
    total_revenue: Annotated[Money, BeforeValidator(_none_to_zero)] = Decimal(0)
    orders_by_status: Annotated[dict[str, int], BeforeValidator(_none_to_dict)] = Field(
        default_factory=dict
    )
    top_merch: Annotated[list[TopMerch], BeforeValidator(none_to_list)] = Field(
        default_factory=list
    )


class CreatorOrderCustomer(PrintoraModel):
    email: str | None = None
    name: str | None = None


class CreatorOrder(PrintoraModel):
    """One order of a creator's merch (``GET /api/v1/creators/{id}/orders``)."""

    id: str = Field(validation_alias=AliasChoices("id", "orderId", "order_id"))
    order_number: str | None = None
    status: str | None = None
    total_amount: Money | None = None
    currency: str | None = None
    created_at: Timestamp | None = None
    customer: CreatorOrderCustomer | None = None


class CreatorOrderPage(Page):
    items_field: ClassVar[str] = "orders"

    orders: list[CreatorOrder] = Field(default_factory=list)


_SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class CreatorFields(RequestModel):
    """Body of ``POST /api/v1/creators`` and ``PUT /api/v1/creators/{id}``."""

    name: Annotated[RequiredText, StringConstraints(max_length=200)] | None = None
    # Lowercase words joined by hyphens; Printora derives one from the name when absent.
    slug: (
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=100, pattern=_SLUG)]
        | None
    ) = None
    email: Email | None = None
    description: str | None = None
    logo_url: HttpUrlString | None = None

    _not_nullable = field_validator("name", "slug", mode="before")(refuse_null)


class CreatorStatusChange(RequestModel):
    status: Literal["active", "inactive", "suspended"]
