"""Orders, as listed by ``GET /api/v1/partners/orders`` and carried by webhook events."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field

from printora_client.models._base import Money, Page, PrintoraModel, Timestamp


class OrderItem(PrintoraModel):
    product_name: str | None = None
    price: Money | None = None
    quantity: int | None = None
    image_url: str | None = None
    variant: Any = None


class Customer(PrintoraModel):
    email: str | None = None
    phone: str | None = None
    first_name: str | None = None
    last_name: str | None = None


class ShippingAddress(PrintoraModel):
    street: str | None = None
    apartment: str | None = None
    city: str | None = None
    state: str | None = None
    zip_code: str | None = None
    country: str | None = None
    first_name: str | None = None
    last_name: str | None = None


class CreatorRef(PrintoraModel):
    id: str | None = None
    name: str | None = None
    slug: str | None = None


class OrderData(PrintoraModel):
    """An order as Printora describes it; any field may be missing or null."""

    order_id: str | None = None
    order_number: str | None = None
    session_id: str | None = None
    status: str | None = None
    payment_status: str | None = None
    payment_method: str | None = None
    payment_url: str | None = None
    paid_at: Timestamp | None = None
    total_amount: Money | None = None
    currency: str | None = None
    partner_image_url: str | None = None
    items: list[OrderItem] | None = None
    customer: Customer | None = None
    shipping_address: ShippingAddress | None = None
    tracking_number: str | None = None
    carrier: str | None = None
    tracking_url: str | None = None
    shipped_at: Timestamp | None = None
    delivered_at: Timestamp | None = None
    cancelled_at: Timestamp | None = None
    creator: CreatorRef | None = None
    created_at: Timestamp | None = None


class PartnerOrder(OrderData):
    """One row of ``GET /api/v1/partners/orders``."""

    order_id: str
    updated_at: Timestamp | None = None


class OrderPage(Page):
    items_field: ClassVar[str] = "orders"

    orders: list[PartnerOrder] = Field(default_factory=list)
