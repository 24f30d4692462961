"""Writes of Printora's creator platform, as the sandbox keeps it: creators, merch and
the merch design editor's single-use sessions. Each function is one transaction."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from printora_sandbox.models import SandboxCreator, SandboxMerch, SandboxMerchEditSession


class SlugTaken(Exception):
    """Another creator of the same partner already has this slug."""


class EditSessionClosed(Exception):
    """The merch editor session was already used or has expired."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


def _free_slug(partner: str, name: str) -> str:
    base = slugify(name)[:90] or "creator"
    taken = set(
        SandboxCreator.objects.filter(partner=partner, slug__startswith=base).values_list(
            "slug", flat=True
        )
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def create_creator(*, partner: str, fields: dict[str, Any]) -> SandboxCreator:
    """``fields`` are model fields; a missing slug is derived from the name."""
    fields = dict(fields)
    if not fields.get("slug"):
        fields["slug"] = _free_slug(partner, fields["name"])
    try:
        with transaction.atomic():
            return SandboxCreator.objects.create(partner=partner, **fields)
    except IntegrityError:
        raise SlugTaken from None


@transaction.atomic
def update_creator(*, creator: SandboxCreator, fields: dict[str, Any]) -> SandboxCreator:
    for name, value in fields.items():
        setattr(creator, name, value)
    creator.updated_at = timezone.now()
    try:
        with transaction.atomic():
            creator.save()
    except IntegrityError:
        raise SlugTaken from None
    return creator


@transaction.atomic
def delete_creator(*, creator: SandboxCreator) -> None:
    creator.delete()


@transaction.atomic
def create_merch(
    *, creator: SandboxCreator, fields: dict[str, Any]
) -> tuple[SandboxMerch, SandboxMerchEditSession]:
    """A new merch item and its first design-editor session."""
    merch = SandboxMerch.objects.create(creator=creator, **fields)
    return merch, SandboxMerchEditSession.objects.create(merch=merch)


@transaction.atomic
def update_merch(*, merch: SandboxMerch, fields: dict[str, Any]) -> SandboxMerch:
    for name, value in fields.items():
        setattr(merch, name, value)
    merch.updated_at = timezone.now()
    merch.save()
    return merch


@transaction.atomic
def delete_merch(*, merch: SandboxMerch) -> None:
    merch.delete()


@transaction.atomic
def new_edit_session(*, merch: SandboxMerch) -> SandboxMerchEditSession:
    return SandboxMerchEditSession.objects.create(merch=merch)


def check_edit_session(edit: SandboxMerchEditSession) -> None:
    """Raise ``EditSessionClosed`` unless the session can still save a design."""
    if edit.used_at is not None:
        raise EditSessionClosed("SESSION_USED", "This editor session was already used")
    if edit.is_expired():
        raise EditSessionClosed("SESSION_EXPIRED", "This editor session has expired")


@transaction.atomic
def save_design(
    *,
    edit: SandboxMerchEditSession,
    konva_metadata: dict[str, Any],
    design_image_url: str | None = None,
) -> SandboxMerch:
    """Store the placed design and spend the session (single use, also under races)."""
    check_edit_session(edit)
    spent = SandboxMerchEditSession.objects.filter(pk=edit.pk, used_at__isnull=True).update(
        used_at=timezone.now()
    )
    if spent != 1:
        raise EditSessionClosed("SESSION_USED", "This editor session was already used")
    merch = SandboxMerch.objects.select_for_update().get(pk=edit.merch_id)
    merch.konva_metadata = konva_metadata
    if design_image_url:
        merch.design_image_url = design_image_url
    merch.updated_at = timezone.now()
    merch.save()
    return merch
