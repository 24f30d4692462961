"""The Partner API subset, under /sandbox/api/v1/, answering as Printora's contract says."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.db import models, transaction
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from dreamcanvas import ratelimit
from printora_sandbox import catalog, dispatcher, events, partners, services, validation
from printora_sandbox.models import (
    SandboxCreator,
    SandboxMerch,
    SandboxOrder,
    SandboxSession,
    SandboxWebhookLog,
)

M = TypeVar("M", bound=models.Model)


class PartnerRequest(HttpRequest):
    """A request that passed ``api(auth=True)``: ``partner`` names whose key it carries."""

    partner: str


View = Callable[..., JsonResponse]


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, details: list | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details


def ok(data: Any, status: int = 200) -> JsonResponse:
    return JsonResponse({"success": True, "data": data}, status=status)


def error(exc: ApiError) -> JsonResponse:
    body: dict[str, Any] = {"code": exc.code, "message": exc.message}
    if exc.details:
        body["details"] = exc.details
    return JsonResponse({"success": False, "error": body}, status=exc.status)


def bearer_key(request: HttpRequest) -> str:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    # An older Printora page documents x-api-key; accept it as well.
    return request.headers.get("X-Api-Key", "").strip()


def api(*, methods: tuple[str, ...], auth: bool = True) -> Callable[[View], View]:
    """Method check, rate limit, Bearer auth and the error envelope for one endpoint."""

    def decorate(view: View) -> View:
        @csrf_exempt
        @wraps(view)
        def wrapper(request: PartnerRequest, *args: Any, **kwargs: Any) -> JsonResponse:
            key = bearer_key(request)
            partner = partners.partner_for(key) if key else None
            # A known key has its own budget; every other request (no key, or any
            # invented one) shares its client address's, so rotating junk keys
            # cannot escape the limit.
            bucket = (
                f"partner:{partner}" if partner else f"addr:{request.META.get('REMOTE_ADDR', '')}"
            )
            usage = ratelimit.hit(f"sandbox:{bucket}", limit=settings.SANDBOX_RATE_LIMIT_PER_MINUTE)
            try:
                if request.method not in methods:
                    raise ApiError(405, "METHOD_NOT_ALLOWED", f"use {' or '.join(methods)}")
                if usage.exceeded:
                    raise ApiError(429, "RATE_LIMIT_EXCEEDED", "Too many requests")
                if auth and not key:
                    raise ApiError(401, "MISSING_API_KEY", "Authorization header is required")
                if auth:
                    if partner is None:
                        raise ApiError(401, "INVALID_API_KEY", "Invalid API key")
                    request.partner = partner
                response = view(request, *args, **kwargs)
            except ApiError as exc:
                response = error(exc)
                if exc.status == 429:
                    response["Retry-After"] = str(usage.retry_after())
                if exc.status == 405:
                    response["Allow"] = ", ".join(methods)
            for name, value in usage.headers().items():
                response[name] = value
            return response

        return wrapper

    return decorate


def read_json(request: HttpRequest) -> dict[str, Any]:
    try:
        body = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "VALIDATION_ERROR", "Body must be valid JSON") from None
    if not isinstance(body, dict):
        raise ApiError(400, "VALIDATION_ERROR", "Body must be a JSON object")
    return body


def session_json(session: SandboxSession) -> dict[str, Any]:
    latest = session.orders.first()
    status = SandboxSession.Status.EXPIRED if session.is_expired() else session.status
    if session.status in (SandboxSession.Status.COMPLETED, SandboxSession.Status.CANCELLED):
        status = session.status
    merch = None
    if session.mode == "merch":
        merch = SandboxMerch.objects.filter(pk=session.merch_id).first()
    extra = merch_session_json(session, merch) if merch else {}
    return {
        "sessionId": str(session.id),
        "redirectUrl": settings.APP_URL + reverse("printora_sandbox:editor", args=[session.token]),
        "sessionMode": session.mode,
        "imageUrl": (merch.design_image_url if merch else session.image_url) or None,
        "creatorId": session.creator_id or None,
        "merchId": session.merch_id or None,
        "variantId": session.variant_id or None,
        "quantity": session.quantity,
        "status": status,
        "createdAt": events.iso(session.created_at),
        "redirectExpiresAt": events.iso(session.redirect_expires_at),
        "expiresAt": events.iso(session.expires_at),
        "order": order_json(latest) if latest else None,
        **extra,
    }


def merch_session_json(session: SandboxSession, merch: SandboxMerch) -> dict[str, Any]:
    """Flow C's extra reply fields: the merch and its cart items."""
    product = catalog.catalog_product(merch.product_id)
    chosen = [session.variant_id] if session.variant_id else merch.variant_ids
    variants = [catalog.VARIANTS[v] for v in chosen if v in catalog.VARIANTS]
    return {
        "merch": {
            "id": str(merch.id),
            "title": merch.title,
            "description": merch.description or None,
            "designImageUrl": merch.design_image_url,
            "productId": merch.product_id,
            "variantIds": merch.variant_ids,
        },
        "cartItems": [
            {
                "productId": merch.product_id,
                "name": product.name if product else merch.title,
                "price": events.money(v.price),
                "productType": product.category if product else None,
                "size": v.size,
                "color": v.colour.name,
                "colorCode": v.colour.code,
                "variantId": v.id,
                "partnerSessionId": str(session.id),
                "quantity": session.quantity,
                "sku": f"{product.slug if product else 'item'}-{v.colour.name}-{v.size}".upper(),
                "image": merch.design_image_url,
                "preview": merch.design_image_url,
                "mockupPreviewUrl": None,
                "designUrl": merch.design_image_url,
            }
            for v in variants
        ],
    }


