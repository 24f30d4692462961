"""Creators: the artists of the partner's platform (flow B opens a session on one)."""

from __future__ import annotations

from collections.abc import Iterator
from uuid import UUID

from printora_client._arguments import require_int
from printora_client.errors import InvalidRequestError
from printora_client.models import (
    Creator,
    CreatorOrderPage,
    CreatorPage,
    CreatorStats,
)
from printora_client.models.creators import CreatorFields, CreatorStatusChange
from printora_client.resources._base import (
    MAX_PAGE_SIZE,
    NOT_GIVEN,
    APIResource,
    NotGiven,
    given,
    idempotency_key_for,
    paging_params,
    segment,
    validate_request,
    walk_pages,
)

_CREATORS = "/api/v1/creators"


class CreatorsResource(APIResource):
    """``client.creators``."""

    def create(
        self,
        *,
        name: str,
        slug: str | None = None,
        email: str | None = None,
        description: str | None = None,
        logo_url: str | None = None,
        idempotency_key: str | None = None,
    ) -> Creator:
        """Register a creator; without ``slug`` Printora derives one from the name."""
        optional = {"slug": slug, "email": email, "description": description, "logo_url": logo_url}
        fields = validate_request(
            CreatorFields,
            "creators.create",
            {"name": name, **{key: value for key, value in optional.items() if value is not None}},
        )
        key = idempotency_key_for(idempotency_key)
        response = self._transport.request(
            "POST", _CREATORS, body=fields.to_payload(), idempotency_key=key
        )
        return self._transport.parse(response, Creator, key)

    def list(
        self,
        *,
        limit: int | None = None,
        offset: int | None = None,
        page: int | None = None,
        status: str | None = None,
    ) -> CreatorPage:
        """One page of this partner's creators, optionally of one ``status``."""
        params = paging_params(limit=limit, offset=offset, page=page, status=status)
        response = self._transport.request("GET", _CREATORS, params=params)
        return self._transport.parse(response, CreatorPage)

    def iter(
        self, *, status: str | None = None, page_size: int = MAX_PAGE_SIZE
    ) -> Iterator[Creator]:
        """Every creator, page by page (by offset), until an empty page or ``total``."""
        page_size = require_int("page_size", page_size, 1, MAX_PAGE_SIZE)
        paging_params(limit=page_size, offset=0, status=status)

        def fetch(offset: int) -> tuple[list[Creator], int | None]:
            page = self.list(limit=page_size, offset=offset, status=status)
            return page.creators, page.total

        return walk_pages(fetch, key=lambda creator: creator.id)

    def get(self, creator_id: str | UUID) -> Creator:
        response = self._transport.request("GET", _path(creator_id))
        return self._transport.parse(response, Creator)

    def update(
        self,
        creator_id: str | UUID,
        *,
        name: str | NotGiven = NOT_GIVEN,
        slug: str | NotGiven = NOT_GIVEN,
        email: str | NotGiven | None = NOT_GIVEN,
        description: str | NotGiven | None = NOT_GIVEN,
        logo_url: str | NotGiven | None = NOT_GIVEN,
    ) -> Creator:
        """Change the fields given, and only those; None clears an optional field."""
        path = _path(creator_id)
        changes = given(
            name=name, slug=slug, email=email, description=description, logo_url=logo_url
        )
        if not changes:
            raise InvalidRequestError(
                "creators.update needs at least one field to change",
                details=[{"field": None, "message": "nothing to update"}],
            )
        fields = validate_request(CreatorFields, "creators.update", changes)
        # PUT sets the given values: repeating it after a lost answer changes nothing more.
        response = self._transport.request("PUT", path, body=fields.to_payload())
        return self._transport.parse(response, Creator)

    def set_status(self, creator_id: str | UUID, status: str) -> Creator:
        """``"active"``, ``"inactive"`` or ``"suspended"``."""
        path = _path(creator_id) + "/status"
        change = validate_request(CreatorStatusChange, "creators.set_status", {"status": status})
        response = self._transport.request("PUT", path, body=change.to_payload())
        return self._transport.parse(response, Creator)

    def delete(self, creator_id: str | UUID) -> None:
        """Delete a creator; a retry that finds it already gone counts as done."""
        response = self._transport.request("DELETE", _path(creator_id), gone_is_done=True)
        if response.status_code != 404 and response.content.strip():
            self._transport.json_payload(response, None)

    def stats(self, creator_id: str | UUID) -> CreatorStats:
        response = self._transport.request("GET", _path(creator_id) + "/stats")
        return self._transport.parse(response, CreatorStats)

    def orders(
        self, creator_id: str | UUID, *, limit: int | None = None, offset: int | None = None
    ) -> CreatorOrderPage:
        """One page of the orders of this creator's merch."""
        path = _path(creator_id) + "/orders"
        params = paging_params(limit=limit, offset=offset)
        response = self._transport.request("GET", path, params=params)
        return self._transport.parse(response, CreatorOrderPage)


def _path(creator_id: str | UUID) -> str:
    return f"{_CREATORS}/{segment('creator_id', creator_id)}"
