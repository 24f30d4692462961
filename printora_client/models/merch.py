"""Merch items (one design on one product, in chosen variants) and their edit sessions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, ClassVar, Literal

from pydantic import AfterValidator, BeforeValidator, Field, StrictBool, field_validator

from printora_client.models._base import (
    HttpUrlString,
    Page,
    PrintoraModel,
    RequestModel,
    RequiredText,
    Timestamp,
    none_to_list,
    refuse_null,
    reject_bool,
    safe_browser_url,
)
from printora_client.models.catalog import Variant


class EditSession(PrintoraModel):
    """Printora's design editor for a creator: valid 24 h, single use.

    The token and the editor URL open the editor to whoever holds them: they
    are left out of ``repr()`` so that logging a model does not leak them.
    """

    envelope_keys: ClassVar[tuple[str, ...]] = ("editSession", "edit_session")

    session_id: str
    token: str | None = Field(default=None, repr=False)
    editor_url: Annotated[str | None, AfterValidator(safe_browser_url)] = Field(
        default=None, repr=False
    )
    expires_at: Timestamp | None = None


class MerchProduct(PrintoraModel):
    id: str | None = None
    name: str | None = None
    category: str | None = None


class Merch(PrintoraModel):
    """A merch item; ``edit_session`` is set on the reply to ``create``."""

    envelope_keys: ClassVar[tuple[str, ...]] = ("merch",)

    id: str
    title: str | None = None
    description: str | None = None
    design_image_url: str | None = None
    # "active", "inactive" or "archived".
    status: str | None = None
    is_active: bool | None = None
    # None means unlimited (and then stock_remaining is None too).
    stock_limit: int | None = None
    stock_sold: int | None = None
    stock_remaining: int | None = None
    is_limited_edition: bool | None = None
    has_design: bool | None = None
    product: MerchProduct | None = None
    variants: Annotated[list[Variant], BeforeValidator(none_to_list)] = Field(default_factory=list)
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None
    edit_session: EditSession | None = None

    @classmethod
    def _normalise_input(cls, value: Any, wrapper: Mapping[str, Any] | None) -> Any:
        # One document puts editSession inside the merch, another beside it.
        if isinstance(value, Mapping) and isinstance(wrapper, Mapping):
            for key in ("editSession", "edit_session"):
                if key in wrapper and "editSession" not in value and "edit_session" not in value:
                    value = {**value, key: wrapper[key]}
        return value


class MerchList(Page):
    """``{data: {merch: [...]}}``, ``{data: [...]}`` or ``{merch: [...]}``: one list."""

    items_field: ClassVar[str] = "merch"

    merch: list[Merch] = Field(default_factory=list)


class MerchFields(RequestModel):
    """Body of ``POST .../merch`` and ``PUT .../merch/{mid}``; ``stock_limit=None`` is unlimited."""

    title: RequiredText | None = None
    description: str | None = None
    design_image_url: HttpUrlString | None = None
    product_id: RequiredText | None = None
    variant_ids: Annotated[list[RequiredText], Field(min_length=1)] | None = None
    stock_limit: Annotated[int, BeforeValidator(reject_bool), Field(ge=1)] | None = None
    status: Literal["active", "inactive", "archived"] | None = None
    is_active: StrictBool | None = None

    _not_nullable = field_validator(
        "title",
        "design_image_url",
        "product_id",
        "variant_ids",
        "status",
        "is_active",
        mode="before",
    )(refuse_null)
