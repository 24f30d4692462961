"""What every resource shares: the transport, path segments, paging and "not given"."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Mapping
from enum import Enum
from typing import Any, Final, Literal, TypeVar
from urllib.parse import quote
from uuid import UUID

from pydantic import BaseModel, ValidationError

from printora_client._arguments import (
    details_from_validation,
    new_idempotency_key,
    require_idempotency_key,
    require_int,
    require_text,
)
from printora_client._transport import Transport
from printora_client.errors import InvalidRequestError, UnexpectedResponseError

MAX_PAGE_SIZE = 100

_Item = TypeVar("_Item")
_Request = TypeVar("_Request", bound=BaseModel)


class _NotGiven(Enum):
    """The default of update arguments: "leave as is", unlike None, which is sent as null."""

    NOT_GIVEN = "NOT_GIVEN"

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __bool__(self) -> Literal[False]:
        return False


NOT_GIVEN: Final = _NotGiven.NOT_GIVEN
NotGiven = Literal[_NotGiven.NOT_GIVEN]


class APIResource:
    """One group of Printora endpoints, sharing the client's transport."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._transport.base_url!r})"


def segment(name: str, value: str | UUID) -> str:
    """An id checked and escaped for use as one path segment."""
    return quote(require_text(name, str(value) if isinstance(value, UUID) else value), safe="")


def paging_params(
    *,
    limit: int | None,
    offset: int | None,
    page: int | None = None,
    **filters: str | None,
) -> dict[str, Any]:
    """Query parameters of a list call, checked before any HTTP; empty filters left out."""
    if offset is not None and page is not None:
        raise InvalidRequestError(
            "give offset or page, not both",
            details=[{"field": "page", "message": "offset or page, not both"}],
        )
    params: dict[str, Any] = {}
    if limit is not None:
        params["limit"] = require_int("limit", limit, 1, MAX_PAGE_SIZE)
    if offset is not None:
        params["offset"] = require_int("offset", offset, 0)
    if page is not None:
        params["page"] = require_int("page", page, 1)
    for name, value in filters.items():
        if value is None:
            continue
        if not isinstance(value, str):
            raise InvalidRequestError(
                f"{name} must be a string", details=[{"field": name, "message": "not a string"}]
            )
        if value.strip():
            params[name] = value.strip()
    return params


def walk_pages(
    fetch: Callable[[int], tuple[list[_Item], int | None]],
    key: Callable[[_Item], Hashable],
) -> Iterator[_Item]:
    """Every item of an offset-paged list, until an empty page or ``total`` is reached.

    ``fetch(offset)`` returns one page and the total (None when not reported).
    The offset advances by what came back, since the server may cap the page
    size; a server that ignores the offset and repeats a page is reported
    rather than walked forever.
    """
    offset = 0
    previous: list[Hashable] = []
    while True:
        items, total = fetch(offset)
        if not items:
            return
        keys = [key(item) for item in items]
        if keys == previous:
            raise UnexpectedResponseError(
                f"the server sent the same page again for offset {offset}: "
                "it does not seem to support offset paging"
            )
        previous = keys
        yield from items
        offset += len(items)
        if total is not None and offset >= total:
            return


def validate_request(model: type[_Request], call: str, given: Mapping[str, Any]) -> _Request:
    """Arguments as a request model, or ``InvalidRequestError`` naming each bad field."""
    try:
        return model.model_validate(dict(given))
    except ValidationError as exc:
        raise InvalidRequestError(
            f"{call} arguments are invalid", details=details_from_validation(exc)
        ) from None


def given(**arguments: Any) -> dict[str, Any]:
    """The arguments the caller actually passed (None included, NOT_GIVEN left out)."""
    return {name: value for name, value in arguments.items() if value is not NOT_GIVEN}


def idempotency_key_for(value: str | None) -> str:
    """The caller's key (checked) or a fresh one: chosen once, before the first attempt."""
    return new_idempotency_key() if value is None else require_idempotency_key(value)
