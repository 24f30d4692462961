"""Webhook envelopes, shaped exactly as Printora documents them."""

from __future__ import annotations

import json
import re
import secrets
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from printora_client import events as registry
from printora_sandbox.models import SandboxOrder

# The one registry of event types (printora_client.events) names them all.
EVENT_TYPES = registry.EVENT_NAMES
CREATED, PAID = registry.ORDER_CREATED.name, registry.ORDER_PAID.name
SHIPPED, DELIVERED = registry.ORDER_SHIPPED.name, registry.ORDER_DELIVERED.name
CANCELLED = registry.ORDER_CANCELLED.name


def iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def money(amount: Decimal) -> float:
    # JSON numbers, as Printora sends them (29.99, not "29.99").
    return float(amount)


def order_data(order: SandboxOrder) -> dict[str, Any]:
    """The ``data`` object of every event about ``order``: the order as it is now."""
    address = order.shipping_address or {}
    item: dict[str, Any] = {
        "productName": f"{order.product_name} — {order.colour}, {order.size}",
        "price": money(order.unit_price),
        "quantity": order.quantity,
        "imageUrl": design_url(order),
        "variant": {"colour": order.colour, "size": order.size},
    }
    if order.merch is not None:
        item.update(
            merchId=str(order.merch_id),
            merchTitle=order.merch.title,
            variantId=order.variant_id or None,
        )
    return {
        "orderId": str(order.id),
        "orderNumber": order.order_number,
        "status": "processing" if order.status == SandboxOrder.Status.PAID else order.status,
        "paymentStatus": order.payment_status,
        "paymentMethod": "sandbox" if order.paid_at else None,
        "paidAt": iso(order.paid_at),
        "totalAmount": money(order.total_amount),
        "currency": order.currency,
        "partnerImageUrl": order.session.image_url or None,
        "items": [item],
        "customer": {
            "email": order.customer_email,
            "phone": order.customer_phone or None,
            "firstName": order.customer_first_name,
            "lastName": order.customer_last_name or None,
        },
        "shippingAddress": {
            "firstName": order.customer_first_name,
            "lastName": order.customer_last_name or None,
            **address,
        },
        "trackingNumber": order.tracking_number or None,
        "carrier": order.carrier or None,
        "trackingUrl": order.tracking_url or None,
        "shippedAt": iso(order.shipped_at),
        "deliveredAt": iso(order.delivered_at),
        "cancelledAt": iso(order.cancelled_at),
        "creator": creator_ref(order),
        "createdAt": iso(order.created_at),
    }


def design_url(order: SandboxOrder) -> str | None:
    if order.merch is not None:
        return order.merch.design_image_url
    return order.session.image_url or None


def creator_ref(order: SandboxOrder) -> dict[str, str] | None:
    """``{id, name, slug}`` for orders of flows B and C, ``None`` for flow A."""
    creator = order.creator
    if creator is None:
        return None
    return {"id": str(creator.id), "name": creator.name, "slug": creator.slug}


def envelope(
    event_type: str, session_id: str, data: dict[str, Any], timestamp: datetime | None = None
) -> dict[str, Any]:
    return {
        "sessionId": session_id,
        "event": event_type,
        "timestamp": iso(timestamp or timezone.now()),
        "data": data,
    }


def sample_data(event_type: str, order_id: str | None = None) -> dict[str, Any]:
    """Realistic data for an order that exists nowhere (``printora_trigger``)."""
    now = timezone.now()
    order_id = order_id or str(uuid.uuid4())
    data: dict[str, Any] = {
        "orderId": order_id,
        "orderNumber": f"SBX-{now:%Y}-{secrets.randbelow(1_000_000):06d}",
        "status": "processing" if event_type == PAID else registry.BY_NAME[event_type].status,
        "paymentStatus": "pending" if event_type == CREATED else "paid",
        "totalAmount": 28.99,
        "currency": "USD",
        "items": [{"productName": "T-Shirt — Black, M", "price": 24.0, "quantity": 1}],
        "customer": {"email": "shopper@example.com", "firstName": "Sam", "lastName": "Rivera"},
        "shippingAddress": {
            "firstName": "Sam",
            "lastName": "Rivera",
            "street": "500 Market St",
            "city": "San Francisco",
            "state": "CA",
            "zipCode": "94105",
            "country": "United States",
        },
        "creator": None,
        "createdAt": iso(now),
    }
    if event_type != CREATED:
        data.update(paymentMethod="sandbox", paidAt=iso(now))
    if event_type in (SHIPPED, DELIVERED):
        data.update(carrier="UPS", trackingNumber="1ZSBX0000000000001", shippedAt=iso(now))
        data["trackingUrl"] = "https://www.ups.com/track?tracknum=1ZSBX0000000000001"
    if event_type == DELIVERED:
        data["deliveredAt"] = iso(now)
    if event_type == CANCELLED:
        data.update(paymentStatus="refunded", cancelledAt=iso(now))
    return data


def snake_case(data: dict[str, Any]) -> dict[str, Any]:
    """The older snake_case spelling of the seed README (``order_id``, ``total_amount``)."""

    def convert(value: Any) -> Any:
        if isinstance(value, dict):
            return {snake(k): convert(v) for k, v in value.items()}
        if isinstance(value, list):
            return [convert(v) for v in value]
        return value

    return convert(data)


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def encode(payload: dict[str, Any]) -> str:
    """The exact text that is signed and sent."""
    return json.dumps(payload, ensure_ascii=False)
