"""Merch: one design on one catalog product, in chosen variants (flow C opens a session on one).

Printora's public merch-editor endpoints (``/api/v1/merch-editor/by-token/...``)
are left out on purpose: the creator's browser calls them from Printora's own
editor page, holding the single-use token. A partner server only hands out
``EditSession.editor_url`` and, once it is spent, asks for a new one.
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from printora_client.errors import InvalidRequestError
from printora_client.models import EditSession, Merch, MerchList
from printora_client.models.merch import MerchFields
from printora_client.resources._base import (
    NOT_GIVEN,
    APIResource,
    NotGiven,
    given,
    idempotency_key_for,
    paging_params,
    segment,
    validate_request,
)


class MerchResource(APIResource):
    """``client.merch``: every call names the creator the merch belongs to."""

    def create(
        self,
        creator_id: str | UUID,
        *,
        title: str,
        product_id: str | UUID,
        variant_ids: Sequence[str | UUID],
        design_image_url: str,
        description: str | None = None,
        stock_limit: int | None = None,
        idempotency_key: str | None = None,
    ) -> Merch:
        """Create a merch item; ``stock_limit=None`` is unlimited.

        The reply carries ``edit_session``: send the creator to its
        ``editor_url`` to place the design on the product.
        """
        path = _merch_path(creator_id)
        fields = given(
            title=title,
            product_id=_text(product_id),
            variant_ids=_texts(variant_ids),
            design_image_url=design_image_url,
            description=NOT_GIVEN if description is None else description,
            stock_limit=NOT_GIVEN if stock_limit is None else stock_limit,
        )
        body = validate_request(MerchFields, "merch.create", fields).to_payload()
        key = idempotency_key_for(idempotency_key)
        response = self._transport.request("POST", path, body=body, idempotency_key=key)
        return self._transport.parse(response, Merch, key)

    def list(self, creator_id: str | UUID, *, status: str | None = None) -> list[Merch]:
        """All of a creator's merch, optionally of one ``status``."""
        path = _merch_path(creator_id)
        params = paging_params(limit=None, offset=None, status=status)
        response = self._transport.request("GET", path, params=params)
        return self._transport.parse(response, MerchList).merch

    def get(self, creator_id: str | UUID, merch_id: str | UUID) -> Merch:
        response = self._transport.request("GET", _merch_path(creator_id, merch_id))
        return self._transport.parse(response, Merch)

    def update(
        self,
        creator_id: str | UUID,
        merch_id: str | UUID,
        *,
        title: str | NotGiven = NOT_GIVEN,
        description: str | NotGiven | None = NOT_GIVEN,
        design_image_url: str | NotGiven = NOT_GIVEN,
        product_id: str | UUID | NotGiven = NOT_GIVEN,
        variant_ids: Sequence[str | UUID] | NotGiven = NOT_GIVEN,
        stock_limit: int | NotGiven | None = NOT_GIVEN,
        status: str | NotGiven = NOT_GIVEN,
        is_active: bool | NotGiven = NOT_GIVEN,
    ) -> Merch:
        """Change the fields given, and only those; ``stock_limit=None`` makes it unlimited."""
        path = _merch_path(creator_id, merch_id)
        changes = given(
            title=title,
            description=description,
            design_image_url=design_image_url,
            product_id=_text(product_id),
            variant_ids=_texts(variant_ids),
            stock_limit=stock_limit,
            status=status,
            is_active=is_active,
        )
        if not changes:
            raise InvalidRequestError(
                "merch.update needs at least one field to change",
                details=[{"field": None, "message": "nothing to update"}],
            )
        body = validate_request(MerchFields, "merch.update", changes).to_payload()
        # PUT sets the given values: repeating it after a lost answer changes nothing more.
        response = self._transport.request("PUT", path, body=body)
        return self._transport.parse(response, Merch)

    def delete(self, creator_id: str | UUID, merch_id: str | UUID) -> None:
        """Delete a merch item; a retry that finds it already gone counts as done."""
        path = _merch_path(creator_id, merch_id)
        response = self._transport.request("DELETE", path, gone_is_done=True)
        if response.status_code != 404 and response.content.strip():
            self._transport.json_payload(response, None)

    def new_edit_session(self, creator_id: str | UUID, merch_id: str | UUID) -> EditSession:
        """A fresh editor session (the previous one is spent once a design is saved)."""
        path = _merch_path(creator_id, merch_id) + "/edit-session"
        key = idempotency_key_for(None)
        response = self._transport.request("POST", path, idempotency_key=key)
        return self._transport.parse(response, EditSession, key)


def _merch_path(creator_id: str | UUID, merch_id: str | UUID | None = None) -> str:
    path = f"/api/v1/creators/{segment('creator_id', creator_id)}/merch"
    return path if merch_id is None else f"{path}/{segment('merch_id', merch_id)}"


def _text(value: object) -> object:
    # UUIDs are welcome as ids; the request model checks everything else.
    return str(value) if isinstance(value, UUID) else value


def _texts(values: object) -> object:
    if isinstance(values, Sequence) and not isinstance(values, (str, bytes)):
        return [_text(value) for value in values]
    return values