def order_json(order: SandboxOrder) -> dict[str, Any]:
    return {**events.order_data(order), "sessionId": str(order.session_id)}


def log_json(log: SandboxWebhookLog) -> dict[str, Any]:
    last = log.last_attempt or {}
    return {
        "id": log.pk,
        "eventType": log.event_type,
        "status": log.status,
        "orderId": str(log.order_id) if log.order_id else None,
        "sessionId": log.session_id,
        "url": log.url,
        "attempts": dispatcher.attempts_this_round(log),
        "lastStatusCode": last.get("status"),
        "lastAttemptAt": last.get("at"),
        "nextAttemptAt": events.iso(log.next_attempt_at),
        "createdAt": events.iso(log.created_at),
    }


def page_params(request: HttpRequest) -> tuple[int, int]:
    try:
        limit = int(request.GET.get("limit", 20))
        offset = int(request.GET.get("offset", 0))
    except ValueError:
        raise ApiError(400, "VALIDATION_ERROR", "limit and offset must be numbers") from None
    if not 1 <= limit <= 100 or offset < 0:
        raise ApiError(
            400,
            "VALIDATION_ERROR",
            "Validation failed",
            [{"field": "limit", "message": "limit must be 1-100 and offset >= 0"}],
        )
    return limit, offset


@api(methods=("POST",))
def create_session(request: PartnerRequest) -> JsonResponse:
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key:
        raise ApiError(400, "MISSING_IDEMPOTENCY_KEY", "Idempotency-Key header is required")
    if len(key) > 255:
        raise ApiError(400, "VALIDATION_ERROR", "Idempotency-Key is longer than 255 characters")
    body = validation.normalise(read_json(request))
    details = validation.session_errors(body)
    if details:
        raise ApiError(400, "VALIDATION_ERROR", "Validation failed", details)
    fields = validation.session_fields(body)
    # A replay answers as the first request did, even if the merch sold out since.
    if not SandboxSession.objects.filter(idempotency_key=key).exists():
        fields = _checked_mode(fields, request.partner)
    try:
        session, _ = services.create_session(idempotency_key=key, body=body, fields=fields)
    except services.IdempotencyConflict:
        raise ApiError(
            409,
            "IDEMPOTENCY_KEY_REUSED",
            "This Idempotency-Key was already used with a different request body",
        ) from None
    # A replay answers exactly as the first request did: 201 and the same session.
    return ok(session_json(session), status=201)


@api(methods=("GET",))
def get_session(request: HttpRequest, session_id: str) -> JsonResponse:
    session = by_id(SandboxSession, session_id)
    if session is None:
        raise ApiError(404, "NOT_FOUND", "Session not found")
    return ok(session_json(session))


