"""Printora's creator platform under /sandbox/api/v1/: catalog, creators, merch and the
public merch-editor endpoints. Same auth, rate limit and error envelope as ``api``;
each reply in the first (current) form of the contract."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.http import HttpRequest, JsonResponse
from django.urls import reverse

from printora_sandbox import catalog, creator_services, events, idempotency, validation
from printora_sandbox.api import ApiError, PartnerRequest, api, by_id, ok, read_json
from printora_sandbox.models import (
    SandboxCreator,
    SandboxMerch,
    SandboxMerchEditSession,
    SandboxOrder,
)

PRODUCTS = {p.id: p for p in catalog.CATALOG}


def reply(status: int = 200, **body: Any) -> JsonResponse:
    return JsonResponse({"success": True, **body}, status=status)


def paging(request: HttpRequest) -> tuple[int, int]:
    """``limit`` (<= 100) with ``offset`` or ``page``: returns (limit, offset)."""
    try:
        limit = int(request.GET.get("limit", 20))
        page = int(request.GET["page"]) if "page" in request.GET else None
        offset = int(request.GET.get("offset", 0))
    except ValueError:
        raise ApiError(400, "VALIDATION_ERROR", "limit, offset and page must be numbers") from None
    if not 1 <= limit <= 100 or offset < 0 or (page is not None and page < 1):
        raise ApiError(
            400,
            "VALIDATION_ERROR",
            "Validation failed",
            [{"field": "limit", "message": "limit must be 1-100, offset >= 0, page >= 1"}],
        )
    return limit, (page - 1) * limit if page is not None else offset


def page_info(total: int, limit: int, offset: int) -> dict[str, int]:
    return {
        "total": total,
        "page": offset // limit + 1,
        "limit": limit,
        "offset": offset,
        "totalPages": math.ceil(total / limit),
    }


def _fields_or_400(fields_and_errors: tuple) -> dict[str, Any]:
    fields, errors = fields_and_errors[:2]
    if errors:
        raise ApiError(400, "VALIDATION_ERROR", errors[0]["message"], errors)
    return fields


# --- JSON shapes ------------------------------------------------------------------------


def variant_json(variant: catalog.Variant) -> dict[str, Any]:
    return {
        "id": variant.id,
        "color": variant.colour.name,
        "colorCode": variant.colour.code,
        "size": variant.size,
        "endPrice": events.money(variant.price),
    }


def product_json(product: catalog.CatalogProduct) -> dict[str, Any]:
    return {
        "id": product.id,
        "name": product.name,
        "category": product.category,
        "description": product.description,
        "thumbnail": None,
        "images": [],
        "variants": [variant_json(v) for v in product.variants],
    }


def creator_json(creator: SandboxCreator) -> dict[str, Any]:
    return {
        "id": str(creator.id),
        "name": creator.name,
        "slug": creator.slug,
        "email": creator.email or None,
        "description": creator.description or None,
        "logoUrl": creator.logo_url or None,
        "status": creator.status,
        "createdAt": events.iso(creator.created_at),
        "updatedAt": events.iso(creator.updated_at),
    }


def edit_session_json(edit: SandboxMerchEditSession) -> dict[str, Any]:
    path = reverse("printora_sandbox:merch-editor", args=[edit.merch.product_id, edit.token])
    return {
        "sessionId": str(edit.id),
        "token": edit.token,
        "editorUrl": settings.APP_URL + path,
        "expiresAt": events.iso(edit.expires_at),
    }


def merch_json(merch: SandboxMerch) -> dict[str, Any]:
    product = catalog.catalog_product(merch.product_id)
    variants = [catalog.VARIANTS[v] for v in merch.variant_ids if v in catalog.VARIANTS]
    return {
        "id": str(merch.id),
        "creatorId": str(merch.creator_id),
        "title": merch.title,
        "description": merch.description or None,
        "designImageUrl": merch.design_image_url,
        "status": merch.status,
        "isActive": merch.status == SandboxMerch.Status.ACTIVE,
        "stockLimit": merch.stock_limit,
        "stockSold": merch.stock_sold,
        "stockRemaining": merch.stock_remaining,
        "isLimitedEdition": merch.stock_limit is not None,
        "hasDesign": merch.konva_metadata is not None,
        "konvaMetadata": merch.konva_metadata,
        "productId": merch.product_id,
        "variantIds": merch.variant_ids,
        "product": (
            {"id": product.id, "name": product.name, "category": product.category}
            if product
            else None
        ),
        "variants": [variant_json(v) for v in variants],
        "createdAt": events.iso(merch.created_at),
        "updatedAt": events.iso(merch.updated_at),
    }


# --- Look-ups that answer 404 / 403 ---------------------------------------------------


def own_creator(request: PartnerRequest, creator_id: str) -> SandboxCreator:
    creator = by_id(SandboxCreator, creator_id)
    if creator is None:
        raise ApiError(404, "NOT_FOUND", "Creator not found")
    if creator.partner != request.partner:
        raise ApiError(403, "FORBIDDEN", "Creator does not belong to this partner")
    return creator


def own_merch(request: PartnerRequest, creator_id: str, merch_id: str) -> SandboxMerch:
    creator = own_creator(request, creator_id)
    merch = by_id(SandboxMerch, merch_id)
    if merch is None:
        raise ApiError(404, "NOT_FOUND", "Merch not found")
    if merch.creator_id != creator.id:
        raise ApiError(403, "FORBIDDEN", "Merch does not belong to a creator of this partner")
    return merch


# --- Catalog ----------------------------------------------------------------------------


@api(methods=("GET",))
def products(request: PartnerRequest) -> JsonResponse:
    limit, offset = paging(request)
    found = [p for p in catalog.CATALOG if p.variants]
    if request.GET.get("category"):
        found = [p for p in found if p.category == request.GET["category"]]
    if request.GET.get("search"):
        words = request.GET["search"].lower()
        found = [p for p in found if words in f"{p.name} {p.description}".lower()]
    page = [product_json(p) for p in found[offset : offset + limit]]
    info = page_info(len(found), limit, offset)
    del info["offset"]
    return ok({"products": page, **info})


# --- Creators ---------------------------------------------------------------------------


@api(methods=("GET", "POST"))
def creators(request: PartnerRequest) -> JsonResponse:
    if request.method == "POST":
        return idempotency.replay_or_run(request, lambda: _create_creator(request))
    limit, offset = paging(request)
    found = SandboxCreator.objects.filter(partner=request.partner)
    if request.GET.get("status"):
        found = found.filter(status=request.GET["status"])
    total = found.count()
    page = [creator_json(c) for c in found[offset : offset + limit]]
    return ok({"creators": page, **page_info(total, limit, offset)})


def _create_creator(request: PartnerRequest) -> JsonResponse:
    fields = _fields_or_400(validation.creator_fields(read_json(request), partial=False))
    try:
        creator = creator_services.create_creator(partner=request.partner, fields=fields)
    except creator_services.SlugTaken:
        raise _slug_taken() from None
    return reply(201, creator=creator_json(creator))


def _slug_taken() -> ApiError:
    message = "slug is already taken by another creator of this partner"
    return ApiError(400, "VALIDATION_ERROR", message, [{"field": "slug", "message": message}])


@api(methods=("GET", "PUT", "DELETE"))
def creator(request: PartnerRequest, creator_id: str) -> JsonResponse:
    found = own_creator(request, creator_id)
    if request.method == "DELETE":
        creator_services.delete_creator(creator=found)
        return reply()
    if request.method == "PUT":
        fields = _fields_or_400(validation.creator_fields(read_json(request), partial=True))
        try:
            found = creator_services.update_creator(creator=found, fields=fields)
        except creator_services.SlugTaken:
            raise _slug_taken() from None
    return reply(creator=creator_json(found))


@api(methods=("PUT",))
def creator_status(request: PartnerRequest, creator_id: str) -> JsonResponse:
    found = own_creator(request, creator_id)
    status = validation.creator_status(read_json(request))
    if status is None:
        message = "status must be active, inactive or suspended"
        raise ApiError(400, "VALIDATION_ERROR", message, [{"field": "status", "message": message}])
    found = creator_services.update_creator(creator=found, fields={"status": status})
    return reply(creator=creator_json(found))


@api(methods=("GET",))
def creator_stats(request: PartnerRequest, creator_id: str) -> JsonResponse:
    found = own_creator(request, creator_id)
    orders = SandboxOrder.objects.filter(creator=found)
    paid = ~Q(status=SandboxOrder.Status.PENDING) & ~Q(status=SandboxOrder.Status.CANCELLED)
    revenue = orders.filter(paid).aggregate(total=Sum("total_amount"))["total"] or Decimal(0)
    by_status = dict(orders.values_list("status").annotate(n=Count("id")).order_by())
    top = (
        orders.exclude(merch=None)
        .values("merch_id", "merch__title")
        .annotate(n=Count("id"))
        .order_by("-n", "merch__title")[:5]
    )
    stats = {
        "totalOrders": orders.count(),
        "totalRevenue": events.money(revenue),
        "ordersByStatus": by_status,
        "topMerch": [
            {"merchId": str(t["merch_id"]), "title": t["merch__title"], "orderCount": t["n"]}
            for t in top
        ],
    }
    return reply(stats=stats)


@api(methods=("GET",))
def creator_orders(request: PartnerRequest, creator_id: str) -> JsonResponse:
    found = own_creator(request, creator_id)
    limit, offset = paging(request)
    orders = SandboxOrder.objects.filter(creator=found).order_by("-created_at", "id")
    page = [
        {
            "id": str(o.id),
            "orderNumber": o.order_number,
            "status": o.status,
            "totalAmount": events.money(o.total_amount),
            "createdAt": events.iso(o.created_at),
            "customer": {
                "email": o.customer_email,
                "name": f"{o.customer_first_name} {o.customer_last_name}".strip(),
            },
        }
        for o in orders[offset : offset + limit]
    ]
    return reply(orders=page, total=orders.count())


# --- Merch ------------------------------------------------------------------------------


def _merch_fields(body: dict[str, Any], *, current: SandboxMerch | None = None) -> dict:
    fields, errors, bad_variants = validation.merch_fields(
        body, partial=current is not None, products=PRODUCTS, current=current
    )
    if errors:
        raise ApiError(400, "VALIDATION_ERROR", errors[0]["message"], errors)
    if bad_variants:
        message = "All variantIds must be variants of the product"
        detail = [{"field": "variantIds", "message": message}]
        raise ApiError(400, "INVALID_VARIANTS", message, detail)
    return fields


@api(methods=("GET", "POST"))
def merch_list(request: PartnerRequest, creator_id: str) -> JsonResponse:
    found = own_creator(request, creator_id)
    if request.method == "POST":
        return idempotency.replay_or_run(request, lambda: _create_merch(request, found))
    items = found.merch.all()
    if request.GET.get("status"):
        items = items.filter(status=request.GET["status"])
    return ok({"merch": [merch_json(m) for m in items]})


def _create_merch(request: PartnerRequest, creator: SandboxCreator) -> JsonResponse:
    fields = _merch_fields(read_json(request))
    merch, edit = creator_services.create_merch(creator=creator, fields=fields)
    return ok({**merch_json(merch), "editSession": edit_session_json(edit)}, status=201)


@api(methods=("GET", "PUT", "DELETE"))
def merch_item(request: PartnerRequest, creator_id: str, merch_id: str) -> JsonResponse:
    merch = own_merch(request, creator_id, merch_id)
    if request.method == "DELETE":
        creator_services.delete_merch(merch=merch)
        return reply()
    if request.method == "PUT":
        fields = _merch_fields(read_json(request), current=merch)
        merch = creator_services.update_merch(merch=merch, fields=fields)
    return ok(merch_json(merch))


@api(methods=("POST",))
def merch_edit_session(request: PartnerRequest, creator_id: str, merch_id: str) -> JsonResponse:
    merch = own_merch(request, creator_id, merch_id)
    return idempotency.replay_or_run(
        request, lambda: ok(edit_session_json(creator_services.new_edit_session(merch=merch)))
    )


# --- The merch design editor's public endpoints (by token, no key) ---------------------


def open_edit_session(token: str) -> SandboxMerchEditSession:
    edit = SandboxMerchEditSession.objects.select_related("merch").filter(token=token).first()
    if edit is None:
        raise ApiError(404, "SESSION_NOT_FOUND", "Editor session not found")
    try:
        creator_services.check_edit_session(edit)
    except creator_services.EditSessionClosed as closed:
        raise ApiError(410, closed.code, closed.message) from None
    return edit


@api(methods=("GET",), auth=False)
def editor_session(request: HttpRequest, token: str) -> JsonResponse:
    edit = open_edit_session(token)
    product = catalog.catalog_product(edit.merch.product_id)
    return ok(
        {
            **edit_session_json(edit),
            "merch": merch_json(edit.merch),
            "product": product_json(product) if product else None,
        }
    )


@api(methods=("POST",), auth=False)
def editor_save(request: HttpRequest, token: str) -> JsonResponse:
    edit = open_edit_session(token)
    body = read_json(request)
    metadata = body.get("konvaMetadata")
    metadata = metadata if isinstance(metadata, dict) else None
    design = body.get("designImageUrl")
    errors = []
    if metadata is None:
        errors.append({"field": "konvaMetadata", "message": "konvaMetadata must be an object"})
    if design is not None and not validation.is_http_url(design):
        errors.append({"field": "designImageUrl", "message": "designImageUrl must be a valid URL"})
    if errors or metadata is None:
        raise ApiError(400, "VALIDATION_ERROR", errors[0]["message"], errors)
    try:
        merch = creator_services.save_design(
            edit=edit, konva_metadata=metadata, design_image_url=design
        )
    except creator_services.EditSessionClosed as closed:
        raise ApiError(410, closed.code, closed.message) from None
    return ok(merch_json(merch))
