"""Validation of a create-session body, answering like Printora: a list of field errors."""

from __future__ import annotations

import re
import uuid
from typing import Any, TypedDict, TypeGuard
from urllib.parse import urlsplit

from printora_sandbox.models import SandboxCreator, SandboxMerch

# The older snake_case spelling (seed README) is accepted and read as camelCase.
SNAKE_TO_CAMEL = {
    "image_url": "imageUrl",
    "creator_id": "creatorId",
    "merch_id": "merchId",
    "variant_id": "variantId",
    "user_data": "userData",
    "success_url": "successUrl",
    "failed_url": "failedUrl",
}
MODES = {"imageUrl": "image", "creatorId": "creator", "merchId": "merch"}


def normalise(body: dict[str, Any]) -> dict[str, Any]:
    return {SNAKE_TO_CAMEL.get(key, key): value for key, value in body.items()}


def is_http_url(value: Any) -> bool:
    if not isinstance(value, str) or len(value) > 2048 or any(c.isspace() for c in value):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def is_uuid(value: object) -> TypeGuard[str]:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return isinstance(value, str)


def session_errors(body: dict[str, Any]) -> list[dict[str, str]]:
    errors: list[dict[str, str]] = []

    def fail(field: str, message: str) -> None:
        errors.append({"field": field, "message": message})

    given = [key for key in MODES if body.get(key) is not None]
    if len(given) != 1:
        fail("imageUrl", "exactly one of imageUrl, creatorId or merchId is required")
    if body.get("imageUrl") is not None and not is_http_url(body["imageUrl"]):
        fail("imageUrl", "imageUrl must be a valid URL")
    for field in ("creatorId", "merchId", "variantId"):
        if body.get(field) is not None and not is_uuid(body[field]):
            fail(field, f"{field} must be a UUID")
    if body.get("variantId") is not None and body.get("merchId") is None:
        fail("variantId", "variantId is only allowed with merchId")
    quantity = body.get("quantity")
    if quantity is not None and (
        isinstance(quantity, bool) or not isinstance(quantity, int) or not 1 <= quantity <= 100
    ):
        fail("quantity", "quantity must be a whole number from 1 to 100")
    user = body.get("userData")
    if user is not None:
        if not isinstance(user, dict):
            fail("userData", "userData must be an object")
        else:
            email = user.get("email")
            if email is not None and (not isinstance(email, str) or "@" not in email):
                fail("userData.email", "userData.email must be an email address")
            for part in ("name", "firstName", "lastName"):
                if user.get(part) is not None and not isinstance(user[part], str):
                    fail(f"userData.{part}", f"userData.{part} must be a string")
    for field in ("successUrl", "failedUrl"):
        if body.get(field) is None:
            fail(field, f"{field} is required")
        elif not is_http_url(body[field]):
            fail(field, f"{field} must be a valid URL")
    return errors


def full_name(user: dict[str, Any]) -> str:
    """``name``, or the newer split ``firstName`` / ``lastName`` joined."""
    if user.get("name"):
        return user["name"]
    return " ".join(filter(None, (user.get("firstName"), user.get("lastName"))))


class SessionFields(TypedDict):
    """A valid create-session body as ``SandboxSession`` fields ("" where not given)."""

    mode: str
    image_url: str
    creator_id: str
    merch_id: str
    variant_id: str
    quantity: int
    user_email: str
    user_name: str
    success_url: str
    failed_url: str


def session_fields(body: dict[str, Any]) -> SessionFields:
    """Model fields of a valid body."""
    mode = next(MODES[key] for key in MODES if body.get(key) is not None)
    user = body.get("userData") or {}
    return {
        "mode": mode,
        "image_url": body.get("imageUrl") or "",
        "creator_id": body.get("creatorId") or "",
        "merch_id": body.get("merchId") or "",
        "variant_id": body.get("variantId") or "",
        "quantity": body.get("quantity") or 1,
        "user_email": (user.get("email") or "")[:254],
        "user_name": full_name(user)[:200],
        "success_url": body["successUrl"],
        "failed_url": body["failedUrl"],
    }