@api(methods=("GET",), auth=False)
def get_session_by_token(request: HttpRequest, token: str) -> JsonResponse:
    session = SandboxSession.objects.filter(token=token).first()
    if session is None:
        raise ApiError(404, "NOT_FOUND", "Session not found")
    return ok(session_json(session))


@api(methods=("GET",))
def list_orders(request: HttpRequest) -> JsonResponse:
    limit, offset = page_params(request)
    orders = SandboxOrder.objects.select_related("session").order_by("created_at", "id")
    if request.GET.get("status"):
        orders = orders.filter(status=request.GET["status"])
    total = orders.count()
    page = [order_json(o) for o in orders[offset : offset + limit]]
    return ok({"orders": page, "total": total, "limit": limit, "offset": offset})


@api(methods=("GET",))
def list_webhook_logs(request: HttpRequest) -> JsonResponse:
    limit, offset = page_params(request)
    logs = SandboxWebhookLog.objects.order_by("-created_at", "-id")
    if request.GET.get("status"):
        logs = logs.filter(status=request.GET["status"])
    if request.GET.get("event_type"):
        logs = logs.filter(event_type=request.GET["event_type"])
    total = logs.count()
    page = [log_json(log) for log in logs[offset : offset + limit]]
    return ok({"logs": page, "total": total, "limit": limit, "offset": offset})


@api(methods=("POST",))
def retry_webhook_log(request: HttpRequest, log_id: int) -> JsonResponse:
    log = SandboxWebhookLog.objects.filter(pk=log_id).first()
    if log is None:
        raise ApiError(404, "NOT_FOUND", "Webhook log not found")
    if not dispatcher.retry_now(log):
        raise ApiError(409, "ALREADY_PENDING", "This webhook is already queued to be sent")
    return ok(log_json(log))


@api(methods=("POST",))
def resend_webhook(request: HttpRequest) -> JsonResponse:
    body = read_json(request)
    event_type = body.get("eventType") or body.get("event_type")
    order_id = body.get("orderId") or body.get("order_id")
    session_id = body.get("sessionId") or body.get("session_id")
    event: str | None = event_type if event_type in events.EVENT_TYPES else None
    details = []
    if event is None:
        details.append({"field": "eventType", "message": "eventType must be an order event"})
    if bool(order_id) == bool(session_id):
        details.append({"field": "orderId", "message": "exactly one of orderId or sessionId"})
    if details or event is None:
        raise ApiError(400, "VALIDATION_ERROR", "Validation failed", details)
    lookup = (
        {"pk": _uuid_or_none(order_id)} if order_id else {"session_id": _uuid_or_none(session_id)}
    )
    order = SandboxOrder.objects.filter(**lookup).order_by("-created_at").first()
    if order is None:
        raise ApiError(404, "NOT_FOUND", "Order not found")
    with transaction.atomic():
        log = services.send_event(order, event, note="resent")
    return ok(log_json(log), status=202)


def _checked_mode(fields: validation.SessionFields, partner: str) -> validation.SessionFields:
    """Flows B and C: the creator or merch must exist, be the partner's and be on sale."""
    try:
        if fields["mode"] == "creator":
            creator = SandboxCreator.objects.filter(pk=fields["creator_id"]).first()
            validation.check_creator(creator, partner)
        elif fields["mode"] == "merch":
            merch = (
                SandboxMerch.objects.select_related("creator").filter(pk=fields["merch_id"]).first()
            )
            merch = validation.check_merch(
                merch, partner, variant_id=fields["variant_id"] or None, quantity=fields["quantity"]
            )
            fields = {**fields, "creator_id": str(merch.creator_id)}
    except validation.Rejected as rejected:
        details = [{"field": rejected.field, "message": rejected.message}]
        raise ApiError(rejected.status, rejected.code, rejected.message, details) from None
    return fields


def _uuid_or_none(value: Any) -> str | None:
    return str(value) if validation.is_uuid(value) else None


def by_id(model: type[M], value: object) -> M | None:
    """The row whose UUID primary key is ``value``; None if there is none or it is no UUID."""
    return model._default_manager.filter(pk=value).first() if validation.is_uuid(value) else None
