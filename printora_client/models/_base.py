"""The base model and the field types every Printora model shares.

Printora's documents disagree on spelling and shape (camelCase vs snake_case,
``{"success": true, "data": ...}`` vs ``{"success": true, "creator": ...}`` vs
the bare object), so every response model accepts all of them, and keeps
fields it does not know: a new field from Printora must not break a partner's
integration, nor be silently dropped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated, Any, ClassVar
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    StringConstraints,
    model_validator,
)
from pydantic.alias_generators import to_camel


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


def require_http_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError("must be an absolute http(s) URL")
    if any(character.isspace() for character in value):
        raise ValueError("must not contain whitespace")
    return value


def safe_browser_url(value: str | None) -> str | None:
    # URLs that end up in a browser (redirect, editor): anything but http(s)
    # (javascript:, data:) would be a script-injection hole, so it is refused.
    return None if value is None else require_http_url(value)


def reject_bool(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("must be a whole number, not a boolean")
    return value


def none_to_list(value: Any) -> Any:
    # "cartItems": null and a missing list mean the same: nothing.
    return [] if value is None else value


_HEX_COLOUR = re.compile(r"^#?([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$")


def _colour_code(value: Any) -> Any:
    """'#fff', 'FFFFFF', '#ffffff' -> '#FFFFFF'; anything unreadable -> None."""
    if not isinstance(value, str):
        return None
    match = _HEX_COLOUR.match(value.strip())
    if match is None:
        # One odd colour must not make a whole catalog page unreadable.
        return None
    digits = match.group(1).upper()
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    return f"#{digits}"


Money = Annotated[Decimal, BeforeValidator(_money)]
Timestamp = Annotated[datetime, AfterValidator(_assume_utc)]
ColourCode = Annotated[str | None, BeforeValidator(_colour_code)]


def _unwrap(value: Any, key: str) -> Any:
    """``{"success": true, key: {...}}`` (or ``{key: {...}}`` alone) -> the inner object."""
    if not isinstance(value, Mapping) or not isinstance(value.get(key), Mapping):
        return value
    if "success" in value or set(value) == {key}:
        return value[key]
    return value


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
    # Other keys this object comes wrapped in, e.g. ``{"success": true, "creator": {...}}``.
    envelope_keys: ClassVar[tuple[str, ...]] = ()

    @model_validator(mode="before")
    @classmethod
    def _accept_wrapped_and_bare(cls, value: Any) -> Any:
        wrapper: Mapping[str, Any] | None = None
        if cls.unwraps_envelope and isinstance(value, Mapping):
            if value.get("success") is True and "data" in value:
                wrapper, value = value, value["data"]
            for key in cls.envelope_keys:
                unwrapped = _unwrap(value, key)
                if unwrapped is not value:
                    wrapper, value = (wrapper or value), unwrapped
                    break
            if isinstance(value, Mapping) and value.get("success") is True:
                # {"success": true, "products": [...]}: the flag is not a field.
                value = {k: v for k, v in value.items() if k != "success"}
        return cls._normalise_input(value, wrapper)

    @classmethod
    def _normalise_input(cls, value: Any, wrapper: Mapping[str, Any] | None) -> Any:
        return value


class Page(PrintoraModel):
    """A list page: the items under ``items_field``, counts beside them or under ``pagination``."""

    items_field: ClassVar[str]
    pagination_keys: ClassVar[tuple[str, ...]] = ("total", "limit", "offset")

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
        sources = [value.get("pagination"), wrapper, (wrapper or {}).get("pagination")]
        for source in sources:
            if not isinstance(source, Mapping):
                continue
            for key in cls.pagination_keys:
                if value.get(key) is None and source.get(key) is not None:
                    value[key] = source[key]
        return value


class NumberedPage(Page):
    """A list the API pages by ``offset`` or by ``page``: both counts are read."""

    pagination_keys: ClassVar[tuple[str, ...]] = (
        "total",
        "limit",
        "offset",
        "page",
        "totalPages",
        "total_pages",
    )

    page: int | None = None
    total_pages: int | None = None


class RequestModel(PrintoraModel):
    """A request body, checked locally: unknown fields are a bug in the caller, not news."""

    model_config = ConfigDict(extra="forbid")
    unwraps_envelope: ClassVar[bool] = False

    def to_payload(self) -> dict[str, Any]:
        """The camelCase JSON body of the fields that were given (None sent as null)."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)


def refuse_null(value: Any) -> Any:
    # For fields that may be left out but not cleared (a title, a name).
    if value is None:
        raise ValueError("cannot be null: leave it out to keep the current value")
    return value


HttpUrlString = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=2048),
    AfterValidator(require_http_url),
]
RequiredText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