# --- Flows B and C at session creation: the merch or creator must fit ---------------


class Rejected(Exception):
    """A body that is well formed but names something that does not fit (Printora's words)."""

    def __init__(self, status: int, code: str, message: str, field: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.field = status, code, message, field


def check_creator(creator: SandboxCreator | None, partner: str) -> None:
    if creator is None:
        raise Rejected(404, "NOT_FOUND", "Creator not found", "creatorId")
    if creator.partner != partner:
        raise Rejected(403, "FORBIDDEN", "Creator does not belong to this partner", "creatorId")
    if creator.status != "active":
        raise Rejected(400, "VALIDATION_ERROR", "Creator is not active", "creatorId")


def check_merch(
    merch: SandboxMerch | None, partner: str, *, variant_id: str | None, quantity: int
) -> SandboxMerch:
    """``merch`` if it can be sold to ``partner``'s shopper in ``quantity``, else Rejected."""
    if merch is None:
        raise Rejected(404, "NOT_FOUND", "Merch not found", "merchId")
    if merch.creator.partner != partner:
        raise Rejected(
            403, "FORBIDDEN", "Merch does not belong to a creator of this partner", "merchId"
        )
    if merch.status != "active" or merch.creator.status != "active":
        raise Rejected(400, "VALIDATION_ERROR", "Merch item is not active", "merchId")
    if variant_id is not None and variant_id not in merch.variant_ids:
        raise Rejected(
            400, "VALIDATION_ERROR", "variantId does not belong to this merch item", "variantId"
        )
    if merch.sold_out:
        raise Rejected(400, "VALIDATION_ERROR", "Merch item is sold out", "merchId")
    if merch.stock_remaining is not None and quantity > merch.stock_remaining:
        raise Rejected(
            400,
            "VALIDATION_ERROR",
            f"Only {merch.stock_remaining} units remaining for this merch item",
            "quantity",
        )
    return merch


# --- Creators and merch (POST / PUT bodies) ------------------------------------------

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CREATOR_STATUSES = ("active", "inactive", "suspended")
MERCH_STATUSES = ("active", "inactive", "archived")


def _text(
    body: dict[str, Any],
    field: str,
    errors: list[dict[str, str]],
    *,
    limit: int,
    required: bool = False,
    blank: bool = True,
) -> str | None:
    value = body.get(field)
    if value is None:
        if required:
            errors.append({"field": field, "message": f"{field} is required"})
        return None
    if not isinstance(value, str) or len(value) > limit or (not blank and not value.strip()):
        errors.append({"field": field, "message": f"{field} must be a text of 1-{limit} chars"})
        return None
    return value.strip()


def _nulls(
    body: dict[str, Any],
    *,
    partial: bool,
    clearable: dict[str, str],
    kept: tuple[str, ...],
    errors: list[dict[str, str]],
) -> dict[str, Any]:
    """On PUT an explicit null clears an optional field (``clearable``: JSON name -> model
    field) and is refused for one that cannot be empty (``kept``), rather than ignored."""
    if not partial:
        return {}
    for field in kept:
        if field in body and body[field] is None:
            errors.append({"field": field, "message": f"{field} cannot be null"})
    return {
        model: "" for field, model in clearable.items() if field in body and body[field] is None
    }


def creator_fields(body: dict[str, Any], *, partial: bool) -> tuple[dict, list]:
    """Model fields of a creator body and the field errors (``partial`` for PUT)."""
    errors: list[dict[str, str]] = []
    clearable = {"email": "email", "description": "description", "logoUrl": "logo_url"}
    fields = _nulls(
        body, partial=partial, clearable=clearable, kept=("name", "slug"), errors=errors
    )
    name = _text(body, "name", errors, limit=200, required=not partial, blank=False)
    if name is not None:
        fields["name"] = name
    slug = body.get("slug")
    if slug is not None:
        if not isinstance(slug, str) or len(slug) > 100 or not SLUG.match(slug):
            errors.append(
                {"field": "slug", "message": "slug must be lowercase letters, digits and hyphens"}
            )
        else:
            fields["slug"] = slug
    email = body.get("email")
    if email is not None:
        if not isinstance(email, str) or "@" not in email or len(email) > 254:
            errors.append({"field": "email", "message": "email must be an email address"})
        else:
            fields["email"] = email
    description = _text(body, "description", errors, limit=5000)
    if description is not None:
        fields["description"] = description
    logo = body.get("logoUrl")
    if logo is not None:
        if not is_http_url(logo):
            errors.append({"field": "logoUrl", "message": "logoUrl must be a valid URL"})
        else:
            fields["logo_url"] = logo
    return fields, errors


def creator_status(body: dict[str, Any]) -> str | None:
    status = body.get("status")
    return status if status in CREATOR_STATUSES else None


def merch_fields(
    body: dict[str, Any], *, partial: bool, products: dict, current: Any = None
) -> tuple[dict, list, bool]:
    """Model fields of a merch body, the field errors, and whether the variants are invalid.

    ``products`` maps catalog product ids to products (with ``variants``);
    ``current`` is the merch being updated, whose product and variants stand
    when the body leaves them out.
    """
    errors: list[dict[str, str]] = []
    kept = ("title", "designImageUrl", "status")  # productId, variantIds, isActive: below
    clearable = {"description": "description"}
    fields = _nulls(body, partial=partial, clearable=clearable, kept=kept, errors=errors)
    title = _text(body, "title", errors, limit=200, required=not partial, blank=False)
    if title is not None:
        fields["title"] = title
    description = _text(body, "description", errors, limit=5000)
    if description is not None:
        fields["description"] = description
    design = body.get("designImageUrl")
    if design is None and not partial:
        errors.append({"field": "designImageUrl", "message": "designImageUrl is required"})
    elif design is not None and not is_http_url(design):
        errors.append({"field": "designImageUrl", "message": "designImageUrl must be a valid URL"})
    elif design is not None:
        fields["design_image_url"] = design
    product_id = body.get("productId", current.product_id if current else None)
    product = products.get(str(product_id)) if product_id is not None else None
    if product is None:
        message = "productId is required" if product_id is None else "productId is unknown"
        errors.append({"field": "productId", "message": message})
    else:
        fields["product_id"] = product.id
    variant_ids = body.get("variantIds", current.variant_ids if current else None)
    bad_variants = False
    if variant_ids is None:
        errors.append({"field": "variantIds", "message": "variantIds is required"})
    elif (
        not isinstance(variant_ids, list)
        or not variant_ids
        or not all(isinstance(v, str) for v in variant_ids)
    ):
        errors.append({"field": "variantIds", "message": "variantIds must be a non-empty list"})
    elif product is not None:
        own = {v.id for v in product.variants}
        if not set(variant_ids) <= own:
            bad_variants = True
        fields["variant_ids"] = list(dict.fromkeys(variant_ids))
    if "stockLimit" in body:
        limit = body["stockLimit"]
        whole = isinstance(limit, int) and not isinstance(limit, bool)
        if limit is not None and (not whole or limit < 1):
            errors.append({"field": "stockLimit", "message": "stockLimit must be >= 1 or null"})
        elif current is not None and limit is not None and limit < current.stock_sold:
            message = f"stockLimit cannot be below the {current.stock_sold} units already sold"
            errors.append({"field": "stockLimit", "message": message})
        else:
            fields["stock_limit"] = limit
    status = body.get("status")
    if status is not None:
        if status not in MERCH_STATUSES:
            errors.append({"field": "status", "message": "status must be active|inactive|archived"})
        else:
            fields["status"] = status
    if "isActive" in body:
        if not isinstance(body["isActive"], bool):
            errors.append({"field": "isActive", "message": "isActive must be true or false"})
        elif status is None:
            fields["status"] = "active" if body["isActive"] else "inactive"
    return fields, errors, bad_variants
